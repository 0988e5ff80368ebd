using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Jianguan.Draw.Tests;

public sealed class DrawTests
{
    [Fact]
    public void The_commitment_is_the_sha256_of_the_secret_bytes_and_a_new_secret_is_64_hex_digits()
    {
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(Pools.Secret))), DrawSecret.Commitment(Pools.Secret));
        var secret = DrawSecret.New();
        Assert.Matches("^[0-9a-f]{64}$", secret);
        Assert.NotEqual(secret, DrawSecret.New());
    }

    [Fact]
    public void A_secret_that_is_not_64_hex_digits_is_refused()
    {
        Assert.Equal("bad-secret", Assert.Throws<DrawException>(() => DrawSecret.Commitment("abc")).Code);
        var pool = Draw(Pools.Make(10, Pools.FourClasses));
        Assert.Equal("bad-secret", Assert.Throws<DrawException>(() => pool.Draw(Pools.Secret[..63] + "g", "", Pools.RiskRules)).Code);
    }

    [Fact]
    public void The_worked_example_gives_the_figures_of_the_documentation()
    {
        var (draw, assignment, _) = WorkedExample.Run();
        Assert.Equal("00b65c54dffea03e6379ff1dee4d16f32911b502122e53f75f0b31a326b41765", draw.Commitment);
        Assert.Equal("6846372a1bb4207aa8e78c55020649160fe76ce69191ccaa98cdc3444a6f438b", draw.PoolDigestHex);
        Assert.Equal("c1f7066c0ccc59a080ad17dcc0281f6dbfb574666e3e6bb4683d351d237e0c5e", draw.SeedHex);
        Assert.Equal([("A|F52|330702001", 3, 0), ("C|F52|330702001", 4, 1), ("D|H62|330702002", 5, 3)], draw.Strata.Select(s => (s.Key, s.Size, s.Quota)));
        Assert.Equal(
            [
                ("91330702MA2F5T3XXN", "164c9485ff8e5481"), ("91330702MA2M8C4E7A", "1c722a4685ed72ef"),
                ("91330702MA2E6WYQ2T", "3bac2965cc17c77e"), ("91330702MA2J2R8K7X", "4a209b0020a971d1"),
            ],
            draw.Selected.Select(s => (s.CreditCode, s.RankHex)));
        var key = new RankKey(draw.Seed);
        Assert.Equal("02875977adb8dc60", RankKey.Format(key.Rank("91330702MA2L9W2B9T"u8)));
        Assert.Equal("e60d912dd17be062", RankKey.Format(key.Rank("91330702MA2G1N7H7K"u8)));
        Assert.Equal("6b86501a872d4939", RankKey.Format(key.OfficerRank("ZHZF-02")));
        Assert.Equal(
            ["91330702MA2F5T3XXN SCJG-02 ZHZF-02", "91330702MA2M8C4E7A SCJG-01 SCJG-03", "91330702MA2E6WYQ2T SCJG-01 ZHZF-01", "91330702MA2J2R8K7X SCJG-02 ZHZF-03"],
            assignment.Assignments.Select(a => $"{a.CreditCode} {string.Join(" ", a.OfficerIds)}"));
    }

    [Fact]
    public void The_worked_example_recomputes_with_nothing_but_sha256_as_another_implementation_would()
    {
        // The specification, step by step, with .NET's plain SHA-256: no code of the library.
        var lines = string.Concat(WorkedExample.Pool.OrderBy(e => e.CreditCode, StringComparer.Ordinal).Select(e => $"{e.CreditCode}\t{e.Stratum}\n"));
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(lines));
        var seedInput = new List<byte>();
        foreach (var field in new[] { Encoding.ASCII.GetBytes("jianguan-draw-v1"), Convert.FromHexString(WorkedExample.Secret), digest, Encoding.UTF8.GetBytes(WorkedExample.Entropy) })
        {
            var length = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)field.Length);
            seedInput.AddRange(length);
            seedInput.AddRange(field);
        }
        var seed = SHA256.HashData(seedInput.ToArray());
        ulong Rank(string message)
        {
            var label = new byte[32];
            Encoding.ASCII.GetBytes("jianguan-draw-v1/rank").CopyTo(label, 0);
            return BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData([.. label, .. seed, .. Encoding.UTF8.GetBytes(message)]));
        }
        var selected = WorkedExample.Pool.GroupBy(e => e.Stratum).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.OrderBy(e => Rank(e.CreditCode)).ThenBy(e => e.CreditCode, StringComparer.Ordinal)
                .Take(QuotaRules.Quota(g.Count(), WorkedExample.Rules.RatioBasisPoints[g.Key[..1]])))
            .Select(e => e.CreditCode);

        var (draw, _, _) = WorkedExample.Run();
        Assert.Equal(Convert.ToHexStringLower(digest), draw.PoolDigestHex);
        Assert.Equal(Convert.ToHexStringLower(seed), draw.SeedHex);
        Assert.Equal(selected, draw.Selected.Select(s => s.CreditCode));
        Assert.Equal(Rank("officer:SCJG-03"), new RankKey(seed).OfficerRank("SCJG-03"));
    }

    [Fact]
    public void The_pool_digest_is_the_sha256_of_the_canonical_lines_in_credit_code_order()
    {
        var pool = Pools.Make(1000, Pools.FourClasses);
        var lines = string.Concat(pool.OrderBy(e => e.CreditCode, StringComparer.Ordinal).Select(e => $"{e.CreditCode}\t{e.Stratum}\n"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines))), Draw(pool).DigestHex);
    }

    [Fact]
    public void Draw_with_the_same_secret_pool_and_entropy_selects_the_same_entities()
    {
        var pool = Pools.Make(20_000, Pools.FourClasses);
        var first = Jianguan.Draw.Draw.Run(pool, Pools.Secret, "上证指数 3345.67", Pools.RiskRules);
        var second = Jianguan.Draw.Draw.Run(pool, Pools.Secret, "上证指数 3345.67", Pools.RiskRules);
        Assert.Equal(first.SeedHex, second.SeedHex);
        Assert.Equal(first.Selected, second.Selected);
        var otherEntropy = Jianguan.Draw.Draw.Run(pool, Pools.Secret, "上证指数 3345.68", Pools.RiskRules);
        Assert.NotEqual(first.SeedHex, otherEntropy.SeedHex);
        Assert.NotEqual(first.Selected.Select(s => s.CreditCode), otherEntropy.Selected.Select(s => s.CreditCode));
    }

    [Fact]
    public void Each_stratum_gives_its_lowest_ranks_over_several_chunks_as_a_plain_sort_would()
    {
        // Over 65,536 entries: several chunks ranked in parallel, candidates merged.
        var pool = Pools.Make(150_000, [.. Pools.FourClasses, "B|E47|330702003", "D|L72|330702004"]);
        var result = Jianguan.Draw.Draw.Run(pool, Pools.Secret, "", Pools.RiskRules);
        var key = new RankKey(result.Seed);
        var expected = pool.GroupBy(e => e.Stratum).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.Select(e => new SelectedEntry(e.CreditCode, e.Stratum, key.Rank(Encoding.ASCII.GetBytes(e.CreditCode))))
                .OrderBy(s => s.Rank).ThenBy(s => s.CreditCode, StringComparer.Ordinal)
                .Take(QuotaRules.Quota(g.Count(), Pools.RiskRules.RatioBasisPoints[PoolRules.RiskClass(g.Key)])));
        Assert.Equal(expected, result.Selected);
        Assert.Equal(result.Strata.Sum(s => s.Quota), result.Selected.Count);
    }

    [Fact]
    public void Quotas_round_up_to_whole_entities_and_never_exceed_the_stratum()
    {
        Assert.Equal(1, QuotaRules.Quota(3, 500));      // 0.15 → 1: a small stratum is still checked
        Assert.Equal(1, QuotaRules.Quota(20, 500));     // 1.00 → 1
        Assert.Equal(2, QuotaRules.Quota(21, 500));     // 1.05 → 2
        Assert.Equal(0, QuotaRules.Quota(0, 500));
        Assert.Equal(0, QuotaRules.Quota(1_000, 0));    // exempt class
        Assert.Equal(1, QuotaRules.Quota(1, 1));
        Assert.Equal(1_000, QuotaRules.Quota(1_000, 10_000));
        Assert.Equal(107_374_183, QuotaRules.Quota(int.MaxValue, 500)); // no overflow: 64-bit arithmetic
        var preview = Pools.RiskRules.Compute([("A|x", 10), ("B|x", 34), ("C|x", 13), ("D|x", 1)]);
        Assert.Equal([0, 2, 2, 1], preview.Select(q => q.Quota));
    }

    [Fact]
    public void Quotas_can_be_shown_from_the_frozen_pool_before_the_draw()
    {
        var pool = Draw(Pools.Make(1000, Pools.FourClasses));
        var quotas = pool.Quotas(Pools.RiskRules);
        Assert.Equal(pool.Strata.Select(s => s.Key), quotas.Select(q => q.Key));
        Assert.Equal(quotas, pool.Draw(Pools.Secret, "", Pools.RiskRules).Strata);
    }

    [Fact]
    public void Class_A_exempt_with_a_ratio_of_0_gives_no_A_entity()
    {
        var result = Jianguan.Draw.Draw.Run(Pools.Make(10_000, Pools.FourClasses), Pools.Secret, "", Pools.RiskRules);
        Assert.Equal(0, result.Strata.Single(s => s.RiskClass == "A").Quota);
        Assert.DoesNotContain(result.Selected, s => s.Stratum.StartsWith("A|"));
        Assert.Contains(result.Selected, s => s.Stratum.StartsWith("D|"));
    }

    [Fact]
    public void Higher_risk_classes_are_drawn_at_their_higher_ratios()
    {
        var result = Jianguan.Draw.Draw.Run(Pools.Make(40_000, Pools.FourClasses), Pools.Secret, "", Pools.RiskRules);
        var share = result.Strata.ToDictionary(s => s.RiskClass, s => (double)s.Quota / s.Size);
        Assert.True(share["D"] > share["C"] && share["C"] > share["B"] && share["B"] > share["A"]);
    }

    [Fact]
    public void An_empty_pool_is_refused()
    {
        using var builder = new DrawBuilder();
        var e = Assert.Throws<DrawException>(builder.Freeze);
        Assert.Equal("empty-pool", e.Code);
        Assert.Contains("名录为空", e.Chinese);
        Assert.Equal("empty-pool", Assert.Throws<DrawException>(() => Jianguan.Draw.Draw.Run([], Pools.Secret, "", Pools.RiskRules)).Code);
    }

    [Fact]
    public void A_duplicate_credit_code_is_refused_in_order_or_not()
    {
        var inOrder = Pools.Make(100, Pools.FourClasses);
        inOrder.Insert(51, inOrder[50] with { Stratum = Pools.FourClasses[3] });
        var e = Assert.Throws<DrawException>(() => Draw(inOrder));
        Assert.Equal("duplicate-code", e.Code);
        Assert.Contains(Pools.Code(50), e.Message);

        var shuffled = Pools.Make(100, Pools.FourClasses);
        shuffled.Reverse();
        shuffled.Add(shuffled[3]);
        Assert.Equal("duplicate-code", Assert.Throws<DrawException>(() => Draw(shuffled)).Code);
    }

    [Fact]
    public void Entries_out_of_credit_code_order_are_sorted_and_give_the_same_draw()
    {
        var pool = Pools.Make(70_000, Pools.FourClasses);
        var sorted = Draw(pool);
        var shuffled = pool.OrderBy(e => e.CreditCode.GetHashCode()).ToList();
        var frozen = Draw(shuffled);
        Assert.True(sorted.ArrivedInOrder);
        Assert.False(frozen.ArrivedInOrder);
        Assert.Equal(sorted.DigestHex, frozen.DigestHex);
        Assert.Equal(sorted.Entries(), frozen.Entries());
        var draw = frozen.Draw(Pools.Secret, "x", Pools.RiskRules);
        Assert.Equal(sorted.Draw(Pools.Secret, "x", Pools.RiskRules).Selected, draw.Selected);
        // Each drawn entity's place in the order added, whatever order the pool was frozen in.
        Assert.Equal(draw.Selected.Select(s => s.CreditCode), draw.AddedAt.Select(i => shuffled[i].CreditCode));
        var inOrder = sorted.Draw(Pools.Secret, "x", Pools.RiskRules);
        Assert.Equal(inOrder.Selected.Select(s => s.CreditCode), inOrder.AddedAt.Select(i => pool[i].CreditCode));
    }

    [Theory]
    [InlineData("91330702ma00000001", "bad-code")]      // lower case
    [InlineData("91330702MA0000000１", "bad-code")]     // a full-width digit
    [InlineData("", "bad-code")]
    [InlineData("9133070200000000000000000000000000000000000000000000000000000000X", "bad-code")] // 65 characters
    public void An_invalid_credit_code_is_refused_naming_the_entry(string code, string reason)
    {
        var pool = Pools.Make(5, Pools.FourClasses);
        pool.Add(new PoolEntry(code, "B|x"));
        var e = Assert.Throws<DrawException>(() => Draw(pool));
        Assert.Equal(reason, e.Code);
        Assert.Contains("entry 6", e.Message);
    }

    [Theory]
    [InlineData("B|a\tb")]
    [InlineData("B|a\nb")]
    [InlineData("|B")]
    [InlineData("")]
    public void A_stratum_key_that_would_break_the_canonical_line_is_refused(string stratum)
    {
        var e = Assert.Throws<DrawException>(() => Draw([new PoolEntry(Pools.Code(1), stratum)]));
        Assert.Equal("bad-stratum", e.Code);
    }

    [Fact]
    public void Rules_without_a_ratio_for_a_class_in_the_pool_are_refused()
    {
        var pool = Draw(Pools.Make(100, Pools.FourClasses));
        var e = Assert.Throws<DrawException>(() => pool.Draw(Pools.Secret, "", new QuotaRules(new Dictionary<string, int> { ["A"] = 0, ["B"] = 300 })));
        Assert.Equal("no-ratio", e.Code);
        Assert.Contains("risk class C", e.Message);
    }

    [Fact]
    public void An_explicit_quota_above_its_stratum_is_refused_and_one_within_it_is_drawn()
    {
        var pool = Draw(Pools.Make(100, Pools.FourClasses));
        var size = pool.Strata.Single(s => s.Key == Pools.FourClasses[1]).Size;
        var tooMany = new QuotaRules(Pools.RiskRules.RatioBasisPoints, new Dictionary<string, int> { [Pools.FourClasses[1]] = size + 1 });
        var e = Assert.Throws<DrawException>(() => pool.Draw(Pools.Secret, "", tooMany));
        Assert.Equal("quota-above-pool", e.Code);
        Assert.Contains($"above its {size} entities", e.Message);

        var absent = new QuotaRules(Pools.RiskRules.RatioBasisPoints, new Dictionary<string, int> { ["C|nowhere"] = 1 });
        Assert.Equal("quota-above-pool", Assert.Throws<DrawException>(() => pool.Draw(Pools.Secret, "", absent)).Code);

        var all = new QuotaRules(Pools.RiskRules.RatioBasisPoints, new Dictionary<string, int> { [Pools.FourClasses[1]] = size });
        Assert.Equal(size, pool.Draw(Pools.Secret, "", all).Selected.Count(s => s.Stratum == Pools.FourClasses[1]));
    }

    [Fact]
    public void A_ratio_outside_0_to_10000_basis_points_is_refused()
    {
        Assert.Equal("bad-ratio", Assert.Throws<DrawException>(() => new QuotaRules(new Dictionary<string, int> { ["C"] = 10_001 })).Code);
        Assert.Equal("bad-ratio", Assert.Throws<DrawException>(() => new QuotaRules(new Dictionary<string, int> { ["C"] = -1 })).Code);
    }

    [Fact]
    public void Entropy_over_1024_bytes_is_refused()
    {
        var pool = Draw(Pools.Make(10, Pools.FourClasses));
        Assert.Equal("bad-entropy", Assert.Throws<DrawException>(() => pool.Draw(Pools.Secret, new string('号', 342), Pools.RiskRules)).Code);
    }

    [Fact]
    public void Utf8_and_string_entries_and_a_presumed_seed_give_the_same_draw()
    {
        var pool = Pools.Make(70_000, Pools.FourClasses);
        var expected = Jianguan.Draw.Draw.Run(pool, Pools.Secret, "e", Pools.RiskRules);
        using var builder = new DrawBuilder(presumedSeed: expected.Seed);
        foreach (var e in pool) builder.AddUtf8(Encoding.UTF8.GetBytes(e.CreditCode), Encoding.UTF8.GetBytes(e.Stratum));
        var frozen = builder.Freeze();
        Assert.Equal(expected.PoolDigestHex, frozen.DigestHex);
        Assert.Equal(expected.Selected, frozen.Draw(Pools.Secret, "e", Pools.RiskRules).Selected);

        using var indexed = new DrawBuilder(Pools.FourClasses);
        foreach (var e in pool) indexed.AddUtf8(Encoding.UTF8.GetBytes(e.CreditCode), Array.IndexOf(Pools.FourClasses, e.Stratum));
        Assert.Equal(expected.PoolDigestHex, indexed.Freeze().DigestHex);
    }

    [Fact]
    public void Strata_announced_while_adding_give_the_same_draw_and_are_refused_when_invalid_twice_or_mixed_with_text()
    {
        // A reader that meets the strata as it reads: each announced when first met, entries by number, over several chunks.
        var pool = Pools.Make(150_000, Pools.FourClasses);
        var expected = Jianguan.Draw.Draw.Run(pool, Pools.Secret, "e", Pools.RiskRules);
        using var builder = new DrawBuilder();
        var numbers = new Dictionary<string, int>();
        foreach (var e in pool)
        {
            if (!numbers.TryGetValue(e.Stratum, out var n)) numbers[e.Stratum] = n = builder.AddStratum(Encoding.UTF8.GetBytes(e.Stratum));
            builder.AddUtf8(Encoding.UTF8.GetBytes(e.CreditCode), n);
        }
        Assert.Equal([0, 1, 2, 3], numbers.Values.Order());
        var frozen = builder.Freeze();
        Assert.Equal(expected.PoolDigestHex, frozen.DigestHex);
        Assert.Equal(expected.Selected, frozen.Draw(Pools.Secret, "e", Pools.RiskRules).Selected);

        using var refusing = new DrawBuilder(["A|x"]);
        Assert.Equal("duplicate-stratum", Assert.Throws<DrawException>(() => refusing.AddStratum("A|x"u8)).Code);
        Assert.Equal(1, refusing.AddStratum("B|x"u8));
        Assert.Equal("duplicate-stratum", Assert.Throws<DrawException>(() => refusing.AddStratum("B|x"u8)).Code);
        Assert.Equal("bad-stratum", Assert.Throws<DrawException>(() => refusing.AddStratum("B|\n"u8)).Code);
        Assert.Throws<InvalidOperationException>(() => refusing.Add(Pools.Code(1), "C|x"));
        // A number not announced is refused at the freeze, naming the entry.
        refusing.AddUtf8(Encoding.UTF8.GetBytes(Pools.Code(1)), 1);
        refusing.AddUtf8(Encoding.UTF8.GetBytes(Pools.Code(2)), 2);
        Assert.Equal("bad-stratum", Assert.Throws<DrawException>(() => refusing.Freeze()).Code);

        using var text = new DrawBuilder();
        text.Add(Pools.Code(1), "B|x");
        Assert.Throws<InvalidOperationException>(() => text.AddStratum("C|x"u8));
    }

    [Fact]
    public void Nothing_can_be_added_to_a_frozen_pool()
    {
        using var builder = new DrawBuilder();
        builder.Add(Pools.Code(1), "B|x");
        builder.Freeze();
        Assert.Throws<InvalidOperationException>(() => builder.Add(Pools.Code(2), "B|x"));
    }

    [Fact]
    public void Strata_are_ordered_by_their_utf8_bytes()
    {
        // U+FF5C (full-width bar, 3 UTF-8 bytes) sorts after '|' (0x7C) and after U+00E9 (2 bytes).
        var pool = Draw([new PoolEntry(Pools.Code(1), "B|ｘ"), new PoolEntry(Pools.Code(2), "B|é"), new PoolEntry(Pools.Code(3), "B|z")]);
        Assert.Equal(["B|z", "B|é", "B|ｘ"], pool.Strata.Select(s => s.Key));
    }

    private static FrozenPool Draw(IEnumerable<PoolEntry> entries)
    {
        using var builder = new DrawBuilder();
        foreach (var e in entries) builder.Add(e);
        return builder.Freeze();
    }
}

