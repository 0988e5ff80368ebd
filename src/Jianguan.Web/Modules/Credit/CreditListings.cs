using System.Globalization;
using System.Security.Claims;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Jianguan.Web.Platform.Rules;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Credit;

public sealed record ListingInput(
    string? CreditCode, string? List, string? Reason, int? ReportYear, string? FoundOn, string? ListedOn, string? DecisionNumber, string? Facts);

public sealed record RemovalInput(string? Reason, string? RemovedOn, string? DecisionNumber, string? RequestedOn = null);

/// <summary>
/// Listing on and removal from 经营异常名录 and 严重违法失信名单 (LEGAL-RULES.md §5), with the dates the rules in force
/// on the finding set: list by found + 10 working days, objection within 30 days of listing, removal within 5 working
/// days of the request, escalation to the serious list after 3 years, the serious list's period of 3 years. An entity
/// is not listed twice for one reason (for a missing annual report: for one year) while the first listing stands.
/// Each listing writes its credit record, public while the listing stands.
/// </summary>
public sealed class CreditListings(AppDbContext db, CalendarService calendar, CreditAccess access, RiskNotices notices, JointPunishments punishments, TimeProvider time)
{
    public LegalRules Rules { get; init; } = LegalRules.Default;

    /// <summary>
    /// The latest 500 listings in the user's remit, with their entity: of one list (list=AbnormalList or
    /// SeriousViolationList), standing ones only (active), or those whose removal or escalation is due (due).
    /// </summary>
    public async Task<List<CreditListing>> FindAsync(ClaimsPrincipal user, string? list, bool? active, bool? due, CancellationToken ct)
    {
        var today = time.Today();
        var query = db.Set<CreditListing>().AsNoTracking().Include(l => l.Department).Include(l => l.Entity).AsQueryable();
        if (Enum.TryParse<CreditList>(list, true, out var which)) query = query.Where(l => l.List == which);
        if (active == true) query = query.Where(l => l.RemovedOn == null);
        if (due == true)
            query = query.Where(l => l.RemovedOn == null && (l.RemovalRequestedOn != null || (l.List == CreditList.AbnormalList && !l.IsStatusMark && l.ExpiresOn <= today)));
        if (!user.SeesAllDepartments())
        {
            var prefix = (await access.DepartmentOfAsync(user, ct))?.DivisionCode ?? "-";
            query = query.Where(l => l.Entity!.DivisionCode.StartsWith(prefix));
        }
        return await query.OrderByDescending(l => l.ListedOn).ThenByDescending(l => l.Id).Take(500).ToListAsync(ct);
    }

    public async Task<EditResult<CreditListing>> ListAsync(ListingInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CannotKeepListsAsync(user, ct) is { } refusal) return new EditResult<CreditListing>.Forbidden(refusal);
        var errors = new FieldErrors();
        var code = input.CreditCode?.Trim().ToUpperInvariant();
        var entity = string.IsNullOrEmpty(code) ? null : await db.Set<SupervisedEntity>().FirstOrDefaultAsync(e => e.CreditCode == code, ct);
        if (entity is null) errors.Add("creditCode", string.IsNullOrEmpty(code) ? "必填：统一社会信用代码。" : $"统一社会信用代码为 {code} 的市场主体不存在。");
        else if (!await access.InRemitAsync(user, entity, ct)) return new EditResult<CreditListing>.NotFound($"统一社会信用代码为 {code} 的市场主体不存在。");
        var list = ParseEnum<CreditList>(input.List, "list", "名单（AbnormalList 或 SeriousViolationList）", errors);
        var reason = ParseEnum<ListingReason>(input.Reason, "reason", "列入事由", errors);
        if (list is { } l && reason is { } r && ListingReasons.Of(r).List != l)
            errors.Add("reason", $"“{ListingReasons.Of(r).Name}”不是列入{ListingReasons.ListName(l)}的事由。");
        if (reason == ListingReason.AnnualReportNotFiled && input.ReportYear is not (>= 2013 and <= 2100))
            errors.Add("reportYear", "未报年报的列入须指明所缺年报的年度。");
        var today = time.Today();
        var foundOn = ParseDate(input.FoundOn, "foundOn", "发现日期", errors, required: true);
        var listedOn = string.IsNullOrWhiteSpace(input.ListedOn) ? today : ParseDate(input.ListedOn, "listedOn", "列入日期", errors, required: true);
        WithinRules(Rules, foundOn, "foundOn", "发现日期", errors);
        if (foundOn > listedOn) errors.Add("foundOn", $"发现日期 {foundOn:yyyy-MM-dd} 晚于列入日期 {listedOn:yyyy-MM-dd}。");
        if (listedOn > today) errors.Add("listedOn", $"列入日期 {listedOn:yyyy-MM-dd} 在今天之后。");
        errors.Required("decisionNumber", input.DecisionNumber, "列入决定书文号", 64);
        errors.Required("facts", input.Facts, "事实和理由", 2000);
        if (errors.Any) return new EditResult<CreditListing>.Invalid(errors.ToDictionary());

