using System.Globalization;
using System.Security.Claims;
using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Modules.SpotChecks;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Jianguan.Web.Platform.Rules;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Inspections;

public sealed record PointInput(int? PointId, string? Result, string? Note);

public sealed record RectificationInput(string? Requirement, int? WorkingDays);

/// <summary>
/// A finished inspection as the phone sends it. Evidence and signatures are uploaded first, each under its own key,
/// and named here by those keys.
/// </summary>
public sealed record InspectionInput(
    string? Kind, long? TaskId, long? RectificationOrderId, string? CreditCode, List<string>? ItemCodes, int? SecondOfficerId,
    string? StartedAt, string? FinishedAt, string? Place, double? Latitude, double? Longitude, List<PointInput>? Points,
    string? Outcome, string? FollowUp, string? Summary, string? PartyName, bool? PartyRefusedToSign, string? PartyRefusalNote,
    List<Guid>? Evidence, Guid? FirstSignature, Guid? SecondSignature, Guid? PartySignature,
    RectificationInput? Rectification, string? CaseLeadFacts, string? Channel = null, long? AssignmentId = null);

/// <summary>One point of a generated form.</summary>
public sealed record FormPoint(int PointId, int ChecklistId, string ItemCode, string ItemName, int Number, string Content, string Method, string Standard, bool IsMajor);

/// <summary>The form for one visit: the entity, why, with whom, and the points of the checklist versions in force for it.</summary>
public sealed record InspectionForm(
    string Kind, long? TaskId, long? RectificationOrderId, string CreditCode, string EntityName, string Address, string TaskName,
    IReadOnlyList<OfficerRef> Officers, IReadOnlyList<FormPoint> Points, string? DueOn, IReadOnlyList<PreviousFinding> OpenFindings,
    long? AssignmentId = null, IReadOnlyList<string>? ItemCodes = null);

public sealed record OfficerRef(int Id, string Name, string LicenseNumber);

public sealed record PreviousFinding(long InspectionId, string On, string Content, string Note);

/// <summary>A stored inspection and whether this request stored it or found it stored under the same key.</summary>
public sealed record StoredInspection(Inspection Inspection, bool Replayed);

/// <summary>Per department and month: inspections made on the phone, and all inspections recorded.</summary>
public sealed record CoverageRow(int DepartmentId, string Department, string Month, int Mobile, int Total)
{
    public decimal Share => Total == 0 ? 0 : Math.Round(100m * Mobile / Total, 1);
}

/// <summary>
/// 掌上执法 on the server: the officer's work list with its forms, the finished inspection received exactly once with
/// its evidence and signatures checked, and what follows from it: the spot-check result, the credit record, the
/// rectification order with its re-inspection, the case lead.
/// </summary>
public sealed class Inspections(AppDbContext db, SpotCheckResults results, CalendarService calendar, TimeProvider time)
{
    public LegalRules Rules { get; init; } = LegalRules.Default;

    /// <summary>Clock skew allowed between the phone and the server when a finish time lies ahead.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(10);

    private sealed record Officer(int Id, int DepartmentId, string Name);

    private Task<Officer?> OfficerOfAsync(ClaimsPrincipal user, CancellationToken ct) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId ? OfficerOfUser.RunAsync(db, userId, ct) : Task.FromResult<Officer?>(null);

    // Asked at every request of the phone's (the user's officer, a key seen before, the entity visited): compiled once.
    private static readonly CompiledQuery<string, Officer?> OfficerOfUser = new((db, userId, _) => db.Set<Organization.Officer>().AsNoTracking()
        .Where(o => o.IsActive && db.Users.Any(u => u.Id == userId && u.OfficerId == o.Id))
        .Select(o => new Officer(o.Id, o.DepartmentId, o.Name)).FirstOrDefault());

    private static readonly CompiledQuery<Guid, StoredKey?> StoredUnder = new((db, clientId, _) => db.Set<Inspection>().AsNoTracking()
        .Where(i => i.ClientId == clientId).Select(i => new StoredKey(i.FirstOfficerId, i.SecondOfficerId)).FirstOrDefault());

    private static readonly CompiledQuery<string, SupervisedEntity?> EntityByCode = new((db, code, _) =>
        db.Set<SupervisedEntity>().AsNoTracking().FirstOrDefault(e => e.CreditCode == code));

    private sealed record StoredKey(int FirstOfficerId, int SecondOfficerId);

