using System.Security.Claims;
using Jianguan.Draw;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using DrawOfficer = Jianguan.Draw.Officer;

namespace Jianguan.Web.Modules.SpotChecks;

public sealed record DrawInput(string? Entropy);

public sealed record CancelInput(string? Reason);

/// <summary>
/// The draw (摇号) of a task, once: the pool frozen in credit-code order and hashed, the seed from the task's committed
/// secret, the pool's digest and the witness's entropy, each stratum's lowest ranks, and officers assigned from the
/// same seed (src/Jianguan.Draw, docs/draw-record.md). The record is published at once with the secret. A draw is
/// cancelled only with a written reason and the department head's approval; the task then gets a new secret and
/// commitment, and both records stay public.
/// </summary>
public sealed class SpotCheckDraws(AppDbContext db, SpotCheckTasks tasks, TimeProvider time)
{
    public async Task<EditResult<SpotCheckDraw>> DrawAsync(ClaimsPrincipal user, long taskId, DrawInput input, CancellationToken ct)
    {
        var task = await tasks.TasksVisibleTo(user).FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) return new EditResult<SpotCheckDraw>.NotFound($"抽查任务 {taskId} 不存在，或与您的部门无关。");
        if (!SpotCheckTasks.CanOrganise(user, task.LeadDepartmentId)) return new EditResult<SpotCheckDraw>.Forbidden("摇号由牵头部门的部门管理员进行。");
        var entropy = input.Entropy?.Trim() ?? "";
        if (System.Text.Encoding.UTF8.GetByteCount(entropy) > DrawHashes.MaxEntropyBytes)
            return Invalid("entropy", $"公开随机数最多 {DrawHashes.MaxEntropyBytes} 字节。");
        if (task.State != SpotCheckTaskState.Open || await db.Set<SpotCheckDraw>().AnyAsync(d => d.TaskId == task.Id && d.State != DrawState.Cancelled, ct))
            return new EditResult<SpotCheckDraw>.Conflict("task", "本任务已经摇号，每个任务只抽取一次；如确需重抽，须书面说明理由并经部门负责人批准作废原抽取结果。");

