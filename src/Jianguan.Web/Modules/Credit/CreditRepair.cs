using System.Security.Claims;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Jianguan.Web.Platform.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Credit;

public enum RepairStatus
{
    Submitted = 1, // 已申请，待决定
    Approved = 2,  // 准予修复
    Rejected = 3,  // 不予修复
}

/// <summary>
/// A 信用修复 application: the entity asks the issuing department to end a record's publicity early, with its
/// evidence that the duties are done and its credit commitment (信用承诺).
/// </summary>
public sealed class CreditRepairApplication
{
    public long Id { get; set; }
    public long RecordId { get; set; }
    public CreditRecord? Record { get; set; }
    public long EntityId { get; set; }
    public DateOnly AppliedOn { get; set; }
    public string AppliedBy { get; set; } = "";
    public string Evidence { get; set; } = "";
    public string Commitment { get; set; } = "";
    /// <summary>The day the rules (in force on the application day) give the department to decide by.</summary>
    public DateOnly DecideBy { get; set; }
    public RepairStatus Status { get; set; } = RepairStatus.Submitted;
    public DateOnly? DecidedOn { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecisionReason { get; set; }
    /// <summary>The rules the decision applied: those in force on the decision day.</summary>
    public string? RulesApplied { get; set; }
}

internal sealed class CreditRepairApplicationConfiguration : IEntityTypeConfiguration<CreditRepairApplication>
{
    public void Configure(EntityTypeBuilder<CreditRepairApplication> b)
    {
        b.ToTable("credit_repair_applications");
        b.HasOne(a => a.Record).WithMany().HasForeignKey(a => a.RecordId).OnDelete(DeleteBehavior.Restrict);
        b.Property(a => a.AppliedBy).HasMaxLength(64);
        b.Property(a => a.Evidence).HasMaxLength(4000);
        b.Property(a => a.Commitment).HasMaxLength(2000);
        b.Property(a => a.DecidedBy).HasMaxLength(64);
        b.Property(a => a.DecisionReason).HasMaxLength(1000);
        b.Property(a => a.RulesApplied).HasMaxLength(128);
        b.HasIndex(a => new { a.EntityId, a.AppliedOn });
        b.HasIndex(a => new { a.Status, a.DecideBy });
    }
}

public sealed record RepairApplicationInput(long? RecordId, string? Evidence, string? Commitment);

public sealed record RepairDecisionInput(bool? Approve, string? Reason);

public sealed record RepairApplicationDto(
    long Id, long RecordId, string RecordTitle, string AppliedOn, string AppliedBy, string Evidence, string Commitment, string DecideBy,
    string Status, string StatusName, string? DecidedOn, string? DecisionReason, string? RulesApplied)
{
    public static RepairApplicationDto From(CreditRepairApplication a) => new(
        a.Id, a.RecordId, a.Record?.Title ?? "", a.AppliedOn.ToString("yyyy-MM-dd"), a.AppliedBy, a.Evidence, a.Commitment, a.DecideBy.ToString("yyyy-MM-dd"),
        a.Status.ToString(), a.Status switch { RepairStatus.Submitted => "待决定", RepairStatus.Approved => "准予修复", _ => "不予修复" },
        a.DecidedOn?.ToString("yyyy-MM-dd"), a.DecisionReason, a.RulesApplied);
}

/// <summary>
/// 信用修复 (LEGAL-RULES.md §5): an entity applies online once the record's minimum period has passed (counted from
/// the record's decision day, by its severity's tier); the issuing department decides within the rules' working days;
/// approval ends the publicity that day, checked again by the rules in force on the decision day (the 2026 rules
/// replace the 2023 ones from 2026-04-01). Records of the two lists are repaired by removal from the list instead.
/// </summary>
public sealed class CreditRepairs(AppDbContext db, CalendarService calendar, TimeProvider time)
{
    public LegalRules Rules { get; init; } = LegalRules.Default;

    private static readonly CreditRecordKind[] ByListRemoval = [CreditRecordKind.AbnormalListing, CreditRecordKind.SeriousViolationListing];