        var reportYear = reason == ListingReason.AnnualReportNotFiled ? input.ReportYear : null;
        var duplicate = await db.Set<CreditListing>().AnyAsync(x => x.EntityId == entity!.Id && x.List == list && x.Reason == reason
            && x.ReportYear == reportYear && x.RemovedOn == null, ct);
        if (duplicate)
            return new EditResult<CreditListing>.Conflict("reason",
                $"{entity!.Name} 已因“{ListingReasons.Of(reason!.Value).Name}”{(reportYear is { } y ? $"（{y} 年度）" : "")}列入{ListingReasons.ListName(list!.Value)}，同一事由不重复列入。");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        CreditListing listing;
        try
        {
            listing = await CreateAsync(entity!, list!.Value, reason!.Value, reportYear, foundOn!.Value, listedOn!.Value,
                input.DecisionNumber!.Trim(), input.Facts!.Trim(), user.DepartmentId()!.Value, ct);
        }
        catch (CalendarRangeException e)
        {
            // The deadlines count working days of a year the calendar does not hold yet: nothing is stored.
            return new EditResult<CreditListing>.Invalid(new() { ["foundOn"] = [e.Message] });
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new EditResult<CreditListing>.Saved(listing);
    }

    /// <summary>Adds a listing and its credit record to the context (the caller saves), with its dates by the rules in force on the finding.</summary>
    internal async Task<CreditListing> CreateAsync(SupervisedEntity entity, CreditList list, ListingReason reason, int? reportYear,
        DateOnly foundOn, DateOnly listedOn, string decisionNumber, string facts, int departmentId, CancellationToken ct, long? relatedListingId = null)
    {
        var days = await calendar.GetAsync(ct);
        var rules = Rules.Credit(foundOn);
        var listing = new CreditListing
        {
            EntityId = entity.Id, List = list, Reason = reason, ReportYear = reportYear, FoundOn = foundOn,
            ListBy = list == CreditList.AbnormalList ? days.AddWorkingDays(foundOn, rules.AbnormalList.ListWithinWorkingDays) : listedOn,
            ListedOn = listedOn, DecisionNumber = decisionNumber, Facts = facts, DepartmentId = departmentId,
            ObjectionBy = days.AddCalendarDays(listedOn, rules.AbnormalList.ObjectionDays),
            ExpiresOn = listedOn.AddYears(list == CreditList.AbnormalList ? rules.AbnormalList.EscalateAfterYears : rules.SeriousViolationList.PeriodYears),
            RelatedListingId = relatedListingId,
            // A sole trader that misses its annual report is marked (经营异常状态), not listed (LEGAL-RULES.md §6).
            IsStatusMark = entity.Type == EntityType.SoleTrader && reason == ListingReason.AnnualReportNotFiled,
        };
        db.Add(listing);
        await db.SaveChangesAsync(ct); // the record names the listing
        var department = await db.Set<Organization.Department>().AsNoTracking().FirstAsync(d => d.Id == departmentId, ct);
        db.Add(new CreditRecord
        {
            EntityId = entity.Id, ListingId = listing.Id, DepartmentId = departmentId, IssuedBy = department.Name,
            Kind = list == CreditList.AbnormalList ? CreditRecordKind.AbnormalListing : CreditRecordKind.SeriousViolationListing,
            Severity = list == CreditList.AbnormalList ? CreditSeverity.General : CreditSeverity.Serious,
            Title = (listing.IsStatusMark ? "标记为经营异常状态：" : $"列入{ListingReasons.ListName(list)}：") + ListingReasons.Of(reason).Name
                    + (reportYear is { } y ? $"（{y} 年度）" : ""),
            Detail = facts, DecisionNumber = decisionNumber, OccurredOn = listedOn, Source = CreditRecordSource.Platform,
            PublicFrom = listedOn, RecordedAtUtc = time.GetUtcNow().UtcDateTime,
        });
        await punishments.StartAsync(listing, ct);
        await notices.AddAsync([(entity.Id, RiskNoticeKind.Listed, $"{entity.Name} 因“{ListingReasons.Of(reason).Name}”{(listing.IsStatusMark ? "被标记为经营异常状态" : $"列入{ListingReasons.ListName(list)}")}（{decisionNumber}）。")], ct);
        return listing;
    }