    /// <summary>
    /// What the officer has to do: drawn entities assigned to the officer and not yet inspected, the open
    /// rectification orders of the department due for re-inspection, and the complaints and reports a department head
    /// sent the officer to check, each with its form, so the phone can work offline.
    /// </summary>
    public async Task<EditResult<List<InspectionForm>>> WorkListAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (await OfficerOfAsync(user, ct) is not { } officer) return new EditResult<List<InspectionForm>>.Forbidden("掌上执法仅供执法人员使用：您的账户没有关联执法人员。");
        var today = time.Today();
        var forms = new List<InspectionForm>();
        var drawn = await db.Set<DrawnEntity>().AsNoTracking()
            .Where(d => d.Officers.Any(o => o.OfficerId == officer.Id) && d.Result == null
                        && db.Set<SpotCheckDraw>().Any(x => x.Id == d.DrawId && x.State == DrawState.Valid)
                        && db.Set<SpotCheckTask>().Any(t => t.Id == d.TaskId && t.State == SpotCheckTaskState.Drawn && t.StartsOn <= today.AddDays(7)))
            .Select(d => new { d.TaskId, d.Entity!.CreditCode }).Take(200).ToListAsync(ct);
        foreach (var d in drawn)
            if (await FormForAsync(officer, InspectionKind.SpotCheck, d.TaskId, null, d.CreditCode, null, ct) is EditResult<InspectionForm>.Saved s) forms.Add(s.Value);
        var orders = await db.Set<RectificationOrder>().AsNoTracking()
            .Where(o => o.DepartmentId == officer.DepartmentId && o.ClosedOn == null && o.DueOn <= today.AddDays(7))
            .OrderBy(o => o.DueOn).Select(o => new { o.Id, o.Entity!.CreditCode }).Take(100).ToListAsync(ct);
        foreach (var o in orders)
            if (await FormForAsync(officer, InspectionKind.ReInspection, null, o.Id, o.CreditCode, null, ct) is EditResult<InspectionForm>.Saved s) forms.Add(s.Value);
        var assigned = await db.Set<InspectionAssignment>().AsNoTracking()
            .Where(a => (a.FirstOfficerId == officer.Id || a.SecondOfficerId == officer.Id) && a.InspectionId == null && a.CancelledAtUtc == null)
            .OrderBy(a => a.DueOn).Select(a => new { a.Id, a.Entity!.CreditCode }).Take(100).ToListAsync(ct);
        foreach (var a in assigned)
            if (await FormForAsync(officer, InspectionKind.Complaint, null, null, a.CreditCode, null, ct, a.Id) is EditResult<InspectionForm>.Saved s) forms.Add(s.Value);
        return new EditResult<List<InspectionForm>>.Saved(forms);
    }

    /// <summary>
    /// The form for a visit: a spot check takes the task's checklist versions; a re-inspection those of the inspection
    /// that ordered it; an ad hoc or complaint inspection the named items' checklists in force today, of the officer's department.
    /// </summary>
    public async Task<EditResult<InspectionForm>> FormAsync(ClaimsPrincipal user, string? kindText, long? taskId, long? orderId, string? creditCode, List<string>? itemCodes, CancellationToken ct,
        long? assignmentId = null)
    {
        if (await OfficerOfAsync(user, ct) is not { } officer) return new EditResult<InspectionForm>.Forbidden("掌上执法仅供执法人员使用：您的账户没有关联执法人员。");
        var errors = new FieldErrors();
        var kind = CreditListings.ParseEnum<InspectionKind>(kindText, "kind", "检查类别", errors);
        if (errors.Any) return new EditResult<InspectionForm>.Invalid(errors.ToDictionary());
        return await FormForAsync(officer, kind!.Value, taskId, orderId, creditCode, itemCodes, ct, assignmentId);
    }

    private async Task<EditResult<InspectionForm>> FormForAsync(Officer officer, InspectionKind kind, long? taskId, long? orderId, string? creditCode, List<string>? itemCodes, CancellationToken ct,
        long? assignmentId = null)
    {
        var resolved = await ResolveAsync(officer, kind, taskId, orderId, creditCode, itemCodes, ct, assignmentId);
        if (resolved is not EditResult<Visit>.Saved { Value: var visit }) return resolved.Refusal<InspectionForm>();
        var points = await PointsAsync(visit.ChecklistIds, ct);
        var officers = await db.Set<Organization.Officer>().AsNoTracking().Where(o => visit.OfficerIds.Contains(o.Id)).OrderBy(o => o.Id)
            .Select(o => new OfficerRef(o.Id, o.Name, o.LicenseNumber)).ToListAsync(ct);
        var open = await db.Set<InspectionPoint>().AsNoTracking()
            .Where(p => p.Result == PointResult.NotCompliant && db.Set<Inspection>().Any(i => i.Id == p.InspectionId && i.EntityId == visit.Entity.Id))
            .OrderByDescending(p => p.InspectionId).Take(20)
            .Select(p => new { p.InspectionId, p.Content, p.Note }).ToListAsync(ct);
        var dates = await db.Set<Inspection>().AsNoTracking().Where(i => open.Select(o => o.InspectionId).Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.FinishedAtUtc, ct);
        return new EditResult<InspectionForm>.Saved(new InspectionForm(
            kind.ToString(), visit.TaskId, visit.OrderId, visit.Entity.CreditCode, visit.Entity.Name, visit.Entity.Address ?? "", visit.Title,
            officers, points, visit.DueOn?.ToString("yyyy-MM-dd"),
            [.. open.Select(o => new PreviousFinding(o.InspectionId, dates[o.InspectionId].ToLocalTime().ToString("yyyy-MM-dd"), o.Content, o.Note))],
            visit.AssignmentId, visit.ItemCodes));
    }

    /// <summary>Who, what and why of a visit, checked against the officer's rights.</summary>
    private sealed record Visit(
        InspectionKind Kind, SupervisedEntity Entity, int DepartmentId, long? TaskId, long? DrawnEntityId, long? OrderId, List<int> ChecklistIds,
        List<int> OfficerIds, string Title, DateOnly? DueOn, long? AssignmentId = null, List<string>? ItemCodes = null);

    private async Task<EditResult<Visit>> ResolveAsync(Officer officer, InspectionKind kind, long? taskId, long? orderId, string? creditCode, List<string>? itemCodes, CancellationToken ct,
        long? assignmentId = null)
    {
        var code = creditCode?.Trim().ToUpperInvariant() ?? "";
        var entity = await EntityByCode.RunAsync(db, code, ct);
        if (entity is null) return Invalid<Visit>("creditCode", code.Length == 0 ? "必填：被检查单位的统一社会信用代码。" : $"名录库中没有统一社会信用代码为 {code} 的市场主体。");
        switch (kind)
        {
            case InspectionKind.SpotCheck:
            {
                var task = await db.Set<SpotCheckTask>().AsNoTracking().Include(t => t.Items).FirstOrDefaultAsync(t => t.Id == taskId, ct);
                if (task is null) return new EditResult<Visit>.NotFound($"抽查任务 {taskId} 不存在。");
                var drawn = await db.Set<DrawnEntity>().AsNoTracking().Include(d => d.Officers)
                    .Where(d => d.TaskId == task.Id && d.EntityId == entity.Id).OrderByDescending(d => d.DrawId).FirstOrDefaultAsync(ct);
                var draw = drawn is null ? null : await db.Set<SpotCheckDraw>().AsNoTracking().FirstAsync(x => x.Id == drawn.DrawId, ct);
                if (drawn is null || draw is null) return Invalid<Visit>("creditCode", $"{entity.Name} 不在抽查任务“{task.Name}”的抽取名单中。");
                // The phone may hold a task downloaded before the draw was cancelled or the officers changed: say so, never overwrite.
                if (draw.State != DrawState.Valid)
                    return new EditResult<Visit>.Conflict("taskId", $"抽查任务“{task.Name}”的第 {draw.Number} 次抽取已{(draw.State == DrawState.Cancelled ? "作废" : "申请作废")}，本次检查不能作为该任务的检查结果提交。");
                if (drawn.Officers.All(o => o.OfficerId != officer.Id))
                    return new EditResult<Visit>.Conflict("taskId", $"{entity.Name} 的检查已改派其他执法人员，{officer.Name} 不在指派名单中。");
                if (await db.Set<SpotCheckResult>().AnyAsync(r => r.DrawnEntityId == drawn.Id, ct))
                    return new EditResult<Visit>.Conflict("taskId", $"{entity.Name} 在本任务中的检查结果已录入。");
                return new EditResult<Visit>.Saved(new Visit(kind, entity, officer.DepartmentId, task.Id, drawn.Id, null,
                    [.. task.Items.Select(i => i.ChecklistId)], [.. drawn.Officers.Select(o => o.OfficerId)], task.Name, task.EndsOn));
            }
            case InspectionKind.ReInspection:
            {
                var order = await db.Set<RectificationOrder>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId && o.DepartmentId == officer.DepartmentId, ct);
                if (order is null) return new EditResult<Visit>.NotFound($"本部门没有编号为 {orderId} 的责令改正。");
                if (order.EntityId != entity.Id) return Invalid<Visit>("creditCode", $"责令改正 {order.Id} 不是对 {entity.Name} 作出的。");
                if (order.ClosedOn is { } closed) return new EditResult<Visit>.Conflict("rectificationOrderId", $"责令改正 {order.Id} 已于 {closed:yyyy-MM-dd} 复查完毕。");
                var checklists = await db.Set<InspectionPoint>().AsNoTracking().Where(p => p.InspectionId == order.InspectionId).Select(p => p.ChecklistId).Distinct().ToListAsync(ct);
                return new EditResult<Visit>.Saved(new Visit(kind, entity, officer.DepartmentId, null, null, order.Id, checklists,
                    await DepartmentOfficersAsync(officer.DepartmentId, ct), $"复查：{order.Requirement}", order.DueOn));
            }
            case InspectionKind.Complaint when assignmentId is not null:
            {
                var assignment = await db.Set<InspectionAssignment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == assignmentId && a.DepartmentId == officer.DepartmentId, ct);
                if (assignment is null) return new EditResult<Visit>.NotFound($"本部门没有编号为 {assignmentId} 的核查交办。");
                if (assignment.EntityId != entity.Id) return Invalid<Visit>("creditCode", $"核查交办 {assignment.Id} 不是对 {entity.Name} 的。");
                // The phone may hold an assignment downloaded before it was cancelled, done or given to others: say so.
                if (assignment.CancelledAtUtc is { } cancelled)
                    return new EditResult<Visit>.Conflict("assignmentId", $"核查交办 {assignment.Id}（{assignment.Reference}）已于 {cancelled.ToLocalTime():yyyy-MM-dd} 撤销：{assignment.CancelReason}");
                if (assignment.InspectionId is not null) return new EditResult<Visit>.Conflict("assignmentId", $"核查交办 {assignment.Id}（{assignment.Reference}）已核查完毕。");
                if (assignment.FirstOfficerId != officer.Id && assignment.SecondOfficerId != officer.Id)
                    return new EditResult<Visit>.Conflict("assignmentId", $"核查交办 {assignment.Id} 已改派其他执法人员，{officer.Name} 不在指派名单中。");
                var chosen = await ChecklistsInForceAsync(db, time.Today(), officer.DepartmentId, assignment.Items(), ct);
                if (chosen is not EditResult<List<int>>.Saved { Value: var ids }) return chosen.Refusal<Visit>();
                return new EditResult<Visit>.Saved(new Visit(kind, entity, officer.DepartmentId, null, null, null, ids,
                    [assignment.FirstOfficerId, assignment.SecondOfficerId], $"{InspectionAssignment.SourceName(assignment.Source)}核查（{assignment.Reference}）：{assignment.Reason}",
                    assignment.DueOn, assignment.Id, assignment.Items()));
            }
            default:
            {
                var chosen = await ChecklistsInForceAsync(db, time.Today(), officer.DepartmentId, itemCodes, ct);
                if (chosen is not EditResult<List<int>>.Saved { Value: var ids }) return chosen.Refusal<Visit>();
                return new EditResult<Visit>.Saved(new Visit(kind, entity, officer.DepartmentId, null, null, null, ids,
                    await DepartmentOfficersAsync(officer.DepartmentId, ct), Inspection.KindName(kind), null));
            }
        }
    }

    /// <summary>The department's checklists in force today for the items named: one for each, or why not.</summary>
    internal static async Task<EditResult<List<int>>> ChecklistsInForceAsync(AppDbContext db, DateOnly today, int departmentId, List<string>? itemCodes, CancellationToken ct)
    {
        var codes = (itemCodes ?? []).Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct().ToList();
        if (codes.Count == 0) return Invalid<List<int>>("itemCodes", "请选择至少一个检查事项。");
        var checklists = await db.Set<InspectionChecklist>().AsNoTracking()
            .Where(InspectionChecklist.InForceOn(today)).Where(c => codes.Contains(c.ItemCode) && c.DepartmentId == departmentId)
            .Select(c => new { c.Id, c.ItemCode }).ToListAsync(ct);
        if (codes.FirstOrDefault(c => checklists.All(x => x.ItemCode != c)) is { } missing)
            return Invalid<List<int>>("itemCodes", $"事项 {missing} 没有本部门现行有效的检查实施清单。");
        return new EditResult<List<int>>.Saved([.. checklists.Select(c => c.Id)]);
    }

    private async Task<List<int>> DepartmentOfficersAsync(int departmentId, CancellationToken ct)
    {
        var today = time.Today();
        return await db.Set<Organization.Officer>().AsNoTracking().Where(o => o.DepartmentId == departmentId && o.IsActive && o.LicenseExpiresOn >= today)
            .Select(o => o.Id).ToListAsync(ct);
    }

    private async Task<List<FormPoint>> PointsAsync(List<int> checklistIds, CancellationToken ct)
    {
        var checklists = await db.Set<InspectionChecklist>().AsNoTracking().Include(c => c.Points).Where(c => checklistIds.Contains(c.Id)).OrderBy(c => c.ItemCode).ToListAsync(ct);
        return [.. checklists.SelectMany(c => c.Points.OrderBy(p => p.Number).Select(p =>
            new FormPoint(p.Id, c.Id, c.ItemCode, c.Name, p.Number, p.Content, p.Method.Label(), p.Standard, p.IsMajor)))];
    }

    /// <summary>
    /// Receives a finished inspection once: a key already stored returns the stored inspection, whatever is sent with it
    /// again. Everything is checked before anything is written, and everything is written in one transaction.
    /// </summary>
    public async Task<EditResult<StoredInspection>> SubmitAsync(ClaimsPrincipal user, Guid clientId, InspectionInput input, CancellationToken ct)
    {
        if (await OfficerOfAsync(user, ct) is not { } officer) return new EditResult<StoredInspection>.Forbidden("检查记录由执法人员提交：您的账户没有关联执法人员。");
        // A key seen before: the whole record is read only then (a retry is rare, a new key at every inspection).
        if (await StoredUnder.RunAsync(db, clientId, ct) is { } seen)
            return seen.FirstOfficerId == officer.Id || seen.SecondOfficerId == officer.Id
                ? new EditResult<StoredInspection>.Saved(new StoredInspection((await FindAsync(clientId, ct))!, true))
                : new EditResult<StoredInspection>.Conflict("clientId", $"编号 {clientId} 已用于另一份检查记录。");

        var errors = new FieldErrors();
        var kind = CreditListings.ParseEnum<InspectionKind>(input.Kind, "kind", "检查类别", errors);
        if (errors.Any) return new EditResult<StoredInspection>.Invalid(errors.ToDictionary());
        var resolved = await ResolveAsync(officer, kind!.Value, input.TaskId, input.RectificationOrderId, input.CreditCode, input.ItemCodes, ct, input.AssignmentId);
        if (resolved is not EditResult<Visit>.Saved { Value: var visit }) return resolved.Refusal<StoredInspection>();

        var now = time.GetUtcNow().UtcDateTime;
        var started = ParseTime(input.StartedAt, "startedAt", "开始时间", errors);
        var finished = ParseTime(input.FinishedAt, "finishedAt", "结束时间", errors);
        // A phone whose clock was reset (1970) or a record a year old is not an inspection to receive now; the credit
        // rules are dated, and none reach that far back.
        foreach (var (t, field, label) in new[] { (started, "startedAt", "开始时间"), (finished, "finishedAt", "结束时间") })
            if (t < now.AddDays(-MaxAgeDays)) errors.Add(field, $"{label} {t:yyyy-MM-dd} 早于 {MaxAgeDays} 天前：请检查手机时间。");
        if (started is { } s && finished is { } f)
        {
            if (f < s) errors.Add("finishedAt", "结束时间早于开始时间。");
            if (f > now + Skew) errors.Add("finishedAt", "结束时间晚于现在：请检查手机时间。");
        }

        // The two officers (行政处罚法第四十二条: no fewer than two, qualified for enforcement), in one query: the second
        // one the visit allows (assigned to the drawn entity or the complaint, or any active officer of the department),
        // and both licences valid on the day the inspection finished, so one done offline and sent after a licence ran
        // out stands (the form offers only officers valid today).
        if (input.SecondOfficerId is not { } second) errors.Add("secondOfficerId", "必填：第二名执法人员（行政处罚法第四十二条：执法人员不得少于两人）。");
        else if (second == officer.Id) errors.Add("secondOfficerId", "第二名执法人员不能是本人。");
        else
        {
            var pair = await db.Set<Organization.Officer>().AsNoTracking().Where(o => o.Id == officer.Id || o.Id == second)
                .Select(o => new { o.Id, o.Name, o.DepartmentId, o.IsActive, o.LicenseExpiresOn }).ToListAsync(ct);
            var other = pair.FirstOrDefault(o => o.Id == second);
            if (visit.Kind == InspectionKind.SpotCheck || visit.AssignmentId is not null
                    ? !visit.OfficerIds.Contains(second)
                    : other is null || other.DepartmentId != visit.DepartmentId || !other.IsActive)
                errors.Add("secondOfficerId", visit.Kind == InspectionKind.SpotCheck || visit.AssignmentId is not null
                    ? $"执法人员 {second} 未被指派检查 {visit.Entity.Name}。"
                    : $"执法人员 {second} 不是本部门在职的执法人员。");
            else if (finished is { } done)
            {
                var day = DateOnly.FromDateTime(done.ToLocalTime());
                foreach (var o in pair.Where(o => o.LicenseExpiresOn < day))
                    errors.Add(o.Id == officer.Id ? "officer" : "secondOfficerId",
                        $"{o.Name} 的执法证有效期至 {o.LicenseExpiresOn:yyyy-MM-dd}，检查当日（{day:yyyy-MM-dd}）已过期：行政处罚法第四十二条要求由具有行政执法资格的执法人员实施。");
            }
        }
        if (input.Place?.Trim().Length > 200) errors.Add("place", "检查地点最多 200 个字符。");
        if (input.Latitude is < -90 or > 90) errors.Add("latitude", "纬度应在 -90 到 90 之间。");
        if (input.Longitude is < -180 or > 180) errors.Add("longitude", "经度应在 -180 到 180 之间。");

        // Every point of the generated form needs a result; nothing else may be sent.
        var form = await PointsAsync(visit.ChecklistIds, ct);
        var answered = new Dictionary<int, InspectionPoint>();
        // A form has a few dozen points: far more is not a form, and each would cost a message.
        if (input.Points?.Count > MaxPoints) errors.Add("points", $"检查要点最多 {MaxPoints} 个，收到 {input.Points.Count} 个。");
        if (input.Evidence?.Count > MaxEvidence) errors.Add("evidence", $"一份检查记录最多附 {MaxEvidence} 份证据，收到 {input.Evidence.Count} 份。");
        foreach (var (p, n) in (input.Points?.Count > MaxPoints ? [] : input.Points ?? []).Select((p, n) => (p, n)))
        {
            if (p is null) { errors.Add($"points[{n}]", "检查要点的结果不能为空。"); continue; }
            var point = form.FirstOrDefault(x => x.PointId == p.PointId);
            if (point is null) { errors.Add($"points[{n}].pointId", $"检查要点 {p.PointId} 不在本次检查的表单中。"); continue; }
            if (answered.ContainsKey(point.PointId)) { errors.Add($"points[{n}].pointId", $"检查要点 {point.ItemCode}-{point.Number} 重复。"); continue; }
            var result = CreditListings.ParseEnum<PointResult>(p.Result, $"points[{n}].result", $"检查要点 {point.ItemCode}-{point.Number} 的结果", errors);
            if (p.Note?.Trim().Length > 500) errors.Add($"points[{n}].note", "说明最多 500 个字符。");
            if (result is PointResult.NotCompliant && string.IsNullOrWhiteSpace(p.Note))
                errors.Add($"points[{n}].note", $"检查要点 {point.ItemCode}-{point.Number} 不符合：请写明发现的问题。");
            if (result is { } r)
                answered[point.PointId] = new InspectionPoint
                {
                    ChecklistId = point.ChecklistId, PointId = point.PointId, ItemCode = point.ItemCode, Number = point.Number, Content = point.Content,
                    IsMajor = point.IsMajor, Result = r, Note = p.Note?.Trim() ?? "",
                };
        }
        var missing = form.Where(p => !answered.ContainsKey(p.PointId)).ToList();
        if (missing.Count > 0 && !errors.Any)
            errors.Add("points", $"还有 {missing.Count} 个检查要点没有结果：{string.Join("、", missing.Take(10).Select(p => $"{p.ItemCode}-{p.Number}"))}{(missing.Count > 10 ? " 等" : "")}。");
        var failures = answered.Values.Where(p => p.Result == PointResult.NotCompliant).ToList();

        var outcome = CreditListings.ParseEnum<InspectionOutcome>(input.Outcome, "outcome", "检查结果", errors);
        var followUp = string.IsNullOrWhiteSpace(input.FollowUp) ? FollowUp.None : CreditListings.ParseEnum<FollowUp>(input.FollowUp, "followUp", "后续处置", errors);
        if (outcome is InspectionOutcome.NoProblemFound && failures.Count > 0) errors.Add("outcome", "有检查要点不符合，检查结果不能为“未发现问题”。");
        if (outcome is InspectionOutcome.RectifiedOnOrder or InspectionOutcome.PendingFollowUp && failures.Count == 0 && answered.Count == form.Count)
            errors.Add("outcome", $"检查结果为“{SpotCheckResult.OutcomeName(outcome!.Value)}”，但没有不符合的检查要点。");
        if (input.Summary?.Trim().Length > 2000) errors.Add("summary", "检查情况最多 2000 个字符。");
        RectificationOrder? order = null;
        if (followUp is FollowUp.RectificationOrder)
        {
            var days = input.Rectification?.WorkingDays;
            if (string.IsNullOrWhiteSpace(input.Rectification?.Requirement)) errors.Add("rectification.requirement", "必填：责令改正的内容。");
            else if (input.Rectification.Requirement.Trim().Length > 1000) errors.Add("rectification.requirement", "责令改正的内容最多 1000 个字符。");
            if (days is not (>= 1 and <= 60)) errors.Add("rectification.workingDays", "改正期限应为 1 至 60 个工作日。");
            else if (finished is { } on)
            {
                var issued = DateOnly.FromDateTime(on.ToLocalTime());
                try
                {
                    order = new RectificationOrder
                    {
                        EntityId = visit.Entity.Id, DepartmentId = visit.DepartmentId, Requirement = input.Rectification!.Requirement!.Trim(), IssuedOn = issued,
                        WorkingDays = days.Value, DueOn = (await calendar.GetAsync(ct)).AddWorkingDays(issued, days.Value),
                    };
                }
                catch (CalendarRangeException e)
                {
                    errors.Add("rectification.workingDays", e.Message);
                }
            }
        }
        if (followUp is FollowUp.CaseLead && string.IsNullOrWhiteSpace(input.CaseLeadFacts)) errors.Add("caseLeadFacts", "移送案件线索的，须写明涉嫌违法的事实。");
        if (input.CaseLeadFacts?.Trim().Length > 2000) errors.Add("caseLeadFacts", "案件线索事实最多 2000 个字符。");

        // Evidence and signatures must have arrived (and been checked) before the record that cites them.
        var keys = (input.Evidence ?? []).Concat(new[] { input.FirstSignature, input.SecondSignature, input.PartySignature }.OfType<Guid>()).Distinct().ToList();
        var evidence = await db.Set<Evidence>().Where(e => keys.Contains(e.ClientId)).ToListAsync(ct);
        foreach (var key in keys.Where(k => evidence.All(e => e.ClientId != k))) errors.Add("evidence", $"证据 {key} 尚未上传或上传未成功：请先上传证据，再提交检查记录。");
        foreach (var e in evidence.Where(e => e.InspectionId is not null)) errors.Add("evidence", $"证据 {e.ClientId} 已属于另一份检查记录。");
        CheckSignature(input.FirstSignature, "first", "firstSignature", "第一名执法人员签名", evidence, errors, required: true);
        CheckSignature(input.SecondSignature, "second", "secondSignature", "第二名执法人员签名", evidence, errors, required: true);
        if (input.PartyRefusedToSign == true)
        {
            if (input.PartySignature is not null) errors.Add("partySignature", "当事人拒绝签字的，不应同时提交当事人签名。");
        }
        else CheckSignature(input.PartySignature, "party", "partySignature", "当事人签名（或注明当事人拒绝签字）", evidence, errors, required: true);
        if (input.PartyName?.Trim().Length > 100) errors.Add("partyName", "当事人（在场人）姓名最多 100 个字符。");
        if (input.PartyRefusalNote?.Trim().Length > 500) errors.Add("partyRefusalNote", "拒签说明最多 500 个字符。");
        var channel = string.IsNullOrWhiteSpace(input.Channel) ? InspectionChannel.Mobile : CreditListings.ParseEnum<InspectionChannel>(input.Channel, "channel", "录入方式", errors);
        if (errors.Any) return new EditResult<StoredInspection>.Invalid(errors.ToDictionary());

        var inspection = new Inspection
        {
            ClientId = clientId, Kind = visit.Kind, Channel = channel!.Value, EntityId = visit.Entity.Id, DepartmentId = visit.DepartmentId, TaskId = visit.TaskId,
            DrawnEntityId = visit.DrawnEntityId, RectificationOrderId = visit.OrderId, AssignmentId = visit.AssignmentId, FirstOfficerId = officer.Id, SecondOfficerId = input.SecondOfficerId!.Value,
            StartedAtUtc = started!.Value, FinishedAtUtc = finished!.Value, Place = input.Place?.Trim() ?? "", Latitude = input.Latitude, Longitude = input.Longitude,
            Outcome = outcome!.Value, FollowUp = followUp!.Value, Summary = input.Summary?.Trim() ?? "", PartyName = input.PartyName?.Trim() ?? "",
            PartyRefusedToSign = input.PartyRefusedToSign == true, PartyRefusalNote = input.PartyRefusalNote?.Trim() ?? "",
            ReceivedAtUtc = now, RecordedBy = user.Identity?.Name ?? "", Points = [.. form.Select(p => answered[p.PointId])],
        };
        var inspectedOn = DateOnly.FromDateTime(inspection.FinishedAtUtc.ToLocalTime());
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        async Task<EditResult<StoredInspection>> RefuseAsync(EditResult<StoredInspection> refusal)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return refusal;
        }
        db.Add(inspection);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same inspection arrived twice at once: the other request stored it.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            if (await FindAsync(clientId, ct) is { } other) return new EditResult<StoredInspection>.Saved(new StoredInspection(other, true));
            throw;
        }
        foreach (var e in evidence) e.InspectionId = inspection.Id;
        if (order is not null)
        {
            order.InspectionId = inspection.Id;
            db.Add(order);
        }
        if (followUp is FollowUp.CaseLead)
            db.Add(new CaseLead
            {
                InspectionId = inspection.Id, EntityId = visit.Entity.Id, DepartmentId = visit.DepartmentId, Facts = input.CaseLeadFacts!.Trim(),
                CreatedAtUtc = now, CreatedBy = user.Identity?.Name ?? "",
            });
        // Closed only if still open. Two inspections sent at once for one assignment or order (two keys, a double tap),
        // or a cancellation meanwhile, may each have found it open: the closing columns are concurrency tokens, so the
        // later save finds the row changed (having waited for the other's lock) and is refused below.
        if (visit.AssignmentId is { } assigned)
        {
            var assignment = await db.Set<InspectionAssignment>().FirstAsync(a => a.Id == assigned, ct);
            if (!assignment.IsOpen) return await RefuseAsync(Closed());
            assignment.InspectionId = inspection.Id;
        }
        if (visit.OrderId is { } reinspected)
        {
            var original = await db.Set<RectificationOrder>().FirstAsync(o => o.Id == reinspected, ct);
            if (original.ClosedOn is not null) return await RefuseAsync(Closed());
            original.ReInspectionId = inspection.Id;
            original.ClosedOn = inspectedOn;
        }

        try
        {
            // What follows is saved with the result or the credit record below: one save, not two.
            if (visit.Kind == InspectionKind.SpotCheck)
            {
                // The visit is the drawn entity's spot-check result, item by item; publishing it later writes the credit record.
                var items = form.GroupBy(p => p.ItemCode).Select(g => new ItemResultInput(g.Key,
                    g.Any(p => answered[p.PointId].Result == PointResult.NotCompliant),
                    string.Join("；", g.Where(p => answered[p.PointId].Result == PointResult.NotCompliant).Select(p => answered[p.PointId].Note)))).ToList();
                var result = await results.RecordAsync(user, visit.TaskId!.Value, new ResultInput(visit.Entity.CreditCode, inspectedOn.ToString("yyyy-MM-dd"),
                    outcome.Value.ToString(), followUp.Value.ToString(), FollowUpNote(order, input.CaseLeadFacts), inspection.Summary, items), ct);
                if (result is not EditResult<SpotCheckResult>.Saved) return await RefuseAsync(result.Refusal<StoredInspection>());
            }
            else
            {
                var department = await db.Set<Department>().AsNoTracking().FirstAsync(d => d.Id == visit.DepartmentId, ct);
                db.Add(SpotCheckResults.InspectionCreditRecord(Rules, visit.Entity.Id, outcome.Value, $"{Inspection.KindName(visit.Kind)}：{SpotCheckResult.OutcomeName(outcome.Value)}",
                    inspection.Summary, inspectedOn, department, $"inspection:{inspection.Id}", now, time.Today()));
            }
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await RefuseAsync(Closed());
        }
        catch (DbUpdateException) when (visit.DrawnEntityId is not null)
        {
            // Two inspections of one drawn entity at once: the other's result took the place (one result per drawn entity).
            return await RefuseAsync(new EditResult<StoredInspection>.Conflict("taskId", $"{visit.Entity.Name} 在本任务中的检查结果已由另一份检查记录录入，本次检查未保存。"));
        }
        await transaction.CommitAsync(ct);
        inspection.Entity = visit.Entity; // for the answer only: nothing is saved after this
        return new EditResult<StoredInspection>.Saved(new StoredInspection(inspection, false));

        EditResult<StoredInspection> Closed() => visit.AssignmentId is { } a
            ? new EditResult<StoredInspection>.Conflict("assignmentId", $"核查交办 {a} 已由另一份检查记录办结或已撤销，本次检查未保存。")
            : new EditResult<StoredInspection>.Conflict("rectificationOrderId", $"责令改正 {visit.OrderId} 已由另一份复查记录办结，本次检查未保存。");
    }

    private static string FollowUpNote(RectificationOrder? order, string? caseLeadFacts) =>
        order is not null ? $"责令于 {order.DueOn:yyyy-MM-dd} 前改正：{order.Requirement}" : caseLeadFacts?.Trim() ?? "";

    private static void CheckSignature(Guid? key, string signer, string field, string label, List<Evidence> evidence, FieldErrors errors, bool required)
    {
        if (key is null)
        {
            if (required) errors.Add(field, $"必填：{label}。");
            return;
        }
        if (evidence.FirstOrDefault(e => e.ClientId == key) is { } e && (e.Kind != EvidenceKind.Signature || e.Signer != signer))
            errors.Add(field, $"证据 {key} 不是{label}。");
    }

    private const int MaxPoints = 1000, MaxEvidence = 100, MaxAgeDays = 365;

    private static DateTime? ParseTime(string? value, string field, string label, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) { errors.Add(field, $"必填：{label}。"); return null; }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t.UtcDateTime;
        errors.Add(field, $"{label}“{value}”无法识别，应为 ISO 8601 时间。");
        return null;
    }

    public async Task<Inspection?> FindAsync(Guid clientId, CancellationToken ct) =>
        await db.Set<Inspection>().AsNoTracking().Include(i => i.Points).Include(i => i.Evidence).Include(i => i.Entity)
            .FirstOrDefaultAsync(i => i.ClientId == clientId, ct);

    /// <summary>Inspections the user may see: the department's own, or all for administrators and the committee.</summary>
    public IQueryable<Inspection> VisibleTo(ClaimsPrincipal user)
    {
        var query = db.Set<Inspection>().AsNoTracking();
        if (user.SeesAllDepartments()) return query;
        var department = user.DepartmentId() ?? -1;
        return query.Where(i => i.DepartmentId == department);
    }

    /// <summary>Open orders past their deadline, oldest first.</summary>
    public async Task<List<RectificationOrder>> OverdueOrdersAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var today = time.Today();
        var query = db.Set<RectificationOrder>().AsNoTracking().Include(o => o.Entity).Where(o => o.ClosedOn == null && o.DueOn < today);
        if (!user.SeesAllDepartments()) query = query.Where(o => o.DepartmentId == (user.DepartmentId() ?? -1));
        return await query.OrderBy(o => o.DueOn).Take(500).ToListAsync(ct);
    }

    /// <summary>
    /// The share of inspections made on the phone, per department and month of the year, counted from the records:
    /// inspections sent from the app, against those plus spot-check results entered at a desk without one.
    /// </summary>
    public async Task<List<CoverageRow>> CoverageAsync(ClaimsPrincipal user, int year, CancellationToken ct)
    {
        var from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddYears(1);
        var inspections = VisibleTo(user).Where(i => i.FinishedAtUtc >= from && i.FinishedAtUtc < to)
            .Select(i => new { i.DepartmentId, i.FinishedAtUtc, Mobile = i.Channel == InspectionChannel.Mobile });
        var rows = (await inspections.ToListAsync(ct)).Select(i => (i.DepartmentId, Month: i.FinishedAtUtc.ToLocalTime().ToString("yyyy-MM"), i.Mobile)).ToList();
        var own = user.SeesAllDepartments() ? (int?)null : user.DepartmentId() ?? -1;
        var fromDay = new DateOnly(year, 1, 1);
        var desk = await db.Set<SpotCheckResult>().AsNoTracking()
            .Where(r => r.InspectedOn >= fromDay && r.InspectedOn < fromDay.AddYears(1) && !db.Set<Inspection>().Any(i => i.DrawnEntityId == r.DrawnEntityId))
            .Select(r => new { r.InspectedOn, DepartmentId = db.Set<SpotCheckTask>().Where(t => t.Id == r.TaskId).Select(t => t.LeadDepartmentId).First() })
            .ToListAsync(ct);
        rows.AddRange(desk.Where(d => own is null || d.DepartmentId == own).Select(d => (d.DepartmentId, d.InspectedOn.ToString("yyyy-MM"), false)));
        var names = await db.Set<Department>().AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return [.. rows.GroupBy(r => (r.DepartmentId, r.Month)).OrderBy(g => g.Key.DepartmentId).ThenBy(g => g.Key.Month)
            .Select(g => new CoverageRow(g.Key.DepartmentId, names[g.Key.DepartmentId], g.Key.Month, g.Count(r => r.Mobile), g.Count()))];
    }

    private static EditResult<T> Invalid<T>(string field, string message) => new EditResult<T>.Invalid(new() { [field] = [message] });
}
