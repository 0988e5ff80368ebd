using System.Security.Claims;
using System.Threading.RateLimiting;
using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Errors;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.SpotChecks;

/// <summary>
/// 双随机、一公开 (MISSION.md §4, policy 二(三)3): plans, tasks (joint or not), the verifiable draw, officer
/// assignment with recusal, results and their publication deadline, and the public pages.
/// </summary>
public static class SpotChecksModule
{
    public const string PublicRateLimit = "public-spot-checks";

    public static WebApplicationBuilder AddSpotChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SpotCheckTasks>();
        builder.Services.AddScoped<SpotCheckDraws>();
        builder.Services.AddScoped<SpotCheckResults>();
        builder.Services.AddScoped<SpotCheckPublic>();
        builder.Services.AddScoped<InspectionNotices>();
        var permits = builder.Configuration.GetValue("SpotChecks:PublicRequestsPerMinute", 120);
        builder.Services.Configure<RateLimiterOptions>(o => o.AddPolicy(PublicRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) })));
        return builder;
    }

    public static IEndpointRouteBuilder MapSpotChecks(this IEndpointRouteBuilder app)
    {
        var staff = ApiAuthorization.InRoles([.. Roles.Staff]);
        var api = app.MapGroup("/api/v1/spot-checks").WithTags("Spot checks").RequireAuthorization(staff);

        api.MapGet("/plans", async (ClaimsPrincipal user, SpotCheckTasks tasks, CancellationToken ct) =>
                TypedResults.Ok((await tasks.PlansVisibleTo(user).AsNoTracking().OrderByDescending(p => p.Year).ThenByDescending(p => p.Id).Take(200).ToListAsync(ct)).Select(PlanDto.From).ToList()))
            .WithName("ListSpotCheckPlans").WithSummary("Annual plans of the user's department (all for administrators and the committee)");
        api.MapPost("/plans", async (PlanInput input, ClaimsPrincipal user, SpotCheckTasks tasks, CancellationToken ct) =>
                EditResults.ToHttp(await tasks.CreatePlanAsync(user, input, ct), PlanDto.From, p => $"/api/v1/spot-checks/plans/{p.Id}"))
            .WithName("CreateSpotCheckPlan").WithSummary("A department manager drafts the annual plan with its rules (细则)")
            .Produces<PlanDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/plans/{id:long}/report", async (long id, ClaimsPrincipal user, SpotCheckTasks tasks, CancellationToken ct) =>
                EditResults.ToHttp(await tasks.ReportPlanAsync(user, id, ct), PlanDto.From))
            .WithName("ReportSpotCheckPlan").WithSummary("Report the plan to the next level up; it becomes public")
            .Produces<PlanDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/tasks", async (ClaimsPrincipal user, SpotCheckTasks tasks, CancellationToken ct) =>
                TypedResults.Ok((await tasks.TasksVisibleTo(user).AsNoTracking().OrderByDescending(t => t.Id).Take(200).ToListAsync(ct)).Select(TaskDto.From).ToList()))
            .WithName("ListSpotCheckTasks").WithSummary("Tasks the user's department leads or joins");
        api.MapPost("/tasks", async (TaskInput input, ClaimsPrincipal user, SpotCheckTasks tasks, CancellationToken ct) =>
                EditResults.ToHttp(await tasks.CreateTaskAsync(user, input, ct), TaskDto.From, t => $"/api/v1/spot-checks/tasks/{t.Id}"))
            .WithName("CreateSpotCheckTask")
            .WithSummary("Create a task from catalog items open to spot checks (items of other departments make it joint); its secret's commitment is published at once")
            .Produces<TaskDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/tasks/{id:long}", async (long id, ClaimsPrincipal user, SpotCheckTasks tasks, CancellationToken ct) =>
                await tasks.TasksVisibleTo(user).AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is { } t ? Results.Ok(TaskDto.From(t)) : NoTask(id))
            .WithName("GetSpotCheckTask").Produces<TaskDto>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/tasks/{id:long}/preview", async (long id, ClaimsPrincipal user, SpotCheckTasks tasks, CancellationToken ct) =>
                await tasks.TasksVisibleTo(user).AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is { } t ? Results.Ok(await tasks.PreviewAsync(t, ct)) : NoTask(id))
            .WithName("PreviewSpotCheckDraw").WithSummary("The pool's strata and quotas, with the rounding, before the draw")
            .Produces<PoolPreview>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/tasks/{id:long}/draw", async (long id, DrawInput input, ClaimsPrincipal user, SpotCheckDraws draws, CancellationToken ct) =>
                EditResults.ToHttp(await draws.DrawAsync(user, id, input, ct), DrawDto.From, d => $"/api/v1/public/spot-checks/draws/{d.Id}"))
            .WithName("DrawSpotCheck").WithSummary("Draw once: freezes the pool, selects, assigns officers and publishes the draw record")
            .Produces<DrawDto>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/tasks/{id:long}/draws", async (long id, ClaimsPrincipal user, SpotCheckTasks tasks, SpotCheckDraws draws, CancellationToken ct) =>
                await tasks.TasksVisibleTo(user).AsNoTracking().AnyAsync(t => t.Id == id, ct)
                    ? Results.Ok((await draws.OfTaskAsync(id, ct)).Select(DrawDetailDto.From).ToList()) : NoTask(id))
            .WithName("ListSpotCheckTaskDraws").WithSummary("The task's draws with the drawn entities, their officers and results")
            .Produces<List<DrawDetailDto>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/draws/{id:long}/cancel", async (long id, CancelInput input, ClaimsPrincipal user, SpotCheckDraws draws, CancellationToken ct) =>
                EditResults.ToHttp(await draws.RequestCancelAsync(user, id, input, ct), DrawDto.From))
            .WithName("RequestDrawCancellation").WithSummary("Ask to cancel a draw, with a written reason; the department head decides")
            .Produces<DrawDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/draws/{id:long}/approve-cancel", async (long id, ClaimsPrincipal user, SpotCheckDraws draws, CancellationToken ct) =>
                EditResults.ToHttp(await draws.ApproveCancelAsync(user, id, ct), DrawDto.From))
            .WithName("ApproveDrawCancellation").WithSummary("The lead department's head approves: the draw stays public as cancelled, the task gets a new commitment")
            .Produces<DrawDto>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/tasks/{id:long}/results", async (long id, ResultInput input, ClaimsPrincipal user, SpotCheckResults results, CancellationToken ct) =>
                EditResults.ToHttp(await results.RecordAsync(user, id, input, ct), ResultDto.From, r => $"/api/v1/spot-checks/tasks/{id}/draws"))
            .WithName("RecordSpotCheckResult").WithSummary("Record a drawn entity's result, item by item, with the follow-up")
            .Produces<ResultDto>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/tasks/{id:long}/results/{creditCode}/publish", async (long id, string creditCode, ClaimsPrincipal user, SpotCheckResults results, CancellationToken ct) =>
                EditResults.ToHttp(await results.PublishAsync(user, id, creditCode, ct), ResultDto.From))
            .WithName("PublishSpotCheckResult").WithSummary("Publish a result (due within 20 working days of the inspection); it enters the credit record")
            .Produces<ResultDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/deadlines", async (ClaimsPrincipal user, SpotCheckResults results, CancellationToken ct) => TypedResults.Ok(await results.DeadlinesAsync(user, ct)))
            .WithName("SpotCheckDeadlines").WithSummary("Per department: drawn entities awaiting inspection, results due and overdue for publication");
        api.MapPost("/conflicts", async (ConflictInput input, ClaimsPrincipal user, SpotCheckTasks tasks, CancellationToken ct) =>
                EditResults.ToHttp(await tasks.DeclareConflictAsync(user, input, ct), c => new { c.Id, c.OfficerId, c.EntityId, c.Relationship, DeclaredOn = c.DeclaredOn.ToString("yyyy-MM-dd") },
                    c => $"/api/v1/spot-checks/conflicts/{c.Id}"))
            .WithName("DeclareOfficerConflict").WithSummary("An officer (or the department manager) declares a relationship to an entity: the draw never assigns the officer there")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        // Also for the business drawn, so not in the staff group: the service checks who may have it.
        app.MapGet("/api/v1/spot-checks/tasks/{id:long}/notices/{creditCode}", async (long id, string creditCode, ClaimsPrincipal user, InspectionNotices notices, CancellationToken ct) =>
                await notices.RenderAsync(user, id, creditCode, ct) is { } pdf
                    ? Results.File(pdf, "application/pdf", $"检查通知书-{id}-{creditCode.Trim().ToUpperInvariant()}.pdf")
                    : Problems.NotFound($"抽查任务 {id} 没有抽中 {creditCode}，或您无权查看。"))
            .RequireAuthorization(ApiAuthorization.Authenticated).WithTags("Spot checks")
            .WithName("GetInspectionNotice").WithSummary("检查通知书 of a drawn entity as PDF: staff of the task, and the business itself")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var open = app.MapGroup("/api/v1/public/spot-checks").AllowAnonymous().RequireRateLimiting(PublicRateLimit).WithTags("Spot checks (public)");
        open.MapGet("/draws", async (SpotCheckPublic published, CancellationToken ct) => TypedResults.Ok(await published.DrawsAsync(ct)))
            .WithName("ListPublicDraws").WithSummary("Every draw, newest first, cancelled ones included");
        open.MapGet("/draws/{id:long}", async (long id, SpotCheckPublic published, CancellationToken ct) =>
                await published.RecordAsync(id, ct) is { } record ? Results.Text(record, "application/json; charset=utf-8") : Problems.NotFound($"抽取记录 {id} 不存在。"))
            .WithName("GetPublicDrawRecord").WithSummary("The draw record as JSON (docs/draw-record.md): check it with `jianguan-verify draw FILE`")
            .ProducesProblem(StatusCodes.Status404NotFound);
        open.MapGet("/tasks", async (SpotCheckPublic published, CancellationToken ct) => TypedResults.Ok(await published.TasksAsync(ct)))
            .WithName("ListPublicSpotCheckTasks").WithSummary("Tasks with the commitment of their next draw's secret");
        open.MapGet("/results", async (SpotCheckPublic published, CancellationToken ct) => TypedResults.Ok(await published.ResultsAsync(null, ct)))
            .WithName("ListPublicSpotCheckResults").WithSummary("Published results, newest first (500 at most)");
        return app;
    }

    private static IResult NoTask(long id) => Problems.NotFound($"抽查任务 {id} 不存在，或与您的部门无关。");
}

