namespace Jianguan.Draw;

/// <summary>
/// The draw in one call, for pools at hand. The platform reading a large pool from its database feeds a
/// <see cref="DrawBuilder"/> row by row instead, so that the pool is checked and hashed while it is read.
/// </summary>
public static class Draw
{
    /// <summary>Freezes the pool, derives the seed from the secret, the pool's digest and the entropy, and selects.</summary>
    public static DrawResult Run(IEnumerable<PoolEntry> pool, string secret, string entropy, QuotaRules rules)
    {
        using var builder = new DrawBuilder();
        foreach (var entry in pool) builder.Add(entry.CreditCode, entry.Stratum);
        return builder.Freeze().Draw(secret, entropy, rules);
    }

    /// <summary>As <see cref="Run"/>, reading the pool as it streams in.</summary>
    public static async Task<DrawResult> RunAsync(IAsyncEnumerable<PoolEntry> pool, string secret, string entropy, QuotaRules rules,
        CancellationToken cancellationToken = default)
    {
        using var builder = new DrawBuilder();
        await foreach (var entry in pool.WithCancellation(cancellationToken)) builder.Add(entry.CreditCode, entry.Stratum);
        return builder.Freeze().Draw(secret, entropy, rules);
    }
}
