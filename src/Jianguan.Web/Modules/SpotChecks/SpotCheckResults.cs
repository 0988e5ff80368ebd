using System.Security.Claims;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Jianguan.Web.Platform.Rules;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.SpotChecks;

public sealed record ItemResultInput(string? ItemCode, bool? ProblemFound, string? Note);

public sealed record ResultInput(
    string? CreditCode, string? InspectedOn, string? Outcome, string? FollowUp, string? FollowUpNote, string? Note, List<ItemResultInput>? Items);

/// <summary>One department's publication work: results waiting to be published, and those past their deadline.</summary>
public sealed record DeadlineRow(int DepartmentId, string Department, int AwaitingInspection, int Due, int Overdue, DateOnly? NextDue);

/// <summary>
/// Results of the entities a draw selected: recorded by an officer assigned to the entity or a manager of a
/// participating department, item by item, with the follow-up; published within 20 working days of the inspection
/// (企业信息公示暂行条例 art. 6), when they also become a credit record. A task whose every drawn entity has a
/// published result is complete.
/// </summary>
public sealed class SpotCheckResults(AppDbContext db, SpotCheckTasks tasks, CalendarService calendar, TimeProvider time)
{
    public LegalRules Rules { get; init; } = LegalRules.Default;

    public async Task<EditResult<SpotCheckResult>> RecordAsync(ClaimsPrincipal user, long taskId, ResultInput input, CancellationToken ct)
    {
        var task = await tasks.TasksVisibleTo(user).FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) return new EditResult<SpotCheckResult>.NotFound($"抽查任务 {taskId} 不存在，或与您的部门无关。");
        var errors = new FieldErrors();
        var code = input.CreditCode?.Trim().ToUpperInvariant() ?? "";
        var drawn = await db.Set<DrawnEntity>().Include(d => d.Officers).Include(d => d.Entity)
            .Where(d => d.TaskId == taskId && d.Entity!.CreditCode == code
                        && db.Set<SpotCheckDraw>().Any(x => x.Id == d.DrawId && x.State != DrawState.Cancelled))
            .FirstOrDefaultAsync(ct);
        if (drawn is null)
            return new EditResult<SpotCheckResult>.Invalid(new() { ["creditCode"] = [$"{(code.Length == 0 ? "必填：统一社会信用代码。" : $"统一社会信用代码 {code} 不在本任务的有效抽取名单中，不能录入检查结果。")}"] });
        var officerId = await tasks.OfficerIdOfAsync(user, ct);
        var manager = user.IsInRole(Roles.Administrator) || (user.IsInRole(Roles.DepartmentManager) && task.Items.Any(i => i.DepartmentId == user.DepartmentId()));
        if (!manager && (officerId is null || drawn.Officers.All(o => o.OfficerId != officerId)))
            return new EditResult<SpotCheckResult>.Forbidden("检查结果由被指派的执法人员或参与部门的部门管理员录入。");
        if (await db.Set<SpotCheckResult>().AnyAsync(r => r.DrawnEntityId == drawn.Id, ct))
            return new EditResult<SpotCheckResult>.Conflict("creditCode", $"{drawn.Entity!.Name} 的检查结果已录入。");