public sealed record PlanDto(long Id, int DepartmentId, string Department, int Year, string Name, string Scope, string Rules, string State, DateTime? ReportedAtUtc)
{
    public static PlanDto From(SpotCheckPlan p) =>
        new(p.Id, p.DepartmentId, p.Department?.Name ?? "", p.Year, p.Name, p.Scope, p.Rules, p.State.ToString(), p.ReportedAtUtc);
}

public sealed record TaskItemDto(string ItemCode, string ItemName, int DepartmentId, int ChecklistId, string RequiredQualification);

public sealed record TaskDto(
    long Id, string Name, long? PlanId, int LeadDepartmentId, bool Joint, string StartsOn, string EndsOn, string? IndustryCode, string? DivisionCode,
    string? Tag, string? EntityType, string Stratification, IReadOnlyDictionary<string, int> Ratios, int OfficersPerEntity, string Commitment,
    string State, IReadOnlyList<TaskItemDto> Items)
{
    public static TaskDto From(SpotCheckTask t) => new(
        t.Id, t.Name, t.PlanId, t.LeadDepartmentId, t.IsJoint, t.StartsOn.ToString("yyyy-MM-dd"), t.EndsOn.ToString("yyyy-MM-dd"), t.IndustryCode,
        t.DivisionCode, t.Tag, t.EntityType?.ToString(), t.Stratification.ToString(), t.Ratios, t.OfficersPerEntity, t.Commitment, t.State.ToString(),
        [.. t.Items.Select(i => new TaskItemDto(i.ItemCode, i.ItemName, i.DepartmentId, i.ChecklistId, i.RequiredQualification))]);
}