public sealed class Sha256CompressTests
{
    [Fact]
    public void The_compression_function_direct_and_managed_gives_sha256()
    {
        Assert.Equal(OperatingSystem.IsLinux(), Jianguan.Integrity.Sha256.IsCompressDirect);
        Assert.True(Jianguan.Integrity.Sha256.CompressAgreesWithDotNet(direct: false));
        var hash = new byte[32];
        foreach (var direct in new[] { true, false }.Where(d => !d || Jianguan.Integrity.Sha256.IsCompressDirect))
        {
            Jianguan.Integrity.Sha256.HashByBlocks("abc"u8, hash, direct);
            Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(hash));
        }
    }

    [Fact]
    public void Ranks_of_a_batch_in_one_call_are_sha256_of_label_seed_and_code()
    {
        // 37 blocks in one call, as the draw ranks a batch of codes.
        var seed = SHA256.HashData("batch"u8);
        var key = new RankKey(seed);
        var codes = Enumerable.Range(0, 37).Select(i => Encoding.ASCII.GetBytes(Pools.Code(i * 7919))).ToArray();
        var blocks = new byte[codes.Length * 64];
        for (var i = 0; i < codes.Length; i++) RankKey.SecondBlock(codes[i], blocks.AsSpan(i * 64, 64));
        var ranks = new ulong[codes.Length];
        Jianguan.Integrity.Sha256.CompressEach(key.Midstate, blocks, ranks);
        var label = new byte[32];
        "jianguan-draw-v1/rank"u8.CopyTo(label);
        for (var i = 0; i < codes.Length; i++)
            Assert.Equal(BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData([.. label, .. seed, .. codes[i]])), ranks[i]);
    }

    [Fact]
    public void A_rank_of_a_message_longer_than_one_block_is_sha256_of_the_whole_input()
    {
        var seed = SHA256.HashData("seed"u8);
        var message = Encoding.UTF8.GetBytes(new string('8', 200));
        var label = new byte[32];
        "jianguan-draw-v1/rank"u8.CopyTo(label);
        Assert.Equal(BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData([.. label, .. seed, .. message])), new RankKey(seed).Rank(message));
        Assert.Equal(BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData([.. label, .. seed, .. message.AsSpan(0, 55)])), new RankKey(seed).Rank(message.AsSpan(0, 55)));
    }
}
