using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Jianguan.Draw.Tests;

/// <summary>
/// `jianguan-verify draw FILE` run as a process on records written by <see cref="DrawRecordWriter"/>: an intact
/// record passes every check; each kind of tampering fails the check that names it, with exit code 1.
/// </summary>
public sealed class VerifyToolTests : IClassFixture<VerifyToolTests.Record>, IDisposable
{
    private const string Market = "区市场监管局";
    private const string Enforcement = "区综合行政执法局";
    private readonly Record _record;
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"draw-record-{Guid.NewGuid():N}.json");

    public VerifyToolTests(Record record) => _record = record;

    public void Dispose() => File.Delete(_file);

    /// <summary>A joint draw over 3,000 entities in six strata, with conflicts and previous inspectors among the drawn.</summary>
    public sealed class Record
    {
        public Record()
        {
            var pool = Pools.Make(3000, [.. Pools.FourClasses, "B|E47|330702003", "D|L72|330702004"]);
            var draw = Jianguan.Draw.Draw.Run(pool, Pools.Secret, "2026-03-02 体彩 61872", Pools.RiskRules);
            var rules = new AssignmentRules([Market, Enforcement], new Dictionary<string, IReadOnlyList<string>> { [Market] = ["食品安全"], [Enforcement] = ["城市管理"] });
            Officers = Enumerable.Range(1, 8).Select(i => new Officer($"SCJG-{i}", Market, i == 8 ? [] : ["食品安全"]))
                .Concat(Enumerable.Range(1, 5).Select(i => new Officer($"ZHZF-{i}", Enforcement, ["城市管理"]))).ToList();
            var drawn = draw.Selected.Select(s => s.CreditCode).ToList();
            Conflicts = drawn.Where((_, i) => i % 7 == 0).Select((c, i) => new OfficerLink(c, $"SCJG-{i % 7 + 1}")).ToList();
            Previous = drawn.Where((_, i) => i % 3 == 0).Select((c, i) => new OfficerLink(c, $"ZHZF-{i % 5 + 1}")).ToList();
            var marketOnly = drawn.Where((_, i) => i % 4 == 1).ToHashSet();
            var entities = draw.Selected.Select(s => new EntityToAssign(s.CreditCode, marketOnly.Contains(s.CreditCode) ? [Market] : null)).ToList();
            var assignment = OfficerAssignment.Assign(draw.Seed, entities, Officers, rules, Conflicts, Previous);
            var task = new DrawTask("2026-WC-0001", "联合抽查", "riskClass|industry|division", Pools.RiskRules, rules);
            var record = DrawRecord.Create(task, draw, Officers, Conflicts, Previous, assignment, s => marketOnly.Contains(s.CreditCode) ? [Market] : null);
            using var buffer = new MemoryStream();
            DrawRecordWriter.Write(buffer, record, draw.Pool);
            Json = buffer.ToArray();
            PoolCodes = pool.Select(e => e.CreditCode).ToHashSet();
        }

        public byte[] Json { get; }
        public List<Officer> Officers { get; }
        public List<OfficerLink> Conflicts { get; }
        public List<OfficerLink> Previous { get; }
        public HashSet<string> PoolCodes { get; }
        public JsonObject Node() => JsonNode.Parse(Json)!.AsObject();
    }

    [Fact]
    public void An_intact_record_passes_every_check_and_exits_0()
    {
        File.WriteAllBytes(_file, _record.Json);
        var (exit, output) = Run("draw", _file);
        Assert.Equal(0, exit);
        foreach (var check in DrawVerifier.CheckNames) Assert.Matches($"(?m)^OK +{check}: ", output);
        Assert.Contains("VERIFIED", output);
    }

    [Fact]
    public void A_changed_secret_fails_the_commitment()
    {
        var record = _record.Node();
        var secret = (string)record["secret"]!;
        record["secret"] = secret[..^1] + (secret[^1] == '0' ? '1' : '0');
        AssertMismatch(record, "commitment", "seed");
    }

    [Fact]
    public void A_pool_entry_added_fails_the_pool_digest()
    {
        var record = _record.Node();
        var pool = record["pool"]!.AsArray();
        // A new code just after the 100th (it extends it, so it sorts before the 101st): the order still holds.
        pool.Insert(101, new JsonArray((string)pool[100]![0]! + "5", 1));
        record["poolSize"] = pool.Count;
        var (exit, output) = Verify(record);
        Assert.Equal(1, exit);
        Assert.Matches("(?m)^OK +pool: ", output);
        Assert.Matches("(?m)^MISMATCH +pool-digest: ", output);
        Assert.Matches("(?m)^MISMATCH +strata: ", output);
    }

    [Fact]
    public void A_pool_entry_removed_fails_the_pool_digest()
    {
        var record = _record.Node();
        var pool = record["pool"]!.AsArray();
        var selected = record["selected"]!.AsArray().Select(s => (string)s!["creditCode"]!).ToHashSet();
        var unselected = pool.First(e => !selected.Contains((string)e![0]!))!;
        pool.Remove(unselected);
        AssertMismatch(record, "pool-digest");
    }

    [Fact]
    public void A_selected_entity_swapped_for_another_of_its_stratum_fails_the_selection()
    {
        var record = _record.Node();
        var first = record["selected"]!.AsArray()[0]!.AsObject();
        var strata = record["strata"]!.AsArray().Select(s => (string)s!["key"]!).ToList();
        var selected = record["selected"]!.AsArray().Select(s => (string)s!["creditCode"]!).ToHashSet();
        var stratum = strata.IndexOf((string)first["stratum"]!);
        var other = record["pool"]!.AsArray().First(e => (int)e![1]! == stratum && !selected.Contains((string)e[0]!))!;
        var replaced = (string)first["creditCode"]!;
        first["creditCode"] = (string)other[0]!;
        foreach (var a in record["assignments"]!.AsArray().Where(a => (string)a!["creditCode"]! == replaced)) a!["creditCode"] = (string)other[0]!;
        var output = AssertMismatch(record, "selection");
        Assert.Contains(replaced, output);
    }

    [Fact]
    public void An_assignment_changed_to_a_recused_officer_fails_the_assignment_rules_naming_the_recusal()
    {
        var record = _record.Node();
        var link = _record.Previous[0];
        var assignment = record["assignments"]!.AsArray().First(a => (string)a!["creditCode"]! == link.CreditCode)!;
        var officers = assignment["officers"]!.AsArray();
        var index = officers.Select(o => (string)o!).ToList().FindIndex(o => o.StartsWith("ZHZF"));
        officers[index] = link.OfficerId;
        var output = AssertMismatch(record, "assignment-rules", "assignment");
        Assert.Contains($"{link.CreditCode}: officer {link.OfficerId} is recused (inspected it in the previous check)", output);
    }

    [Fact]
    public void A_quota_changed_fails_the_quotas()
    {
        var record = _record.Node();
        var stratum = record["strata"]!.AsArray()[3]!;
        stratum["quota"] = (int)stratum["quota"]! + 1;
        var output = AssertMismatch(record, "quotas");
        Assert.Matches("(?m)^OK +selection: ", output);
    }

    [Fact]
    public void A_ratio_changed_in_the_rules_fails_the_quotas()
    {
        var record = _record.Node();
        record["rules"]!["ratios"]!["D"] = 1000;
        AssertMismatch(record, "quotas", "selection");
    }

    [Fact]
    public void A_changed_entropy_fails_the_seed()
    {
        var record = _record.Node();
        record["entropy"] = "2026-03-02 体彩 61873";
        AssertMismatch(record, "seed");
    }

    [Fact]
    public void A_record_with_its_properties_in_another_order_verifies_the_same()
    {
        // As a tool that sorts keys writes it: the pool before the seed and the strata.
        var record = _record.Node();
        var sorted = new JsonObject();
        foreach (var (name, value) in record.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
        {
            record.Remove(name);
            sorted[name] = value;
        }
        var (exit, output) = Verify(sorted);
        Assert.Equal(0, exit);
        Assert.DoesNotContain("MISMATCH", output);
    }

    [Fact]
    public void A_file_that_is_not_a_draw_record_exits_2_and_bad_usage_too()
    {
        File.WriteAllText(_file, "{\"version\": \"jianguan-draw-v1\", \"pool\": [");
        var (exit, output) = Run("draw", _file);
        Assert.Equal(2, exit);
        Assert.Contains("cannot read", output);

        var record = _record.Node();
        record.Remove("secret");
        File.WriteAllText(_file, record.ToJsonString());
        (exit, output) = Run("draw", _file);
        Assert.Equal(2, exit);
        Assert.Contains("no 'secret'", output);

        Assert.Equal(2, Run("draw", _file + ".missing").Exit);
        Assert.Equal(2, Run("draw").Exit);
        Assert.Equal(2, Run("shuffle", _file).Exit);
    }

    [Fact]
    public void The_verifier_in_process_gives_the_same_checks()
    {
        using var stream = new MemoryStream(_record.Json);
        var verification = DrawVerifier.Verify(stream);
        Assert.True(verification.Holds);
        Assert.Equal(DrawVerifier.CheckNames, verification.Checks.Select(c => c.Name));
    }

    private string AssertMismatch(JsonObject record, params string[] checks)
    {
        var (exit, output) = Verify(record);
        Assert.Equal(1, exit);
        foreach (var check in checks) Assert.Matches($"(?m)^MISMATCH +{check}: ", output);
        Assert.Contains("NOT VERIFIED", output);
        return output;
    }

    private (int Exit, string Output) Verify(JsonObject record)
    {
        File.WriteAllText(_file, record.ToJsonString());
        return Run("draw", _file);
    }

    private static (int Exit, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Jianguan.Verify.dll"));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }
}