        var departments = await db.Set<Department>().AsNoTracking().Where(d => task.DepartmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var excluded = await tasks.AtYearlyCapAsync(ct);
        PoolDraw drawn;
        try
        {
            drawn = await ReadAndDrawAsync(db, task, excluded, entropy, ct);
        }
        catch (DrawException e)
        {
            return Invalid("task", e.Chinese);
        }
        if (drawn.Draw is not { } draw) return Invalid("task", "检查对象名录为空：没有符合本任务条件的在业市场主体，无法摇号。");
        if (draw.Selected.Count == 0) return Invalid("task", "按本任务的抽查比例，没有一户被抽中（各层比例均为 0），无法摇号。");
        var rules = drawn.Rules;

        // 执法检查人员名录库: the participating departments' officers with a licence valid today.
        var today = time.Today();
        var officers = (await db.Set<Organization.Officer>().AsNoTracking().Where(o => task.DepartmentIds.Contains(o.DepartmentId) && o.IsActive).ToListAsync(ct))
            .Where(o => o.MayInspectOn(today)).OrderBy(o => o.Id).ToList();
        var poolOfficers = officers.Select(o => new DrawOfficer(o.Id.ToString(), departments[o.DepartmentId].Code, o.QualificationList)).ToList();
        var required = task.Items.GroupBy(i => i.DepartmentId).ToDictionary(g => departments[g.Key].Code,
            g => (IReadOnlyList<string>)[.. g.Select(i => i.RequiredQualification).Where(q => q.Length > 0).Distinct().Order(StringComparer.Ordinal)]);
        var assignmentRules = new AssignmentRules([.. task.DepartmentIds.Select(d => departments[d].Code)], required, task.OfficersPerEntity);

        // Each selected entity back to its id: its place in the pool as read is its place in the builder.
        var pool = drawn.Pool;
        var chosen = draw.AddedAt;
        var selectedIds = chosen.Select(pool.EntityId).ToList();
        var codeOf = draw.Selected.Select((s, n) => (Id: selectedIds[n], s.CreditCode)).ToDictionary(x => x.Id, x => x.CreditCode);
        var conflicts = (await db.Set<OfficerConflict>().AsNoTracking().Where(c => selectedIds.Contains(c.EntityId)).ToListAsync(ct))
            .Select(c => new OfficerLink(codeOf[c.EntityId], c.OfficerId.ToString())).ToList();
        var previous = await PreviousInspectorsAsync(selectedIds, codeOf, ct);
        var entities = draw.Selected.Select(s => new EntityToAssign(s.CreditCode)).ToList();
        var assignment = OfficerAssignment.Assign(draw.Seed, entities, poolOfficers, assignmentRules, conflicts, previous);

        var number = await db.Set<SpotCheckDraw>().CountAsync(d => d.TaskId == task.Id, ct) + 1;
        var drawnAt = time.GetUtcNow();
        var record = DrawRecord.Create(
            new DrawTask($"{task.Id}-{number}", task.Name, SpotCheckTask.StratificationName(task.Stratification) + "（层以随机标签公示，对应的风险类别不公开）", rules, assignmentRules),
            draw, poolOfficers, conflicts, previous, assignment, drawnAt: drawnAt);
        var byCode = assignment.Assignments.ToDictionary(a => a.CreditCode);
        var unassigned = assignment.Unassigned.ToDictionary(u => u.CreditCode);
        var row = new SpotCheckDraw
        {
            TaskId = task.Id, Number = number, DrawnAtUtc = drawnAt.UtcDateTime, DrawnBy = user.Identity?.Name ?? "", Entropy = entropy,
            Commitment = task.Commitment, PoolDigest = draw.PoolDigestHex, Seed = draw.SeedHex, PoolSize = draw.Pool.Count,
            SelectedCount = draw.Selected.Count, UnassignedCount = assignment.Unassigned.Count, ExcludedAtCap = drawn.Read.Left.Count,
            Record = RecordText(record, draw.Pool),
            Entities = [.. draw.Selected.Select((s, n) => new DrawnEntity
            {
                TaskId = task.Id, EntityId = selectedIds[n], Stratum = drawn.Read.Strata[pool.Stratum(chosen[n])], Position = n + 1, Rank = s.RankHex,
                UnassignedReason = unassigned.TryGetValue(s.CreditCode, out var u) ? u.Message : null,
                Officers = byCode.TryGetValue(s.CreditCode, out var a) ? [.. a.OfficerIds.Select(o => new DrawnEntityOfficer { OfficerId = int.Parse(o) })] : [],
            })],
        };
        task.State = SpotCheckTaskState.Drawn;
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two draws of one task at the same moment: the unique (task, number) lets one through.
            return new EditResult<SpotCheckDraw>.Conflict("task", "本任务已经摇号，每个任务只抽取一次。");
        }
        return new EditResult<SpotCheckDraw>.Saved(row);
    }

    /// <summary>What a draw reads and computes before officers are assigned: the pool, its strata's labels and quotas, and the draw (null for an empty pool).</summary>
    public sealed record PoolDraw(PoolReadResult Read, PoolBuffer Pool, IReadOnlyList<string> Labels, QuotaRules Rules, DrawResult? Draw);

    /// <summary>
    /// The draw of a task's pool: read by <see cref="PoolReader"/>, its strata labelled, frozen and drawn. A refused
    /// pool throws <see cref="DrawException"/>.
    /// </summary>
    public static async Task<PoolDraw> ReadAndDrawAsync(AppDbContext db, SpotCheckTask task, HashSet<long> excluded, string entropy, CancellationToken ct)
    {
        // The risk class is internal (国市监信发〔2022〕6号), so the public record names each stratum by a label drawn
        // at random (StratumLabels) and gives its quota outright: anyone can check the selection; only staff see
        // which class a label stands for (each drawn entity keeps its real stratum). A stratum's label is drawn when
        // its first entity is read, so the pool is frozen as it is read: the builder checks and hashes it on another
        // thread meanwhile, and what is left once the last row is in is the seed, the ranks and the selection.
        var pool = new PoolBuffer();
        var labels = new StratumLabels();
        using var builder = new DrawBuilder();
        var read = await new PoolReader(db).ReadAsync(task, excluded, (id, code, stratum) =>
        {
            pool.Add(id, stratum);
            // The reader numbers strata as it meets them, and so does the builder.
            if (stratum == labels.Count) builder.AddStratum(labels.Of(stratum));
            builder.AddUtf8(code, stratum);
        }, ct);
        var empty = new QuotaRules(new Dictionary<string, int>());
        if (read.Count == 0) return new PoolDraw(read, pool, [], empty, null);
        var sizes = pool.Sizes(read.Strata.Count);
        var quotas = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < read.Strata.Count; s++) quotas[labels.Name(s)] = QuotaRules.Quota(sizes[s], task.Ratios[PoolRules.RiskClass(read.Strata[s])]);
        var rules = new QuotaRules(new Dictionary<string, int>(), quotas);
        return new PoolDraw(read, pool, [.. Enumerable.Range(0, read.Strata.Count).Select(labels.Name)], rules, builder.Freeze().Draw(task.Secret, entropy, rules));
    }

    /// <summary>The officers of each entity's latest earlier check by a draw still valid: they stand aside this time (回避).</summary>
    private async Task<List<OfficerLink>> PreviousInspectorsAsync(List<long> entityIds, Dictionary<long, string> codeOf, CancellationToken ct)
    {
        var earlier = await db.Set<DrawnEntity>().AsNoTracking()
            .Where(d => entityIds.Contains(d.EntityId) && db.Set<SpotCheckDraw>().Any(x => x.Id == d.DrawId && x.State != DrawState.Cancelled))
            .Select(d => new { d.EntityId, d.DrawId, Officers = d.Officers.Select(o => o.OfficerId).ToList() }).ToListAsync(ct);
        return [.. earlier.GroupBy(e => e.EntityId).SelectMany(g => g.MaxBy(e => e.DrawId)!.Officers.Select(o => new OfficerLink(codeOf[g.Key], o.ToString())))];
    }

    public async Task<EditResult<SpotCheckDraw>> RequestCancelAsync(ClaimsPrincipal user, long drawId, CancelInput input, CancellationToken ct)
    {
        var draw = await FindAsync(user, drawId, ct);
        if (draw is null) return new EditResult<SpotCheckDraw>.NotFound($"抽取结果 {drawId} 不存在，或与您的部门无关。");
        if (!SpotCheckTasks.CanOrganise(user, draw.Task!.LeadDepartmentId)) return new EditResult<SpotCheckDraw>.Forbidden("作废申请由牵头部门的部门管理员提出。");
        if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Trim().Length < 10)
            return Invalid("reason", "请书面说明作废理由（至少 10 个字）。");
        if (input.Reason.Trim().Length > 1000) return Invalid("reason", "作废理由最多 1000 个字符。");
        if (draw.State != DrawState.Valid) return new EditResult<SpotCheckDraw>.Conflict("state", $"该抽取结果{SpotCheckDraw.StateName(draw.State)}。");
        if (await db.Set<SpotCheckResult>().AnyAsync(r => db.Set<DrawnEntity>().Any(d => d.Id == r.DrawnEntityId && d.DrawId == draw.Id), ct))
            return new EditResult<SpotCheckDraw>.Conflict("state", "已有检查结果录入，不能作废本次抽取。");
        (draw.State, draw.CancelReason, draw.CancelRequestedBy, draw.CancelRequestedAtUtc) =
            (DrawState.CancelRequested, input.Reason.Trim(), user.Identity?.Name, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return new EditResult<SpotCheckDraw>.Saved(draw);
    }

    /// <summary>
    /// The department head approves the cancellation: the draw stays public, marked cancelled, and the task is open
    /// to a new draw under a new secret, whose commitment is published now (the old secret is known to all).
    /// </summary>
    public async Task<EditResult<SpotCheckDraw>> ApproveCancelAsync(ClaimsPrincipal user, long drawId, CancellationToken ct)
    {
        var draw = await FindAsync(user, drawId, ct);
        if (draw is null) return new EditResult<SpotCheckDraw>.NotFound($"抽取结果 {drawId} 不存在，或与您的部门无关。");
        if (!user.IsInRole(Roles.DepartmentHead) || user.DepartmentId() != draw.Task!.LeadDepartmentId)
            return new EditResult<SpotCheckDraw>.Forbidden("作废抽取结果须经牵头部门负责人批准。");
        if (draw.State != DrawState.CancelRequested) return new EditResult<SpotCheckDraw>.Conflict("state", "没有待批准的作废申请。");
        var now = time.GetUtcNow().UtcDateTime;
        (draw.State, draw.CancelApprovedBy, draw.CancelledAtUtc) = (DrawState.Cancelled, user.Identity?.Name, now);
        var secret = DrawSecret.New();
        (draw.Task!.Secret, draw.Task.Commitment, draw.Task.CommittedAtUtc, draw.Task.State) = (secret, DrawSecret.Commitment(secret), now, SpotCheckTaskState.Open);
        await db.SaveChangesAsync(ct);
        return new EditResult<SpotCheckDraw>.Saved(draw);
    }

    private async Task<SpotCheckDraw?> FindAsync(ClaimsPrincipal user, long drawId, CancellationToken ct)
    {
        var draw = await db.Set<SpotCheckDraw>().Include(d => d.Task).ThenInclude(t => t!.Items).FirstOrDefaultAsync(d => d.Id == drawId, ct);
        return draw is not null && SpotCheckTasks.CanSee(user, draw.Task!) ? draw : null;
    }

    private static string RecordText(DrawRecord record, FrozenPool pool)
    {
        using var stream = new MemoryStream();
        DrawRecordWriter.Write(stream, record, pool);
        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static EditResult<SpotCheckDraw> Invalid(string field, string message) =>
        new EditResult<SpotCheckDraw>.Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The task's draws, newest first, each with its selection, officers and results.</summary>
    public Task<List<SpotCheckDraw>> OfTaskAsync(long taskId, CancellationToken ct) =>
        db.Set<SpotCheckDraw>().AsNoTracking().Where(d => d.TaskId == taskId)
            .Include(d => d.Entities.OrderBy(e => e.Position)).ThenInclude(e => e.Entity)
            .Include(d => d.Entities).ThenInclude(e => e.Officers).ThenInclude(o => o.Officer)
            .Include(d => d.Entities).ThenInclude(e => e.Result).ThenInclude(r => r!.Items)
            .AsSplitQuery().OrderByDescending(d => d.Number).ToListAsync(ct);
}
