using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Credit;

public sealed record CreditRecordDto(
    long Id, string Kind, string KindName, string Severity, string SeverityName, string Title, string? Detail, string? DecisionNumber,
    string OccurredOn, string IssuedBy, string Source, string? PublicFrom, string? PublicUntil, string? PublicityEndedOn, string? PublicityEndReason, bool IsPublic)
{
    public static CreditRecordDto From(CreditRecord r, DateOnly today) => new(
        r.Id, r.Kind.ToString(), CreditNames.Kind(r.Kind), r.Severity.ToString(), CreditNames.Severity(r.Severity), r.Title, r.Detail, r.DecisionNumber,
        Date(r.OccurredOn), r.IssuedBy, r.Source.ToString(), Date(r.PublicFrom), Date(r.PublicUntil), Date(r.PublicityEndedOn), r.PublicityEndReason,
        r.IsPublicOn(today));

    internal static string Date(DateOnly d) => d.ToString("yyyy-MM-dd");
    internal static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd");
}

public sealed record ListingDto(
    long Id, string List, string ListName, string Reason, string ReasonName, string LegalBasis, int? ReportYear, bool IsStatusMark,
    string FoundOn, string ListBy, string ListedOn, bool ListedLate, string DecisionNumber, string Department, string Facts, string ObjectionBy,
    string? ExpiresOn, bool EscalationDue, string? RemovalRequestedOn, string? RemoveBy, string? RemovedOn, string? RemovalReason, string? RemovalReasonName,
    string? RemovalDecisionNumber, long? RelatedListingId, bool Active, IReadOnlyList<string> PossibleRemovals)
{
    public static ListingDto From(CreditListing l, DateOnly today)
    {
        var reason = ListingReasons.Of(l.Reason);
        return new(l.Id, l.List.ToString(), ListingReasons.ListName(l.List), l.Reason.ToString(), reason.Name, reason.LegalBasis, l.ReportYear, l.IsStatusMark,
            CreditRecordDto.Date(l.FoundOn), CreditRecordDto.Date(l.ListBy), CreditRecordDto.Date(l.ListedOn), l.ListedOn > l.ListBy, l.DecisionNumber,
            l.Department?.Name ?? "", l.Facts, CreditRecordDto.Date(l.ObjectionBy), CreditRecordDto.Date(l.ExpiresOn),
            l.IsActive && l.List == CreditList.AbnormalList && !l.IsStatusMark && l.ExpiresOn <= today,
            CreditRecordDto.Date(l.RemovalRequestedOn), CreditRecordDto.Date(l.RemoveBy), CreditRecordDto.Date(l.RemovedOn), l.RemovalReason?.ToString(),
            l.RemovalReason is { } removal ? ListingReasons.RemovalName(removal) : null, l.RemovalDecisionNumber, l.RelatedListingId, l.IsActive,
            l.IsActive ? [.. reason.Removals.Where(x => x != Credit.RemovalReason.Escalated).Select(x => x.ToString())] : []);
    }
}

public sealed record AnnualReportDto(int Year, string FiledOn, bool OnTime);

public sealed record FactorDto(string Code, string Name, int Value, decimal Points, IReadOnlyList<CreditRecordRef> Records, IReadOnlyList<long> ListingIds);

public sealed record CreditRecordRef(long Id, string Title, string OccurredOn);

/// <summary>A class with why: each factor that scored, its value, its points and the records behind it.</summary>
public sealed record RiskDto(string Class, decimal Score, string AsOf, int ModelVersion, string? ScoredClass, string? ObservationTag, IReadOnlyList<FactorDto> Factors);

/// <summary>An entity's whole credit record for staff in whose remit it is.</summary>
public sealed record CreditProfileDto(EntityDto Entity, RiskDto? Risk, IReadOnlyList<CreditRecordDto> Records, IReadOnlyList<ListingDto> Listings, IReadOnlyList<AnnualReportDto> AnnualReports);

/// <summary>What the business sees of itself: everything but the class and its explanation.</summary>
public sealed record OwnCreditDto(EntityDto Entity, IReadOnlyList<CreditRecordDto> Records, IReadOnlyList<ListingDto> Listings, IReadOnlyList<AnnualReportDto> AnnualReports);

public sealed record PublicRecordDto(string KindName, string Title, string? DecisionNumber, string OccurredOn, string IssuedBy, string? PublicUntil);

public sealed record PublicListingDto(string ListName, string ReasonName, string ListedOn, string DecisionNumber, string Department, bool IsStatusMark);

/// <summary>
/// What the law makes public of an entity (公示): registration facts, and the records and listings within their
/// publicity period; the legal representative's name masked, no ID number, no risk class.
/// </summary>
public sealed record PublicCreditDto(
    string CreditCode, string Name, string TypeName, string? LegalRepresentative, string? Address, string? RegisteredOn, string StatusName,
    IReadOnlyList<PublicListingDto> Listings, IReadOnlyList<PublicRecordDto> Penalties, IReadOnlyList<PublicRecordDto> Inspections,
    IReadOnlyList<PublicRecordDto> Commitments, IReadOnlyList<PublicRecordDto> Others, string AsOf);

public sealed record PublicEntityMatch(string CreditCode, string Name, string StatusName);

