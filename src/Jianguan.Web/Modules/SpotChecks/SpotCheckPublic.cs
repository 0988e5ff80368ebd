using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.SpotChecks;

public sealed record PublicDrawDto(long Id, long TaskId, string TaskName, int Number, string Departments, DateTime DrawnAtUtc, string Commitment,
    string Seed, int PoolSize, int Selected, string State, string? CancelReason);

public sealed record PublicTaskDto(long Id, string Name, string Department, bool Joint, string StartsOn, string EndsOn, string State, string Commitment,
    DateTime CommittedAtUtc, string Items);

public sealed record PublicResultDto(long TaskId, string TaskName, string CreditCode, string EntityName, string InspectedOn, string Outcome, string PublishedOn, string Department);

public sealed record PublicPlanDto(long Id, string Department, int Year, string Name, string Scope, string Rules, DateTime? ReportedAtUtc);

/// <summary>
/// What 一公开 makes public, without login: reported plans, tasks with their commitment (never the secret before the
/// draw), every draw record (cancelled ones too) and published results. Risk classes appear only as the draw's
/// strata keys, which the verification needs; no entity's class is listed by name on the pages.
/// </summary>
public sealed class SpotCheckPublic(AppDbContext db)
{
    public async Task<List<PublicDrawDto>> DrawsAsync(CancellationToken ct)
    {
        var draws = await db.Set<SpotCheckDraw>().AsNoTracking().Include(d => d.Task).ThenInclude(t => t!.Items).ThenInclude(i => i.Department)
            .OrderByDescending(d => d.DrawnAtUtc).Take(500).ToListAsync(ct);
        return [.. draws.Select(d => new PublicDrawDto(d.Id, d.TaskId, d.Task!.Name, d.Number, Departments(d.Task), d.DrawnAtUtc, d.Commitment, d.Seed,
            d.PoolSize, d.SelectedCount, SpotCheckDraw.StateName(d.State), d.CancelReason))];
    }

    public Task<string?> RecordAsync(long id, CancellationToken ct) =>
        db.Set<SpotCheckDraw>().AsNoTracking().Where(d => d.Id == id).Select(d => d.Record).FirstOrDefaultAsync(ct);

    public async Task<SpotCheckDraw?> DrawAsync(long id, CancellationToken ct) =>
        await db.Set<SpotCheckDraw>().AsNoTracking().Include(d => d.Task).ThenInclude(t => t!.Items).ThenInclude(i => i.Department)
            .Include(d => d.Entities.OrderBy(e => e.Position)).ThenInclude(e => e.Entity)
            .Include(d => d.Entities).ThenInclude(e => e.Officers).ThenInclude(o => o.Officer)
            .AsSplitQuery().FirstOrDefaultAsync(d => d.Id == id, ct);

    public async Task<List<PublicTaskDto>> TasksAsync(CancellationToken ct)
    {
        var tasks = await db.Set<SpotCheckTask>().AsNoTracking().Include(t => t.Items).ThenInclude(i => i.Department)
            .OrderByDescending(t => t.Id).Take(500).ToListAsync(ct);
        return [.. tasks.Select(t => new PublicTaskDto(t.Id, t.Name, Departments(t), t.IsJoint, t.StartsOn.ToString("yyyy-MM-dd"), t.EndsOn.ToString("yyyy-MM-dd"),
            SpotCheckTask.StateName(t.State), t.Commitment, t.CommittedAtUtc, string.Join("；", t.Items.Select(i => $"{i.ItemCode} {i.ItemName}"))))];
    }

    public async Task<List<PublicResultDto>> ResultsAsync(long? taskId, CancellationToken ct)
    {
        var query = db.Set<SpotCheckResult>().AsNoTracking().Where(r => r.PublishedOn != null);
        if (taskId is { } id) query = query.Where(r => r.TaskId == id);
        var rows = await query.OrderByDescending(r => r.PublishedOn).ThenByDescending(r => r.Id).Take(500)
            .Select(r => new
            {
                r.TaskId, r.InspectedOn, r.Outcome, r.PublishedOn,
                Task = db.Set<SpotCheckTask>().Where(t => t.Id == r.TaskId).Select(t => new { t.Name, t.LeadDepartmentId }).First(),
                Entity = db.Set<SupervisedEntity>().Where(e => e.Id == r.EntityId).Select(e => new { e.CreditCode, e.Name }).First(),
            }).ToListAsync(ct);
        var names = await db.Set<Department>().AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return [.. rows.Select(r => new PublicResultDto(r.TaskId, r.Task.Name, r.Entity.CreditCode, r.Entity.Name, r.InspectedOn.ToString("yyyy-MM-dd"),
            SpotCheckResult.OutcomeName(r.Outcome), r.PublishedOn!.Value.ToString("yyyy-MM-dd"), names[r.Task.LeadDepartmentId]))];
    }

    public async Task<List<PublicPlanDto>> PlansAsync(CancellationToken ct) =>
        (await db.Set<SpotCheckPlan>().AsNoTracking().Include(p => p.Department).Where(p => p.State != SpotCheckPlanState.Draft)
            .OrderByDescending(p => p.Year).ThenBy(p => p.DepartmentId).Take(200).ToListAsync(ct))
        .Select(p => new PublicPlanDto(p.Id, p.Department!.Name, p.Year, p.Name, p.Scope, p.Rules, p.ReportedAtUtc)).ToList();

    public static string Departments(SpotCheckTask t) =>
        string.Join("、", t.Items.Select(i => i.Department).OfType<Department>().DistinctBy(d => d.Id)
            .OrderBy(d => d.Id == t.LeadDepartmentId ? 0 : 1).Select(d => d.ShortName.Length > 0 ? d.ShortName : d.Name));
}