        var today = time.Today();
        var inspectedOn = CreditListings.ParseDate(input.InspectedOn, "inspectedOn", "检查日期", errors, required: true);
        var drawnOn = await db.Set<SpotCheckDraw>().Where(x => x.Id == drawn.DrawId).Select(x => x.DrawnAtUtc).FirstAsync(ct);
        if (inspectedOn > today) errors.Add("inspectedOn", $"检查日期 {inspectedOn:yyyy-MM-dd} 在今天之后。");
        if (inspectedOn < DateOnly.FromDateTime(drawnOn)) errors.Add("inspectedOn", $"检查日期 {inspectedOn:yyyy-MM-dd} 早于摇号日期 {drawnOn:yyyy-MM-dd}。");
        var outcome = CreditListings.ParseEnum<InspectionOutcome>(input.Outcome, "outcome", "检查结果", errors);
        var followUp = string.IsNullOrWhiteSpace(input.FollowUp) ? FollowUp.None : CreditListings.ParseEnum<FollowUp>(input.FollowUp, "followUp", "后续处置", errors);
        if (input.FollowUpNote?.Trim().Length > 500) errors.Add("followUpNote", "后续处置说明最多 500 个字符。");
        if (input.Note?.Trim().Length > 2000) errors.Add("note", "备注最多 2000 个字符。");
        var items = new List<SpotCheckItemResult>();
        foreach (var (item, n) in (input.Items ?? []).Select((x, n) => (x, n)))
        {
            var taskItem = task.Items.FirstOrDefault(i => i.ItemCode == item.ItemCode?.Trim());
            if (taskItem is null) errors.Add($"items[{n}].itemCode", $"事项 {item.ItemCode} 不是本任务的抽查事项。");
            else if (items.Any(i => i.TaskItemId == taskItem.Id)) errors.Add($"items[{n}].itemCode", $"事项 {item.ItemCode} 重复。");
            else items.Add(new SpotCheckItemResult { TaskItemId = taskItem.Id, ProblemFound = item.ProblemFound == true, Note = item.Note?.Trim() ?? "" });
            if (item.Note?.Trim().Length > 500) errors.Add($"items[{n}].note", "事项说明最多 500 个字符。");
        }
        // Items not mentioned were checked without a problem found.
        foreach (var taskItem in task.Items.Where(i => items.All(r => r.TaskItemId != i.Id)))
            items.Add(new SpotCheckItemResult { TaskItemId = taskItem.Id });
        if (outcome is InspectionOutcome.NoProblemFound && items.Any(i => i.ProblemFound))
            errors.Add("outcome", "有事项发现问题，检查结果不能为“未发现问题”。");
        if (outcome is InspectionOutcome.RectifiedOnOrder or InspectionOutcome.PendingFollowUp && !items.Any(i => i.ProblemFound))
            errors.Add("items", $"检查结果为“{SpotCheckResult.OutcomeName(outcome!.Value)}”，请指明发现问题的事项。");
        if (outcome is InspectionOutcome.PendingFollowUp && followUp is FollowUp.None)
            errors.Add("followUp", "发现问题待后续处理的，须指明后续处置。");
        if (followUp is FollowUp.NotifyDepartment && string.IsNullOrWhiteSpace(input.FollowUpNote))
            errors.Add("followUpNote", "抄告相关部门的，须写明抄告的部门。");
        DateOnly publishBy = default;
        if (inspectedOn is { } on && !errors.Any)
        {
            try
            {
                publishBy = (await calendar.GetAsync(ct)).AddWorkingDays(on, Rules.SpotChecks(on).PublishWithinWorkingDays);
            }
            catch (CalendarRangeException e)
            {
                errors.Add("inspectedOn", e.Message);
            }
        }
        if (errors.Any) return new EditResult<SpotCheckResult>.Invalid(errors.ToDictionary());

