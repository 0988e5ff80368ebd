using System.Security.Claims;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Jianguan.Web.Platform.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Credit;

/// <summary>An entity's annual report (年度报告) for one year: that it was filed, and when.</summary>
public sealed class AnnualReport
{
    public long EntityId { get; set; }
    public int Year { get; set; }
    public DateOnly FiledOn { get; set; }
    public bool OnTime { get; set; }
}

internal sealed class AnnualReportConfiguration : IEntityTypeConfiguration<AnnualReport>
{
    public void Configure(EntityTypeBuilder<AnnualReport> b)
    {
        b.ToTable("annual_reports");
        b.HasKey(r => new { r.EntityId, r.Year });
    }
}

public sealed record AnnualReportInput(string? CreditCode, int? Year, string? FiledOn);

/// <summary>
/// Annual reports (LEGAL-RULES.md §6): the 1 January – 30 June window; on 1 July the enterprises and cooperatives
/// that did not file the last year's report are listed on 经营异常名录 and sole traders marked; a late filing then
/// asks for removal (a sole trader's mark ends at once).
/// </summary>
public sealed class AnnualReports(AppDbContext db, CreditListings listings, CreditAccess access, TimeProvider time)
{
    public LegalRules Rules { get; init; } = LegalRules.Default;

    private static readonly EntityType[] MustReport = [EntityType.Enterprise, EntityType.Cooperative, EntityType.SoleTrader];

    /// <summary>Records a filing: by the business for itself, or by the registration authority's staff.</summary>
    public async Task<EditResult<AnnualReport>> FileAsync(AnnualReportInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var code = input.CreditCode?.Trim().ToUpperInvariant();
        var entity = string.IsNullOrEmpty(code) ? null : await db.Set<SupervisedEntity>().FirstOrDefaultAsync(e => e.CreditCode == code, ct);
        // A business files for itself; staff of the registration authority record a filing on paper, within their remit.
        var business = user.IsInRole(Roles.Business);
        if (entity is null || (!business && !await access.InRemitAsync(user, entity, ct)))
            return new EditResult<AnnualReport>.NotFound($"统一社会信用代码为 {code} 的市场主体不存在。");
        if (business && user.FindFirstValue(RegistryModule.CreditCodeClaim) != entity.CreditCode)
            return new EditResult<AnnualReport>.Forbidden("只能报送本主体的年度报告。");
        if (!business && await access.DepartmentOfAsync(user, ct) is not { IsRegistrationAuthority: true })
            return new EditResult<AnnualReport>.Forbidden("年度报告由市场主体自行报送，或由登记机关代为录入。");
        var today = time.Today();
        var filedOn = string.IsNullOrWhiteSpace(input.FiledOn) ? today : CreditListings.ParseDate(input.FiledOn, "filedOn", "报送日期", errors, required: true);
        if (input.Year is not { } year) { errors.Add("year", "必填：年报所属年度。"); return new EditResult<AnnualReport>.Invalid(errors.ToDictionary()); }
        CreditListings.WithinRules(Rules, filedOn, "filedOn", "报送日期", errors);
        if (errors.Any) return new EditResult<AnnualReport>.Invalid(errors.ToDictionary());
        var rules = Rules.Credit(filedOn ?? today).AnnualReport;
        if (filedOn is { } f && f < rules.WindowStart(year))
            errors.Add("year", $"{year} 年度报告自 {rules.WindowStart(year):yyyy-MM-dd} 起报送。");
        if (filedOn > today) errors.Add("filedOn", "报送日期在今天之后。");
        if (entity.RegisteredOn is { } registered && registered.Year > year)
            errors.Add("year", $"该主体成立于 {registered:yyyy-MM-dd}，自成立的下一年起报送上一年度报告，无 {year} 年度报告。");
        if (!MustReport.Contains(entity.Type)) errors.Add("creditCode", $"{EntityNames.Type(entity.Type)}不报送市场主体年度报告。");
        if (errors.Any) return new EditResult<AnnualReport>.Invalid(errors.ToDictionary());
        if (await db.Set<AnnualReport>().AnyAsync(r => r.EntityId == entity.Id && r.Year == year, ct))
            return new EditResult<AnnualReport>.Conflict("year", $"{entity.Name} 的 {year} 年度报告已报送。");

        var onTime = filedOn!.Value <= rules.Deadline(year);
        var report = new AnnualReport { EntityId = entity.Id, Year = year, FiledOn = filedOn.Value, OnTime = onTime };
        db.Add(report);
        var authority = await db.Set<Department>().AsNoTracking().Where(d => d.IsRegistrationAuthority).OrderBy(d => d.Id).FirstOrDefaultAsync(ct);
        db.Add(new CreditRecord
        {
            EntityId = entity.Id, Kind = onTime ? CreditRecordKind.AnnualReportOnTime : CreditRecordKind.AnnualReportLate,
            Severity = CreditSeverity.None, Title = $"{year} 年度报告{(onTime ? "按时" : "逾期")}报送", OccurredOn = filedOn.Value,
            DepartmentId = authority?.Id, IssuedBy = authority?.Name ?? "登记机关", Source = CreditRecordSource.Platform,
            PublicFrom = filedOn.Value, RecordedAtUtc = time.GetUtcNow().UtcDateTime,
        });
        // A late report is the fix of a listing for that year: the removal falls due; a sole trader's mark ends now.
        var listing = await db.Set<CreditListing>().FirstOrDefaultAsync(l => l.EntityId == entity.Id && l.Reason == ListingReason.AnnualReportNotFiled
            && l.ReportYear == year && l.RemovedOn == null, ct);
        if (listing is not null)
        {
            // The removal is due from the filing; its last day stays open while the calendar lacks the year (a late December filing),
            // rather than the filing being refused.
            try { await listings.RequestRemovalAsync(listing, filedOn.Value, ct); }
            catch (CalendarRangeException) { listing.RemovalRequestedOn = filedOn.Value; listing.RemoveBy = null; }
            if (listing.IsStatusMark) await listings.EndAsync(listing, RemovalReason.AnnualReportFiled, filedOn.Value, "补报年报，自动恢复正常状态", ct);
        }
        await db.SaveChangesAsync(ct);
        return new EditResult<AnnualReport>.Saved(report);
    }