    public async Task<EditResult<CreditListing>> RemoveAsync(long id, RemovalInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CannotKeepListsAsync(user, ct) is { } refusal) return new EditResult<CreditListing>.Forbidden(refusal);
        var listing = await db.Set<CreditListing>().Include(l => l.Entity).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (listing is null || !await access.InRemitAsync(user, listing.Entity!, ct)) return new EditResult<CreditListing>.NotFound($"列入记录 {id} 不存在。");
        if (listing.DepartmentId != user.DepartmentId()) return new EditResult<CreditListing>.Forbidden("只有作出列入决定的部门可以移出。");
        if (!listing.IsActive) return new EditResult<CreditListing>.Conflict("reason", $"该记录已于 {listing.RemovedOn:yyyy-MM-dd} 移出。");
        var errors = new FieldErrors();
        var reason = ParseEnum<RemovalReason>(input.Reason, "reason", "移出事由", errors);
        var today = time.Today();
        var removedOn = string.IsNullOrWhiteSpace(input.RemovedOn) ? today : ParseDate(input.RemovedOn, "removedOn", "移出日期", errors, required: true);
        var requestedOn = ParseDate(input.RequestedOn, "requestedOn", "申请移出日期", errors, required: false);
        errors.Required("decisionNumber", input.DecisionNumber, "移出决定书文号", 64);
        if (reason is { } r)
        {
            var rules = Rules.Credit(listing.FoundOn);
            if (!ListingReasons.Of(listing.Reason).Removals.Contains(r))
                errors.Add("reason", $"“{ListingReasons.RemovalName(r)}”不是因“{ListingReasons.Of(listing.Reason).Name}”列入者的法定移出事由。");
            else if (r == RemovalReason.AnnualReportFiled && listing.ReportYear is { } year
                     && !await db.Set<AnnualReport>().AnyAsync(a => a.EntityId == listing.EntityId && a.Year == year, ct))
                errors.Add("reason", $"尚无该主体 {year} 年度报告的报送记录，不能以“已补报年度报告”移出。");
            else if (r == RemovalReason.Escalated)
                errors.Add("reason", "届满3年转入严重违法失信名单，请使用“转入严重违法失信名单”。");
            else if (r == RemovalReason.PeriodExpired && removedOn < listing.ExpiresOn)
                errors.Add("reason", $"列入期限至 {listing.ExpiresOn:yyyy-MM-dd} 届满，尚未到期。");
            else if (r == RemovalReason.EarlyRemoval && removedOn < listing.ListedOn.AddYears(rules.SeriousViolationList.EarlyRemovalAfterYears))
                errors.Add("reason", $"列入满 {rules.SeriousViolationList.EarlyRemovalAfterYears} 年（{listing.ListedOn.AddYears(rules.SeriousViolationList.EarlyRemovalAfterYears):yyyy-MM-dd}）后方可提前移出。");
        }
        if (removedOn < listing.ListedOn) errors.Add("removedOn", $"移出日期早于列入日期 {listing.ListedOn:yyyy-MM-dd}。");
        if (removedOn > today) errors.Add("removedOn", $"移出日期 {removedOn:yyyy-MM-dd} 在今天之后。");
        if (requestedOn > removedOn) errors.Add("requestedOn", "申请日期晚于移出日期。");
        if (errors.Any) return new EditResult<CreditListing>.Invalid(errors.ToDictionary());