        var result = new SpotCheckResult
        {
            DrawnEntityId = drawn.Id, TaskId = taskId, EntityId = drawn.EntityId, InspectedOn = inspectedOn!.Value, Outcome = outcome!.Value,
            FollowUp = followUp!.Value, FollowUpNote = input.FollowUpNote?.Trim() ?? "", Note = input.Note?.Trim() ?? "", PublishBy = publishBy,
            RecordedAtUtc = time.GetUtcNow().UtcDateTime, RecordedBy = user.Identity?.Name ?? "", Items = items,
        };
        db.Add(result);
        await db.SaveChangesAsync(ct);
        return new EditResult<SpotCheckResult>.Saved(result);
    }

    /// <summary>
    /// Publishes a result (谁检查谁录入谁公开): public from today, and written into the entity's credit record by the
    /// lead department. Late publication is allowed, and shows as overdue on the dashboard until it happens.
    /// </summary>
    public async Task<EditResult<SpotCheckResult>> PublishAsync(ClaimsPrincipal user, long taskId, string creditCode, CancellationToken ct)
    {
        var task = await tasks.TasksVisibleTo(user).FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) return new EditResult<SpotCheckResult>.NotFound($"抽查任务 {taskId} 不存在，或与您的部门无关。");
        if (!user.IsInRole(Roles.Administrator) && !(user.IsInRole(Roles.DepartmentManager) && task.Items.Any(i => i.DepartmentId == user.DepartmentId())))
            return new EditResult<SpotCheckResult>.Forbidden("检查结果由参与部门的部门管理员公示。");
        var code = creditCode.Trim().ToUpperInvariant();
        var result = await db.Set<SpotCheckResult>().Include(r => r.Items)
            .FirstOrDefaultAsync(r => r.TaskId == taskId && db.Set<Registry.SupervisedEntity>().Any(e => e.Id == r.EntityId && e.CreditCode == code), ct);
        if (result is null) return new EditResult<SpotCheckResult>.NotFound($"本任务没有 {code} 的检查结果。");
        if (result.PublishedOn is { } on) return new EditResult<SpotCheckResult>.Conflict("creditCode", $"该检查结果已于 {on:yyyy-MM-dd} 公示。");
        var today = time.Today();
        var department = await db.Set<Department>().FirstAsync(d => d.Id == task.LeadDepartmentId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        result.PublishedOn = today;
        var record = InspectionCreditRecord(Rules, result.EntityId, result.Outcome, $"双随机抽查：{task.Name}——{SpotCheckResult.OutcomeName(result.Outcome)}",
            result.Note, result.InspectedOn, department, $"spot-check-result:{result.Id}", time.GetUtcNow().UtcDateTime, today);
        db.Add(record);
        await db.SaveChangesAsync(ct);
        result.CreditRecordId = record.Id;
        var open = await db.Set<DrawnEntity>().CountAsync(d => d.TaskId == taskId && d.UnassignedReason == null
            && db.Set<SpotCheckDraw>().Any(x => x.Id == d.DrawId && x.State != DrawState.Cancelled)
            && !db.Set<SpotCheckResult>().Any(r => r.DrawnEntityId == d.Id && (r.PublishedOn != null || r.Id == result.Id)), ct);
        if (open == 0) task.State = SpotCheckTaskState.Completed;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new EditResult<SpotCheckResult>.Saved(result);
    }

    /// <summary>
    /// The credit record an inspection's outcome makes (a spot-check result when published, any other inspection when
    /// received): compliant outcomes are a record without severity; findings are 轻微, false disclosure and serious
    /// refusal 一般; public from today for the period its severity has under the rules of the inspection day.
    /// </summary>
    public static CreditRecord InspectionCreditRecord(LegalRules rules, long entityId, InspectionOutcome outcome, string title, string note, DateOnly inspectedOn,
        Department department, string sourceKey, DateTime nowUtc, DateOnly today)
    {
        var compliant = SpotCheckResult.IsCompliant(outcome);
        var severity = compliant ? CreditSeverity.None
            : outcome is InspectionOutcome.FalseDisclosure or InspectionOutcome.RefusedSeriously ? CreditSeverity.General : CreditSeverity.Minor;
        var record = new CreditRecord
        {
            EntityId = entityId, Kind = compliant ? CreditRecordKind.InspectionCompliant : CreditRecordKind.InspectionNonCompliant, Severity = severity,
            Title = title, Detail = note.Length > 0 ? note : null, OccurredOn = inspectedOn, DepartmentId = department.Id, IssuedBy = department.Name,
            Source = CreditRecordSource.Platform, SourceKey = sourceKey, RecordedAtUtc = nowUtc,
        };
        (record.PublicFrom, record.PublicUntil) = CreditRecords.Publicity(rules, severity, inspectedOn);
        if (record.PublicFrom is not null) record.PublicFrom = today;
        return record;
    }

    /// <summary>
    /// Per participating department (all, for administrators and the committee): drawn entities still to be
    /// inspected, results due for publication, and results past their deadline.
    /// </summary>
    public async Task<List<DeadlineRow>> DeadlinesAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var today = time.Today();
        var visible = tasks.TasksVisibleTo(user).Where(t => t.State == SpotCheckTaskState.Drawn).Select(t => t.Id);
        var pending = await db.Set<DrawnEntity>().AsNoTracking()
            .Where(d => visible.Contains(d.TaskId) && d.UnassignedReason == null
                        && db.Set<SpotCheckDraw>().Any(x => x.Id == d.DrawId && x.State != DrawState.Cancelled))
            .Select(d => new
            {
                d.TaskId, Result = db.Set<SpotCheckResult>().Where(r => r.DrawnEntityId == d.Id).Select(r => new { r.PublishBy, r.PublishedOn }).FirstOrDefault(),
            }).ToListAsync(ct);
        var taskDepartments = await db.Set<SpotCheckTaskItem>().AsNoTracking().Where(i => visible.Contains(i.TaskId))
            .Select(i => new { i.TaskId, i.DepartmentId }).Distinct().ToListAsync(ct);
        var names = await db.Set<Department>().AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var own = user.SeesAllDepartments() ? null : user.DepartmentId();
        return [.. taskDepartments.Where(t => own is null || t.DepartmentId == own).GroupBy(t => t.DepartmentId).Select(g =>
        {
            var ids = g.Select(t => t.TaskId).ToHashSet();
            var rows = pending.Where(p => ids.Contains(p.TaskId)).ToList();
            var unpublished = rows.Where(r => r.Result is { PublishedOn: null }).Select(r => r.Result!.PublishBy).ToList();
            return new DeadlineRow(g.Key, names[g.Key], rows.Count(r => r.Result is null), unpublished.Count(d => d >= today), unpublished.Count(d => d < today),
                unpublished.Where(d => d >= today).Order().Cast<DateOnly?>().FirstOrDefault());
        }).OrderByDescending(r => r.Overdue).ThenBy(r => r.Department)];
    }
}
