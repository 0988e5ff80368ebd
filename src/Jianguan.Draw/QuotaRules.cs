namespace Jianguan.Draw;

/// <summary>
/// How many entities each stratum gives up. Ratios are per risk class in basis points (1/10,000; 500 = 5%), whole
/// numbers so that every implementation computes the same quota:
/// <c>quota = ceil(size × basisPoints / 10,000)</c>, in integers as <c>(size × basisPoints + 9,999) / 10,000</c>.
/// Rounding up means every non-empty stratum with a non-zero ratio is checked at least once (a stratum of three
/// class-D entities at 5% gives 1, not 0) and the share checked is never below the configured ratio, which the
/// policy sets as a minimum. A ratio of 0 exempts the class (class A, say). <see cref="ExplicitQuotas"/> overrides
/// the ratio for the strata it names; an explicit quota above its stratum's size is refused, never capped.
/// </summary>
public sealed record QuotaRules
{
    public const int BasisPointsWhole = 10_000;

    public QuotaRules(IReadOnlyDictionary<string, int> ratioBasisPoints, IReadOnlyDictionary<string, int>? explicitQuotas = null)
    {
        foreach (var (riskClass, bp) in ratioBasisPoints)
            if (bp is < 0 or > BasisPointsWhole)
                throw new DrawException("bad-ratio", $"The ratio of risk class {riskClass} must be 0 to 10,000 basis points; it is {bp}.",
                    $"风险类别 {riskClass} 的抽查比例应为 0 至 10000 个基点（万分之一），现为 {bp}。");
        foreach (var (stratum, quota) in explicitQuotas ?? new Dictionary<string, int>())
            if (quota < 0)
                throw new DrawException("bad-quota", $"The quota of stratum {stratum} is negative.", $"层 {stratum} 的抽取数量为负数。");
        RatioBasisPoints = ratioBasisPoints;
        ExplicitQuotas = explicitQuotas ?? new Dictionary<string, int>();
    }

    /// <summary>Basis points per risk class (the text of a stratum key before its first '|').</summary>
    public IReadOnlyDictionary<string, int> RatioBasisPoints { get; }

    /// <summary>Quotas given outright for some strata, by stratum key.</summary>
    public IReadOnlyDictionary<string, int> ExplicitQuotas { get; }

    /// <summary>One ratio for every class: <c>QuotaRules.Uniform(500)</c> checks 5% of each stratum.</summary>
    public static QuotaRules Uniform(int basisPoints, params string[] riskClasses) =>
        new((riskClasses.Length == 0 ? ["A", "B", "C", "D"] : riskClasses).ToDictionary(c => c, _ => basisPoints));

    /// <summary>
    /// The quota of every stratum, in the order given, from the sizes of the strata (which the platform can count
    /// before the draw, to show the rounding). Refuses a class without a ratio, and an explicit quota above its
    /// stratum or for a stratum that is not in the pool.
    /// </summary>
    public IReadOnlyList<StratumQuota> Compute(IEnumerable<(string Key, int Size)> strata)
    {
        var result = new List<StratumQuota>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, size) in strata)
        {
            keys.Add(key);
            var riskClass = PoolRules.RiskClass(key);
            int quota;
            if (ExplicitQuotas.TryGetValue(key, out var given))
            {
                quota = given <= size ? given
                    : throw new DrawException("quota-above-pool", $"The quota of stratum {key} is {given}, above its {size} entities.",
                        $"层 {key} 的抽取数量 {given} 超过了该层的 {size} 户。");
            }
            else if (RatioBasisPoints.TryGetValue(riskClass, out var bp))
                quota = Quota(size, bp);
            else
                throw new DrawException("no-ratio", $"The rules give no ratio for risk class {riskClass} (stratum {key}).",
                    $"规则没有规定风险类别 {riskClass} 的抽查比例（层 {key}）。");
            result.Add(new StratumQuota(key, size, quota));
        }
        foreach (var key in ExplicitQuotas.Keys)
            if (!keys.Contains(key) && ExplicitQuotas[key] > 0)
                throw new DrawException("quota-above-pool", $"A quota is given for stratum {key}, which has no entity in the pool.",
                    $"规则为层 {key} 规定了抽取数量，但名录中该层没有市场主体。");
        return result;
    }

    /// <summary>ceil(size × basisPoints / 10,000), in 64-bit integers.</summary>
    public static int Quota(int size, int basisPoints) => (int)(((long)size * basisPoints + BasisPointsWhole - 1) / BasisPointsWhole);
}

/// <summary>A stratum of the pool: its key, how many entities it holds, and how many are drawn from it.</summary>
public sealed record StratumQuota(string Key, int Size, int Quota)
{
    public string RiskClass => PoolRules.RiskClass(Key);
}