        if (requestedOn is { } asked)
        {
            try { await RequestRemovalAsync(listing, asked, ct); }
            catch (CalendarRangeException e) { return new EditResult<CreditListing>.Invalid(new() { ["requestedOn"] = [e.Message] }); }
        }
        await EndAsync(listing, reason!.Value, removedOn!.Value, input.DecisionNumber!.Trim(), ct);
        await db.SaveChangesAsync(ct);
        return new EditResult<CreditListing>.Saved(listing);
    }

    /// <summary>The entity asked for removal (the fix is done): removal is due within the rules' working days.</summary>
    internal async Task RequestRemovalAsync(CreditListing listing, DateOnly requestedOn, CancellationToken ct)
    {
        listing.RemovalRequestedOn = requestedOn;
        listing.RemoveBy = (await calendar.GetAsync(ct)).AddWorkingDays(requestedOn, Rules.Credit(requestedOn).AbnormalList.RemoveWithinWorkingDays);
    }

    /// <summary>Ends a listing and the publicity of its record (the caller saves).</summary>
    internal async Task EndAsync(CreditListing listing, RemovalReason reason, DateOnly removedOn, string decisionNumber, CancellationToken ct)
    {
        listing.RemovedOn = removedOn;
        listing.RemovalReason = reason;
        listing.RemovalDecisionNumber = decisionNumber;
        await punishments.EndAsync(listing, removedOn, ct);
        foreach (var record in await db.Set<CreditRecord>().Where(r => r.ListingId == listing.Id && r.PublicityEndedOn == null).ToListAsync(ct))
        {
            record.PublicityEndedOn = removedOn;
            record.PublicityEndReason = ListingReasons.RemovalName(reason);
        }
    }

    /// <summary>
    /// 届满3年: lists the entity on the serious list for the abnormal listing's reason and ends the abnormal listing
    /// (企业信息公示暂行条例 art. 17(2)). Only after the escalation date, by the department that listed it.
    /// </summary>
    public async Task<EditResult<CreditListing>> EscalateAsync(long id, string? decisionNumber, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CannotKeepListsAsync(user, ct) is { } refusal) return new EditResult<CreditListing>.Forbidden(refusal);
        var listing = await db.Set<CreditListing>().Include(l => l.Entity).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (listing is null || !await access.InRemitAsync(user, listing.Entity!, ct)) return new EditResult<CreditListing>.NotFound($"列入记录 {id} 不存在。");
        if (listing.DepartmentId != user.DepartmentId()) return new EditResult<CreditListing>.Forbidden("只有作出列入决定的部门可以转入严重违法失信名单。");
        var today = time.Today();
        if (listing.List != CreditList.AbnormalList || !listing.IsActive)
            return new EditResult<CreditListing>.Conflict("id", "只有仍在经营异常名录中的记录可以转入严重违法失信名单。");
        if (listing.IsStatusMark)
            return new EditResult<CreditListing>.Conflict("id", "个体工商户的经营异常状态标记不转入严重违法失信名单。");
        if (today < listing.ExpiresOn)
            return new EditResult<CreditListing>.Conflict("id", $"列入经营异常名录至 {listing.ExpiresOn:yyyy-MM-dd} 方满3年，尚不能转入。");
        if (string.IsNullOrWhiteSpace(decisionNumber))
            return new EditResult<CreditListing>.Invalid(new() { ["decisionNumber"] = ["必填：列入严重违法失信名单决定书文号。"] });
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        CreditListing serious;
        try
        {
            serious = await CreateAsync(listing.Entity!, CreditList.SeriousViolationList, ListingReason.AbnormalListExpired, null, listing.ExpiresOn!.Value, today,
                decisionNumber.Trim(), $"因“{ListingReasons.Of(listing.Reason).Name}”于 {listing.ListedOn:yyyy-MM-dd} 列入经营异常名录（{listing.DecisionNumber}），届满3年仍未履行相关义务。",
                listing.DepartmentId, ct, relatedListingId: listing.Id);
        }
        catch (CalendarRangeException e)
        {
            // The objection period ends in a year the calendar does not hold yet (from early December): nothing is stored.
            return new EditResult<CreditListing>.Conflict("id", e.Message);
        }
        await EndAsync(listing, RemovalReason.Escalated, today, decisionNumber.Trim(), ct);
        listing.RelatedListingId = serious.Id;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new EditResult<CreditListing>.Saved(serious);
    }

    /// <summary>The daily job's part: serious listings whose period has ended leave the list on their own (届满移出).</summary>
    public async Task<int> RemoveExpiredAsync(CancellationToken ct)
    {
        var today = time.Today();
        var expired = await db.Set<CreditListing>()
            .Where(l => l.List == CreditList.SeriousViolationList && l.RemovedOn == null && l.ExpiresOn <= today).ToListAsync(ct);
        foreach (var listing in expired) await EndAsync(listing, RemovalReason.PeriodExpired, listing.ExpiresOn!.Value, "期满自动移出", ct);
        await db.SaveChangesAsync(ct);
        return expired.Count;
    }

    internal static T? ParseEnum<T>(string? text, string field, string label, FieldErrors errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text)) { errors.Add(field, $"必填：{label}。"); return null; }
        // One name: not a number, nor a list ("A, B" parses as the two values OR-ed, which may be a third).
        if (!text.Contains(',') && Enum.TryParse<T>(text.Trim(), true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _)) return value;
        errors.Add(field, $"无法识别的{label}“{text}”，可用：{string.Join("、", Enum.GetNames<T>())}。");
        return null;
    }

    /// <summary>Refuses a date before the earliest credit rules the platform holds: no period can be counted by them.</summary>
    internal static void WithinRules(LegalRules rules, DateOnly? date, string field, string label, FieldErrors errors)
    {
        var first = rules.CreditVersions[0];
        if (date < first.EffectiveFrom)
            errors.Add(field, $"{label} {date:yyyy-MM-dd} 早于平台所载信用规则最早的生效日期 {first.EffectiveFrom:yyyy-MM-dd}，无法按规则计算期限。");
    }

    internal static DateOnly? ParseDate(string? text, string field, string label, FieldErrors errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) errors.Add(field, $"必填：{label}。");
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(field, $"{label}应为 yyyy-MM-dd 格式的日期，收到“{text}”。");
        return null;
    }
}