    public async Task<EditResult<CreditRepairApplication>> ApplyAsync(RepairApplicationInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var code = user.FindFirstValue(RegistryModule.CreditCodeClaim);
        var record = input.RecordId is { } id ? await db.Set<CreditRecord>().Include(r => r.Entity).FirstOrDefaultAsync(r => r.Id == id, ct) : null;
        // A business sees only its own records: another's is "not found", not "forbidden".
        if (record is null || record.Entity!.CreditCode != code) return new EditResult<CreditRepairApplication>.NotFound($"信用记录 {input.RecordId} 不存在。");
        var errors = new FieldErrors();
        errors.Required("evidence", input.Evidence, "已履行义务、纠正失信行为的说明和证明", 4000);
        errors.Required("commitment", input.Commitment, "信用承诺", 2000);
        var today = time.Today();
        if (ByListRemoval.Contains(record.Kind))
            errors.Add("recordId", "名单记录通过移出程序修复：请向登记机关申请移出经营异常名录或提前移出严重违法失信名单。");
        else if (record.Severity == CreditSeverity.None)
            errors.Add("recordId", "该记录不是失信记录，无需修复。");
        else if (!record.IsPublicOn(today))
            errors.Add("recordId", "该记录未在公示中，无需修复。");
        else if (EarliestApplication(record) is { } earliest && today < earliest)
            errors.Add("recordId", $"最短公示期未满：{CreditNames.Severity(record.Severity)}失信信息自 {record.OccurredOn:yyyy-MM-dd} 起至少公示 {Rules.Credit(record.OccurredOn).Repair.TierFor(record.Severity).MinimumMonths} 个月，{earliest:yyyy-MM-dd} 起方可申请修复。");
        if (errors.Any) return new EditResult<CreditRepairApplication>.Invalid(errors.ToDictionary());
        if (await db.Set<CreditRepairApplication>().AnyAsync(a => a.RecordId == record.Id && a.Status == RepairStatus.Submitted, ct))
            return new EditResult<CreditRepairApplication>.Conflict("recordId", "该记录已有待决定的修复申请。");

        DateOnly decideBy;
        try { decideBy = (await calendar.GetAsync(ct)).AddWorkingDays(today, Rules.Credit(today).Repair.DecideWithinWorkingDays); }
        catch (CalendarRangeException e) { return new EditResult<CreditRepairApplication>.Invalid(new() { ["recordId"] = [e.Message] }); }
        var application = new CreditRepairApplication
        {
            RecordId = record.Id, Record = record, EntityId = record.EntityId, AppliedOn = today, AppliedBy = user.Identity?.Name ?? "",
            Evidence = input.Evidence!.Trim(), Commitment = input.Commitment!.Trim(), DecideBy = decideBy,
        };
        db.Add(application);
        await db.SaveChangesAsync(ct);
        return new EditResult<CreditRepairApplication>.Saved(application);
    }

    /// <summary>The first day a repair may be applied for: the record's day plus its tier's minimum, by the rules of that day.</summary>
    public DateOnly? EarliestApplication(CreditRecord record) =>
        record.Severity == CreditSeverity.None ? null : record.OccurredOn.AddMonths(Rules.Credit(record.OccurredOn).Repair.TierFor(record.Severity).MinimumMonths);

    /// <summary>The issuing department's manager or head decides; approval ends the record's publicity on the decision day.</summary>
    public async Task<EditResult<CreditRepairApplication>> DecideAsync(long id, RepairDecisionInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var application = await db.Set<CreditRepairApplication>().Include(a => a.Record).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null || application.Record!.DepartmentId != user.DepartmentId())
            return new EditResult<CreditRepairApplication>.NotFound($"修复申请 {id} 不存在。");
        if (!user.IsInRole(Roles.DepartmentManager) && !user.IsInRole(Roles.DepartmentHead))
            return new EditResult<CreditRepairApplication>.Forbidden("修复申请由作出失信认定的部门的管理员或负责人决定。");
        if (application.Status != RepairStatus.Submitted)
            return new EditResult<CreditRepairApplication>.Conflict("approve", $"该申请已于 {application.DecidedOn:yyyy-MM-dd} 作出决定。");
        var errors = new FieldErrors();
        if (input.Approve is null) errors.Add("approve", "必填：准予或不予修复。");
        if (input.Approve == false) errors.Required("reason", input.Reason, "不予修复的理由", 1000);
        var today = time.Today();
        var rules = Rules.Credit(today);
        var tier = rules.Repair.TierFor(application.Record.Severity);
        // By the rules in force on the decision day: a record the new rules no longer publish, or whose minimum they lengthen, is judged by them.
        if (input.Approve == true && today < application.Record.OccurredOn.AddMonths(tier.MinimumMonths))
            errors.Add("approve", $"按 {rules.Name}，该记录 {application.Record.OccurredOn.AddMonths(tier.MinimumMonths):yyyy-MM-dd} 前不得修复。");
        if (errors.Any) return new EditResult<CreditRepairApplication>.Invalid(errors.ToDictionary());

        application.Status = input.Approve == true ? RepairStatus.Approved : RepairStatus.Rejected;
        application.DecidedOn = today;
        application.DecidedBy = user.Identity?.Name;
        application.DecisionReason = input.Reason?.Trim();
        var applied = $"{rules.EffectiveFrom:yyyy-MM-dd} 起施行：{rules.Name}";
        application.RulesApplied = applied.Length <= 128 ? applied : applied[..128];
        if (application.Status == RepairStatus.Approved)
        {
            application.Record.PublicityEndedOn = today;
            application.Record.PublicityEndReason = "信用修复";
        }
        await db.SaveChangesAsync(ct);
        return new EditResult<CreditRepairApplication>.Saved(application);
    }

    /// <summary>Applications to the user's department, pending first, oldest deadline first.</summary>
    public async Task<List<RepairApplicationDto>> ForDepartmentAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var department = user.DepartmentId();
        return [.. (await db.Set<CreditRepairApplication>().AsNoTracking().Include(a => a.Record)
                .Where(a => a.Record!.DepartmentId == department).OrderBy(a => a.Status).ThenBy(a => a.DecideBy).Take(500).ToListAsync(ct))
            .Select(RepairApplicationDto.From)];
    }

    public async Task<List<RepairApplicationDto>> ForEntityAsync(long entityId, CancellationToken ct) =>
        [.. (await db.Set<CreditRepairApplication>().AsNoTracking().Include(a => a.Record).Where(a => a.EntityId == entityId)
            .OrderByDescending(a => a.AppliedOn).ThenByDescending(a => a.Id).ToListAsync(ct)).Select(RepairApplicationDto.From)];
}
