using System.Security.Claims;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Jianguan.Web.Platform.Rules;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Credit;

public sealed record CreditRecordInput(
    string? CreditCode, string? Kind, string? Severity, string? Title, string? Detail, string? DecisionNumber, string? OccurredOn,
    string? SourceKey = null, string? PublicUntil = null);

/// <summary>
/// Records entered by a department or received from its systems (by API): a penalty decision, an inspection outcome, a
/// complaint found true. The issuing department is the user's. A record sent again with the same source key is the
/// same record: it is returned, not stored twice. Publicity follows the repair rules in force on the day it occurred:
/// from that day to the tier's maximum, none for a 轻微 record under the 2026 rules.
/// </summary>
public sealed class CreditRecords(AppDbContext db, CreditAccess access, RiskNotices notices, TimeProvider time)
{
    public LegalRules Rules { get; init; } = LegalRules.Default;

    /// <summary>Kinds the platform writes itself, by its lists and annual reports: not entered by hand.</summary>
    private static readonly CreditRecordKind[] Written =
        [CreditRecordKind.AbnormalListing, CreditRecordKind.SeriousViolationListing, CreditRecordKind.AnnualReportOnTime,
         CreditRecordKind.AnnualReportLate, CreditRecordKind.AnnualReportMissing];

    public async Task<(EditResult<CreditRecord> Result, bool Existing)> AddAsync(CreditRecordInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var department = await access.DepartmentOfAsync(user, ct);
        if (department is null) return (new EditResult<CreditRecord>.Forbidden("信用记录以所在部门的名义归集，须由部门用户报送。"), false);
        var errors = new FieldErrors();
        var code = input.CreditCode?.Trim().ToUpperInvariant();
        var entity = string.IsNullOrEmpty(code) ? null : await db.Set<SupervisedEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == code, ct);
        if (entity is null || !await access.InRemitAsync(user, entity, ct))
            return (new EditResult<CreditRecord>.NotFound($"统一社会信用代码为 {code} 的市场主体不存在。"), false);
        var kind = CreditListings.ParseEnum<CreditRecordKind>(input.Kind, "kind", "记录类别", errors);
        if (kind is { } k && Written.Contains(k)) errors.Add("kind", "名单和年报的记录由平台的名单、年报功能生成，不能直接报送。");
        var severity = CreditListings.ParseEnum<CreditSeverity>(input.Severity ?? "None", "severity", "失信程度", errors);
        errors.Required("title", input.Title, "标题", 128);
        if (input.Detail?.Length > 2000) errors.Add("detail", $"内容最多 2000 个字符，收到 {input.Detail.Length} 个。");
        if (input.DecisionNumber?.Trim().Length > 64) errors.Add("decisionNumber", "文号最多 64 个字符。");
        if (input.SourceKey?.Trim().Length > 64) errors.Add("sourceKey", "来源编号最多 64 个字符。");
        var occurredOn = CreditListings.ParseDate(input.OccurredOn, "occurredOn", "发生日期", errors, required: true);
        var publicUntil = CreditListings.ParseDate(input.PublicUntil, "publicUntil", "公示截止日期", errors, required: false);
        if (occurredOn > time.Today()) errors.Add("occurredOn", "发生日期在今天之后。");
        CreditListings.WithinRules(Rules, occurredOn, "occurredOn", "发生日期", errors);
        if (publicUntil < occurredOn) errors.Add("publicUntil", "公示截止日期早于发生日期。");
        if (errors.Any) return (new EditResult<CreditRecord>.Invalid(errors.ToDictionary()), false);

        var sourceKey = string.IsNullOrWhiteSpace(input.SourceKey) ? null : input.SourceKey.Trim();
        if (sourceKey is not null && await db.Set<CreditRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.IssuedBy == department.Name && r.SourceKey == sourceKey, ct) is { } existing)
            return existing.EntityId == entity.Id
                ? (new EditResult<CreditRecord>.Saved(existing), true)
                : (new EditResult<CreditRecord>.Conflict("sourceKey", $"来源编号 {sourceKey} 已用于另一市场主体的记录。"), false);

        var record = new CreditRecord
        {
            EntityId = entity.Id, Kind = kind!.Value, Severity = severity!.Value, Title = input.Title!.Trim(), Detail = input.Detail?.Trim(),
            DecisionNumber = string.IsNullOrWhiteSpace(input.DecisionNumber) ? null : input.DecisionNumber.Trim(),
            OccurredOn = occurredOn!.Value, DepartmentId = department.Id, IssuedBy = department.Name,
            Source = sourceKey is null ? CreditRecordSource.Entered : CreditRecordSource.Received, SourceKey = sourceKey,
            RecordedAtUtc = time.GetUtcNow().UtcDateTime,
        };
        (record.PublicFrom, record.PublicUntil) = Publicity(Rules, record.Severity, record.OccurredOn, publicUntil);
        db.Add(record);
        if (record.Kind == CreditRecordKind.CommitmentBroken)
            await notices.AddAsync([(entity.Id, RiskNoticeKind.CommitmentBroken, $"{entity.Name} 违背信用承诺：{record.Title}。")], ct);
        await db.SaveChangesAsync(ct);
        return (new EditResult<CreditRecord>.Saved(record), false);
    }

    /// <summary>From the day it occurred to the given end, else the repair tier's maximum; never for a tier the rules do not publish.</summary>
    public static (DateOnly? From, DateOnly? Until) Publicity(LegalRules rules, CreditSeverity severity, DateOnly occurredOn, DateOnly? until = null)
    {
        if (severity == CreditSeverity.None) return (occurredOn, until);
        var tier = rules.Credit(occurredOn).Repair.TierFor(severity);
        return tier.Published ? (occurredOn, until ?? occurredOn.AddMonths(tier.MaximumMonths)) : (null, null);
    }
}
