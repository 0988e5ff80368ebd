using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jianguan.Web.Platform.Rules;

/// <summary>
/// The legal periods and figures the platform applies, in versions each in force from its date
/// (<c>legal-rules.json</c>, beside this class; ../shared/LEGAL-RULES.md gives their sources). A deadline is
/// computed by the version in force on the date the law names: the finding for a listing, the decision for a repair.
/// Nothing else in the code holds these numbers.
/// </summary>
public sealed class LegalRules
{
    private readonly IReadOnlyList<CreditRules> _credit;
    private readonly IReadOnlyList<SpotCheckRules> _spotChecks;

    public LegalRules(IReadOnlyList<CreditRules> credit, IReadOnlyList<SpotCheckRules>? spotChecks = null)
    {
        if (credit.Count == 0) throw new ArgumentException("At least one version of the credit rules.", nameof(credit));
        _credit = [.. credit.OrderBy(r => r.EffectiveFrom)];
        _spotChecks = [.. (spotChecks ?? Default._spotChecks).OrderBy(r => r.EffectiveFrom)];
    }

    // Before Default: static fields start in the order written.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The rules shipped with the platform.</summary>
    public static LegalRules Default { get; } = Load();

    public IReadOnlyList<CreditRules> CreditVersions => _credit;

    /// <summary>The credit rules in force on <paramref name="date"/>.</summary>
    public CreditRules Credit(DateOnly date) =>
        _credit.LastOrDefault(r => r.EffectiveFrom <= date)
        ?? throw new InvalidOperationException($"No credit rules in force on {date:yyyy-MM-dd}; the earliest start {_credit[0].EffectiveFrom:yyyy-MM-dd}.");

    public IReadOnlyList<SpotCheckRules> SpotCheckVersions => _spotChecks;

    /// <summary>The spot-check rules in force on <paramref name="date"/>.</summary>
    public SpotCheckRules SpotChecks(DateOnly date) =>
        _spotChecks.LastOrDefault(r => r.EffectiveFrom <= date)
        ?? throw new InvalidOperationException($"No spot-check rules in force on {date:yyyy-MM-dd}; the earliest start {_spotChecks[0].EffectiveFrom:yyyy-MM-dd}.");

    private static LegalRules Load()
    {
        using var stream = typeof(LegalRules).Assembly.GetManifestResourceStream("Jianguan.Web.Platform.Rules.legal-rules.json")
            ?? throw new InvalidOperationException("legal-rules.json is not embedded.");
        var file = JsonSerializer.Deserialize<RulesFile>(stream, Json)!;
        return new LegalRules(file.Credit, file.SpotChecks);
    }

    private sealed record RulesFile(List<CreditRules> Credit, List<SpotCheckRules> SpotChecks);
}

/// <summary>One version of the credit rules (LEGAL-RULES.md §5–6).</summary>
public sealed record CreditRules(
    DateOnly EffectiveFrom, string Name, AbnormalListRules AbnormalList, SeriousViolationListRules SeriousViolationList,
    AnnualReportRules AnnualReport, RepairRules Repair, IReadOnlyList<string> Unsure)
{
    /// <summary>Whether a value (by its path in the file, "repair.decideWithinWorkingDays") is not confirmed against the primary text.</summary>
    public bool IsUnsure(string path) => Unsure.Contains(path);
}

/// <summary>经营异常名录: list within N working days of the finding; objection within N days; removal within N working days of the fix; escalation after N years.</summary>
public sealed record AbnormalListRules(int ListWithinWorkingDays, int ObjectionDays, int RemoveWithinWorkingDays, int EscalateAfterYears, string Source);

/// <summary>严重违法失信名单: the listing's period, and how long before early removal may be requested.</summary>
public sealed record SeriousViolationListRules(int PeriodYears, int EarlyRemovalAfterYears, string Source);

/// <summary>The annual report window (1 January – 30 June of the next year).</summary>
public sealed record AnnualReportRules(int WindowStartMonth, int WindowStartDay, int WindowEndMonth, int WindowEndDay, string Source)
{
    /// <summary>The last day to file the report for <paramref name="reportYear"/>.</summary>
    public DateOnly Deadline(int reportYear) => new(reportYear + 1, WindowEndMonth, WindowEndDay);

    public DateOnly WindowStart(int reportYear) => new(reportYear + 1, WindowStartMonth, WindowStartDay);
}

/// <summary>信用修复: by severity, the least time before a repair may be applied for and the longest publicity; the decision's deadline.</summary>
public sealed record RepairRules(IReadOnlyList<RepairTier> Tiers, int DecideWithinWorkingDays, string Source)
{
    /// <summary>The tier of a severity; the 2023 rules had no 轻微 tier, so their 一般 tier serves it.</summary>
    public RepairTier TierFor(Modules.Credit.CreditSeverity severity) =>
        Tiers.FirstOrDefault(t => t.Severity == severity)
        ?? Tiers.Where(t => t.Severity > severity).OrderBy(t => t.Severity).FirstOrDefault()
        ?? Tiers.OrderBy(t => t.Severity).Last();
}

public sealed record RepairTier(Modules.Credit.CreditSeverity Severity, int MinimumMonths, int MaximumMonths, bool Published);

/// <summary>
/// One version of the rules of 双随机、一公开 (LEGAL-RULES.md §3): results public within so many working days of the
/// inspection, at least so many officers, and the yearly cap of spot checks of one entity the province publishes.
/// </summary>
public sealed record SpotCheckRules(
    DateOnly EffectiveFrom, string Name, int PublishWithinWorkingDays, string PublishSource, int MinimumOfficers, string OfficersSource,
    int YearlyCapPerEntity, string CapSource, IReadOnlyList<string> Unsure)
{
    public bool IsUnsure(string path) => Unsure.Contains(path);
}