    /// <summary>
    /// The 1 July job: each enterprise and cooperative that had to file the report for <paramref name="year"/> and did
    /// not is listed (sole traders marked), by the registration authority, found on the day after the window closed.
    /// Runs again harmlessly: an entity already listed for that year is left alone.
    /// </summary>
    public async Task<int> ListMissingAsync(int year, CancellationToken ct)
    {
        var authority = await db.Set<Department>().AsNoTracking().Where(d => d.IsRegistrationAuthority).OrderBy(d => d.Id).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("没有设置登记机关，无法列入未报年报的主体。");
        var foundOn = Rules.Credit(time.Today()).AnnualReport.Deadline(year).AddDays(1);
        var lastRegistration = new DateOnly(year, 12, 31);
        var missing = await db.Set<SupervisedEntity>()
            .Where(e => e.Status == EntityStatus.Active && MustReport.Contains(e.Type) && (e.RegisteredOn == null || e.RegisteredOn <= lastRegistration))
            .Where(e => !db.Set<AnnualReport>().Any(r => r.EntityId == e.Id && r.Year == year))
            .Where(e => !db.Set<CreditListing>().Any(l => l.EntityId == e.Id && l.Reason == ListingReason.AnnualReportNotFiled && l.ReportYear == year))
            .OrderBy(e => e.Id).ToListAsync(ct);
        var listedOn = time.Today();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var number = await db.Set<CreditListing>().CountAsync(l => l.DepartmentId == authority.Id && l.ListedOn.Year == listedOn.Year, ct);
        foreach (var entity in missing)
        {
            await listings.CreateAsync(entity, CreditList.AbnormalList, ListingReason.AnnualReportNotFiled, year, foundOn, listedOn,
                $"{authority.Code}异入〔{listedOn.Year}〕{++number}号", $"截至 {foundOn.AddDays(-1):yyyy-MM-dd} 未报送 {year} 年度报告。", authority.Id, ct);
            db.Add(new CreditRecord
            {
                EntityId = entity.Id, Kind = CreditRecordKind.AnnualReportMissing, Severity = CreditSeverity.General,
                Title = $"未报送 {year} 年度报告", OccurredOn = foundOn, DepartmentId = authority.Id, IssuedBy = authority.Name,
                Source = CreditRecordSource.Platform, RecordedAtUtc = time.GetUtcNow().UtcDateTime,
            });
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return missing.Count;
    }
}