public sealed record DrawDto(long Id, long TaskId, int Number, DateTime DrawnAtUtc, string Commitment, string PoolDigest, string Seed, int PoolSize,
    int Selected, int Unassigned, int ExcludedAtCap, string State, string? CancelReason)
{
    public static DrawDto From(SpotCheckDraw d) => new(d.Id, d.TaskId, d.Number, d.DrawnAtUtc, d.Commitment, d.PoolDigest, d.Seed, d.PoolSize,
        d.SelectedCount, d.UnassignedCount, d.ExcludedAtCap, d.State.ToString(), d.CancelReason);
}

public sealed record DrawnEntityDto(int Position, string CreditCode, string Name, string Stratum, IReadOnlyList<string> Officers, string? UnassignedReason, ResultDto? Result);

public sealed record DrawDetailDto(DrawDto Draw, IReadOnlyList<DrawnEntityDto> Entities)
{
    public static DrawDetailDto From(SpotCheckDraw d) => new(DrawDto.From(d), [.. d.Entities.OrderBy(e => e.Position).Select(e => new DrawnEntityDto(
        e.Position, e.Entity?.CreditCode ?? "", e.Entity?.Name ?? "", e.Stratum, [.. e.Officers.Select(o => o.Officer?.Name ?? o.OfficerId.ToString())],
        e.UnassignedReason, e.Result is { } r ? ResultDto.From(r) : null))]);
}

public sealed record ResultDto(long Id, string InspectedOn, string Outcome, string OutcomeName, string FollowUp, string FollowUpNote, string Note,
    string PublishBy, string? PublishedOn, IReadOnlyList<ItemResultDto> Items)
{
    public static ResultDto From(SpotCheckResult r) => new(r.Id, r.InspectedOn.ToString("yyyy-MM-dd"), r.Outcome.ToString(), SpotCheckResult.OutcomeName(r.Outcome),
        r.FollowUp.ToString(), r.FollowUpNote, r.Note, r.PublishBy.ToString("yyyy-MM-dd"), r.PublishedOn?.ToString("yyyy-MM-dd"),
        [.. r.Items.Select(i => new ItemResultDto(i.TaskItemId, i.ProblemFound, i.Note))]);
}

public sealed record ItemResultDto(long TaskItemId, bool ProblemFound, string Note);
