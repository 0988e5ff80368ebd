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
    public void The_pool_digest_is_the_sha256_of_the_canonical_lines_in_credit_code_order()
    {
        var pool = Pools.Make(1000, Pools.FourClasses);
        var lines = string.Concat(pool.OrderBy(e => e.CreditCode, StringComparer.Ordinal).Select(e => $"{e.CreditCode}\t{e.Stratum}\n"));
        var result = Draw.Run(pool, Pools.Secret, "", Pools.RiskRules);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines))), result.PoolDigestHex);
    }

    [Fact]
    public void The_same_secret_pool_and_entropy_select_the_same_entities()
    {
        var pool = Pools.Make(20_000, Pools.FourClasses);
        var first = Draw.Run(pool, Pools.Secret, "上证指数 3345.67", Pools.RiskRules);
        var second = Draw.Run(pool, Pools.Secret, "上证指数 3345.67", Pools.RiskRules);
        Assert.Equal(first.SeedHex, second.SeedHex);
        Assert.Equal(first.Selected, second.Selected);
        var otherEntropy = Draw.Run(pool, Pools.Secret, "上证指数 3345.68", Pools.RiskRules);
        Assert.NotEqual(first.SeedHex, otherEntropy.SeedHex);
        Assert.NotEqual(first.Selected.Select(s => s.CreditCode), otherEntropy.Selected.Select(s => s.CreditCode));
    }
}