public static class CreditNames
{
    public static string Kind(CreditRecordKind k) => k switch
    {
        CreditRecordKind.Penalty => "行政处罚",
        CreditRecordKind.AbnormalListing => "经营异常名录",
        CreditRecordKind.SeriousViolationListing => "严重违法失信名单",
        CreditRecordKind.AnnualReportOnTime => "年报按时报送",
        CreditRecordKind.AnnualReportLate => "年报逾期报送",
        CreditRecordKind.AnnualReportMissing => "年报未报送",
        CreditRecordKind.CommitmentMade => "信用承诺",
        CreditRecordKind.CommitmentKept => "履行信用承诺",
        CreditRecordKind.CommitmentBroken => "违背信用承诺",
        CreditRecordKind.InspectionCompliant => "检查未发现问题",
        CreditRecordKind.InspectionNonCompliant => "检查发现问题",
        CreditRecordKind.Complaint => "投诉举报属实",
        _ => "其他信用信息",
    };

    public static string Severity(CreditSeverity s) => s switch
    {
        CreditSeverity.Minor => "轻微",
        CreditSeverity.General => "一般",
        CreditSeverity.Serious => "严重",
        _ => "—",
    };

    public static string Class(RiskClass c) => c switch
    {
        RiskClass.A => "A 类（低风险）",
        RiskClass.B => "B 类（一般风险）",
        RiskClass.C => "C 类（较高风险）",
        _ => "D 类（高风险）",
    };
}

/// <summary>Builds the credit views of one entity, for staff, the business itself and the public.</summary>
public sealed class CreditProfiles(AppDbContext db, TimeProvider time)
{
    public Task<SupervisedEntity?> FindEntityAsync(string creditCode, CancellationToken ct)
    {
        var code = creditCode.Trim().ToUpperInvariant();
        return db.Set<SupervisedEntity>().AsNoTracking().Include(e => e.Tags).Include(e => e.Licences).AsSplitQuery().FirstOrDefaultAsync(e => e.CreditCode == code, ct);
    }

    public async Task<CreditProfileDto> StaffViewAsync(SupervisedEntity entity, DateOnly? on, CancellationToken ct)
    {
        var (records, listings, reports) = await LoadAsync(entity.Id, ct);
        var today = time.Today();
        var assessment = await RiskClassifier.AssessmentOnAsync(db, entity.Id, on ?? today, ct);
        RiskDto? risk = null;
        if (assessment is not null)
        {
            var model = await db.Set<RiskModel>().AsNoTracking().FirstAsync(m => m.Id == assessment.ModelId, ct);
            var titles = records.ToDictionary(r => r.Id);
            var explanation = RiskExplanationFormat.WithNames(assessment.Explanation, model.Definition);
            risk = new RiskDto(assessment.Class.ToString(), assessment.Score, CreditRecordDto.Date(assessment.AsOf), model.Version,
                explanation.ScoredClass?.ToString(), explanation.ObservationTag,
                [.. explanation.Factors.Select(f => new FactorDto(f.Code, f.Name, f.Value, f.Points,
                    [.. f.RecordIds.Where(titles.ContainsKey).Select(id => new CreditRecordRef(id, titles[id].Title, CreditRecordDto.Date(titles[id].OccurredOn)))],
                    f.ListingIds ?? []))]);
        }
        return new CreditProfileDto(EntityDto.From(entity), risk, [.. records.Select(r => CreditRecordDto.From(r, today))],
            [.. listings.Select(l => ListingDto.From(l, today))], reports);
    }

    public async Task<OwnCreditDto> OwnViewAsync(SupervisedEntity entity, CancellationToken ct)
    {
        var (records, listings, reports) = await LoadAsync(entity.Id, ct);
        var today = time.Today();
        return new OwnCreditDto(EntityDto.From(entity), [.. records.Select(r => CreditRecordDto.From(r, today))], [.. listings.Select(l => ListingDto.From(l, today))], reports);
    }

    /// <summary>Public search by name fragment (two characters at least, so the list cannot be walked) or by whole code.</summary>
    public async Task<IReadOnlyList<PublicEntityMatch>> PublicSearchAsync(string q, CancellationToken ct)
    {
        var text = q.Trim();
        if (CreditCode.Check(text) is { Error: null } valid)
            return await db.Set<SupervisedEntity>().AsNoTracking().Where(e => e.CreditCode == valid.Normalized)
                .Select(e => new PublicEntityMatch(e.CreditCode, e.Name, EntityNames.Status(e.Status))).ToListAsync(ct);
        var named = await EntityNameIndex.ContainingAsync(db, EntityNameIndex.Fold(text), ct);
        var matches = await named.Entities.Take(PublicMatches).ToListAsync(ct);
        return [.. matches.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => new PublicEntityMatch(e.CreditCode, e.Name, EntityNames.Status(e.Status)))];
    }

    public const int PublicMatches = 20;

    private async Task<(List<CreditRecord>, List<CreditListing>, List<AnnualReportDto>)> LoadAsync(long entityId, CancellationToken ct)
    {
        var records = await db.Set<CreditRecord>().AsNoTracking().Where(r => r.EntityId == entityId).OrderByDescending(r => r.OccurredOn).ThenByDescending(r => r.Id).ToListAsync(ct);
        var listings = await db.Set<CreditListing>().AsNoTracking().Include(l => l.Department).Where(l => l.EntityId == entityId)
            .OrderByDescending(l => l.ListedOn).ThenByDescending(l => l.Id).ToListAsync(ct);
        var reports = await db.Set<AnnualReport>().AsNoTracking().Where(r => r.EntityId == entityId).OrderByDescending(r => r.Year)
            .Select(r => new AnnualReportDto(r.Year, r.FiledOn.ToString("yyyy-MM-dd"), r.OnTime)).ToListAsync(ct);
        return (records, listings, reports);
    }
}
