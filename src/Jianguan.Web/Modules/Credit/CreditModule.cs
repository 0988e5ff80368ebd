using System.Security.Claims;
using System.Threading.RateLimiting;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Jianguan.Web.Modules.Credit;

/// <summary>Credit supervision (信用监管): records, risk classes, the two lists, annual reports, public look-up.</summary>
public static class CreditModule
{
    public const string PublicRateLimit = "public-credit";

    public static WebApplicationBuilder AddCredit(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CreditAccess>();
        builder.Services.AddScoped<CreditRecords>();
        builder.Services.AddScoped<CreditListings>();
        builder.Services.AddScoped<AnnualReports>();
        builder.Services.AddScoped<CreditProfiles>();
        builder.Services.AddSingleton<PublicCreditLookup>();
        builder.Services.AddSingleton<PublicCreditCache>();
        builder.Services.AddHostedService(s => s.GetRequiredService<PublicCreditCache>());
        builder.Services.AddScoped<RiskClassifier>();
        builder.Services.AddScoped<CreditRepairs>();
        builder.Services.AddScoped<RiskNotices>();
        builder.Services.AddScoped<JointPunishments>();
        builder.Services.AddScoped<CreditCommitments>();
        var permits = builder.Configuration.GetValue("Credit:PublicRequestsPerMinute", 120);
        builder.Services.Configure<RateLimiterOptions>(o => o.AddPolicy(PublicRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) })));
        var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddQuartz(q =>
        {
            if (database.Provider == DatabaseProvider.Postgres)
            {
                // Every instance on one database shares one schedule, in Quartz's qrtz_ tables: each job fires on one
                // instance, a job an instance died in is taken up by another, and a firing missed while all were down
                // (the 1st of the month at 02:00) is made up once at start. A province runs several instances; a
                // reclassification of ten million entities must not run on each. Quartz creates its tables if missing,
                // as its version needs them (they are not in the EF model: Quartz alone reads them).
                q.ConfigureScheduler(s => (s.InstanceName, s.GenerateInstanceId) = ("Jianguan", true));
                q.UsePersistentStore(store => store
                    .UsePostgres(database.ConnectionString)
                    .ProvisionSchema()
                    .UseClustering(c => c.Enabled = true));
            }
            // In the server's time zone, as every date the platform counts (Today()).
            // Both run again if the instance running them dies: each writes in one transaction, or idempotently.
            q.ScheduleJob<MonthlyReclassificationJob>(t => t.WithIdentity("risk-reclassification").WithCronSchedule(MonthlyReclassificationJob.Cron),
                j => j.RequestRecovery());
            q.ScheduleJob<DailyCreditJob>(t => t.WithIdentity("daily-credit").WithCronSchedule(DailyCreditJob.Cron), j => j.RequestRecovery());
        });
        // After the host serves: creating the scheduler is start-up time the first page should not wait for.
        builder.Services.AddQuartzHostedService(o => { o.WaitForJobsToComplete = true; o.AwaitApplicationStarted = true; });
        return builder;
    }

    public static IEndpointRouteBuilder MapCredit(this IEndpointRouteBuilder app)
    {
        var staff = ApiAuthorization.InRoles([.. Roles.Staff]);
        var api = app.MapGroup("/api/v1/credit").WithTags("Credit");

        api.MapGet("/mine", async (ClaimsPrincipal user, CreditProfiles profiles, CancellationToken ct) =>
                user.FindFirstValue(RegistryModule.CreditCodeClaim) is { } code && await profiles.FindEntityAsync(code, ct) is { } entity
                    ? Results.Ok(await profiles.OwnViewAsync(entity, ct))
                    : Problems.NotFound("当前账号没有对应的市场主体。"))
            .RequireAuthorization(ApiAuthorization.InRoles(Roles.Business)).WithName("GetOwnCredit")
            .WithSummary("A business user's own credit record, lists and annual reports (no risk class)")
            .Produces<OwnCreditDto>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{creditCode}", async (string creditCode, string? on, ClaimsPrincipal user, CreditProfiles profiles, CreditAccess access, CancellationToken ct) =>
            {
                var errors = new FieldErrors();
                var date = CreditListings.ParseDate(on, "on", "日期", errors, required: false);
                if (errors.Any) return Problems.Invalid(errors.ToDictionary());
                return await profiles.FindEntityAsync(creditCode, ct) is { } entity && await access.InRemitAsync(user, entity, ct)
                    ? Results.Ok(await profiles.StaffViewAsync(entity, date, ct))
                    : Problems.NotFound($"统一社会信用代码为 {creditCode.Trim().ToUpperInvariant()} 的市场主体不存在。");
            })
            .RequireAuthorization(staff).WithName("GetCredit")
            .WithSummary("An entity's whole credit record with its risk class and the class's explanation (today, or on the day `on`), for staff in whose remit it is")
            .Produces<CreditProfileDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/records", async (CreditRecordInput input, ClaimsPrincipal user, CreditRecords records, TimeProvider time, CancellationToken ct) =>
            {
                var (result, existing) = await records.AddAsync(input, user, ct);
                return existing
                    ? EditResults.ToHttp(result, r => CreditRecordDto.From(r, time.Today()))
                    : EditResults.ToHttp(result, r => CreditRecordDto.From(r, time.Today()), r => $"/api/v1/credit/records/{r.Id}");
            })
            .RequireAuthorization(staff).WithName("AddCreditRecord")
            .WithSummary("Enter or send a credit record in the user's department's name; the same sourceKey again returns the stored record (200), not a second one")
            .Produces<CreditRecordDto>(StatusCodes.Status201Created).Produces<CreditRecordDto>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/listings", async (string? list, bool? active, bool? due, ClaimsPrincipal user, CreditListings listings, TimeProvider time, CancellationToken ct) =>
                TypedResults.Ok((await listings.FindAsync(user, list, active, due, ct)).Select(l => ListingDto.From(l, time.Today())).ToList()))
            .RequireAuthorization(staff).WithName("ListCreditListings")
            .WithSummary("Listings on 经营异常名录 (list=AbnormalList) or 严重违法失信名单 (SeriousViolationList); active=true for standing ones; due=true for those whose removal or escalation is due; the latest 500")
            .Produces<List<ListingDto>>();
        api.MapPost("/listings", async (ListingInput input, ClaimsPrincipal user, CreditListings listings, TimeProvider time, CancellationToken ct) =>
                EditResults.ToHttp(await listings.ListAsync(input, user, ct), l => ListingDto.From(l, time.Today()), l => $"/api/v1/credit/listings/{l.Id}"))
            .RequireAuthorization(staff).WithName("CreateCreditListing")
            .WithSummary("List an entity (registration authority's manager or head); refused when it stands listed for the same reason (and year)")
            .Produces<ListingDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/listings/{id:long}/removal", async (long id, RemovalInput input, ClaimsPrincipal user, CreditListings listings, TimeProvider time, CancellationToken ct) =>
                EditResults.ToHttp(await listings.RemoveAsync(id, input, user, ct), l => ListingDto.From(l, time.Today())))
            .RequireAuthorization(staff).WithName("RemoveCreditListing")
            .WithSummary("Remove a listing for a legal reason that fits the reason it was listed for, with the decision's number")
            .Produces<ListingDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/listings/{id:long}/escalation", async (long id, EscalationInput input, ClaimsPrincipal user, CreditListings listings, TimeProvider time, CancellationToken ct) =>
                EditResults.ToHttp(await listings.EscalateAsync(id, input.DecisionNumber, user, ct), l => ListingDto.From(l, time.Today()), l => $"/api/v1/credit/listings/{l.Id}"))
            .RequireAuthorization(staff).WithName("EscalateCreditListing")
            .WithSummary("After 3 years on 经营异常名录: list on 严重违法失信名单 and end the abnormal listing")
            .Produces<ListingDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/annual-reports", async (AnnualReportInput input, ClaimsPrincipal user, AnnualReports reports, CancellationToken ct) =>
                EditResults.ToHttp(await reports.FileAsync(input, user, ct), r => new AnnualReportDto(r.Year, r.FiledOn.ToString("yyyy-MM-dd"), r.OnTime), r => $"/api/v1/credit/{input.CreditCode}"))
            .RequireAuthorization(ApiAuthorization.Authenticated).WithName("FileAnnualReport")
            .WithSummary("File an annual report (the business for itself, or the registration authority's staff); a late report makes the removal of that year's listing due")
            .Produces<AnnualReportDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/repairs", async (RepairApplicationInput input, ClaimsPrincipal user, CreditRepairs repairs, CancellationToken ct) =>
                EditResults.ToHttp(await repairs.ApplyAsync(input, user, ct), RepairApplicationDto.From, a => $"/api/v1/credit/repairs/{a.Id}"))
            .RequireAuthorization(ApiAuthorization.InRoles(Roles.Business)).WithName("ApplyForCreditRepair")
            .WithSummary("A business applies to repair one of its public records after the minimum period, with its evidence and credit commitment")
            .Produces<RepairApplicationDto>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/mine/repairs", async (ClaimsPrincipal user, CreditProfiles profiles, CreditRepairs repairs, CancellationToken ct) =>
                user.FindFirstValue(RegistryModule.CreditCodeClaim) is { } code && await profiles.FindEntityAsync(code, ct) is { } entity
                    ? Results.Ok(await repairs.ForEntityAsync(entity.Id, ct))
                    : Problems.NotFound("当前账号没有对应的市场主体。"))
            .RequireAuthorization(ApiAuthorization.InRoles(Roles.Business)).WithName("ListOwnCreditRepairs")
            .WithSummary("A business user's own repair applications and their decisions")
            .Produces<List<RepairApplicationDto>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/repairs", async (ClaimsPrincipal user, CreditRepairs repairs, CancellationToken ct) => TypedResults.Ok(await repairs.ForDepartmentAsync(user, ct)))
            .RequireAuthorization(staff).WithName("ListCreditRepairs")
            .WithSummary("Repair applications for the records the user's department issued, pending first by deadline");
        api.MapPost("/repairs/{id:long}/decision", async (long id, RepairDecisionInput input, ClaimsPrincipal user, CreditRepairs repairs, CancellationToken ct) =>
                EditResults.ToHttp(await repairs.DecideAsync(id, input, user, ct), RepairApplicationDto.From))
            .RequireAuthorization(staff).WithName("DecideCreditRepair")
            .WithSummary("The issuing department's manager or head approves (publicity ends today) or refuses with a reason, by the rules in force today")
            .Produces<RepairApplicationDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/notices", async (ClaimsPrincipal user, RiskNotices notices, CancellationToken ct) => TypedResults.Ok(await notices.ForAsync(user, ct)))
            .RequireAuthorization(staff).WithName("ListRiskNotices")
            .WithSummary("信用风险提示 to the user's department (an entity it supervises became C or D, was listed, broke a commitment), unread first");
        api.MapPost("/notices/{id:long}/read", async (long id, ClaimsPrincipal user, RiskNotices notices, CancellationToken ct) =>
                await notices.MarkReadAsync(id, user, ct) ? Results.NoContent() : Problems.NotFound($"提示 {id} 不存在。"))
            .RequireAuthorization(staff).WithName("MarkRiskNoticeRead").WithSummary("Mark a notice to the user's department as read")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/punishment-rules", async (AppDbContext db, CancellationToken ct) =>
                TypedResults.Ok((await db.Set<JointPunishmentRule>().AsNoTracking().Include(r => r.Department).OrderBy(r => r.List).ThenBy(r => r.DepartmentId).ToListAsync(ct))
                    .Select(PunishmentRuleDto.From).ToList()))
            .RequireAuthorization(staff).WithName("ListJointPunishmentRules").WithSummary("The rules of 失信联合惩戒: which list calls for which measure by which department");
        api.MapPost("/punishment-rules", async (PunishmentRuleInput input, JointPunishments punishments, CancellationToken ct) =>
                EditResults.ToHttp(await punishments.AddRuleAsync(input, ct), PunishmentRuleDto.From, r => $"/api/v1/credit/punishment-rules/{r.Id}"))
            .RequireAuthorization(ApiAuthorization.InRoles(Roles.Administrator, Roles.CoordinationCommittee)).WithName("CreateJointPunishmentRule")
            .WithSummary("Add a rule `{list, departmentId, measure, legalBasis, monthsAfterListing}` (administrator, coordination committee); listings from now on call for it")
            .Produces<PunishmentRuleDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        api.MapGet("/punishments", async (bool? pending, ClaimsPrincipal user, JointPunishments punishments, CancellationToken ct) =>
                TypedResults.Ok(await punishments.ForDepartmentAsync(user, pending == true, ct)))
            .RequireAuthorization(staff).WithName("ListJointPunishmentMeasures")
            .WithSummary("The measures the user's department must apply to listed entities (pending=true: those awaiting its feedback)");
        api.MapPost("/punishments/{id:long}/feedback", async (long id, PunishmentFeedbackInput input, ClaimsPrincipal user, JointPunishments punishments, CancellationToken ct) =>
                EditResults.ToHttp(await punishments.FeedbackAsync(id, input, user, ct), PunishmentMeasureDto.From))
            .RequireAuthorization(staff).WithName("GiveJointPunishmentFeedback")
            .WithSummary("实施反馈: `{applied: true}` or `{applied: false, feedback: why it does not apply}`, by the executing department")
            .Produces<PunishmentMeasureDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/v1/public/credit-commitment-templates", async (CreditCommitments commitments, CancellationToken ct) => TypedResults.Ok(await commitments.TemplatesAsync(ct)))
            .AllowAnonymous().RequireRateLimiting(PublicRateLimit).WithTags("Credit (public)")
            .WithName("ListCommitmentTemplates").WithSummary("The texts of credit commitments (信用承诺书) per supervision item");
        api.MapPost("/commitment-templates", async (CommitmentTemplateInput input, ClaimsPrincipal user, CreditCommitments commitments, CancellationToken ct) =>
                EditResults.ToHttp(await commitments.AddTemplateAsync(input, user, ct), CommitmentTemplateDto.From, t => $"/api/v1/credit/commitment-templates/{t.Id}"))
            .RequireAuthorization(staff).WithName("CreateCommitmentTemplate")
            .WithSummary("A department's manager or head adds the commitment text `{itemCode, title, text}` for one of its supervision items")
            .Produces<CommitmentTemplateDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/commitments", async (CommitmentInput input, ClaimsPrincipal user, CreditCommitments commitments, CancellationToken ct) =>
                EditResults.ToHttp(await commitments.CommitAsync(input, user, ct), CommitmentDto.From, c => $"/api/v1/credit/commitments/{c.Id}"))
            .RequireAuthorization(ApiAuthorization.InRoles(Roles.Business)).WithName("MakeCreditCommitment")
            .WithSummary("A business commits by a template `{templateId}`: public from today")
            .Produces<CommitmentDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/commitments", async (ClaimsPrincipal user, CreditCommitments commitments, CreditProfiles profiles, CancellationToken ct) =>
                user.IsInRole(Roles.Business)
                    ? user.FindFirstValue(RegistryModule.CreditCodeClaim) is { } code && await profiles.FindEntityAsync(code, ct) is { } entity
                        ? Results.Ok(await commitments.ForEntityAsync(entity.Id, ct)) : Problems.NotFound("当前账号没有对应的市场主体。")
                    : Results.Ok(await commitments.ForDepartmentAsync(user, ct)))
            .RequireAuthorization(ApiAuthorization.Authenticated).WithName("ListCreditCommitments")
            .WithSummary("A business's own commitments; for staff, the commitments made to their department");
        api.MapPost("/commitments/{id:long}/outcome", async (long id, CommitmentOutcomeInput input, ClaimsPrincipal user, CreditCommitments commitments, CancellationToken ct) =>
                EditResults.ToHttp(await commitments.ConcludeAsync(id, input, user, ct), CommitmentDto.From))
            .RequireAuthorization(staff).WithName("ConcludeCreditCommitment")
            .WithSummary("The accepting department finds a commitment `{kept: true}` or `{kept: false, finding}`; broken, it becomes a 一般 credit record and a notice")
            .Produces<CommitmentDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var admin = ApiAuthorization.InRoles(Roles.Administrator);
        api.MapGet("/risk-models", async (AppDbContext db, CancellationToken ct) =>
                TypedResults.Ok((await db.Set<RiskModel>().AsNoTracking().OrderByDescending(m => m.Version).ToListAsync(ct)).Select(RiskModelDto.From).ToList()))
            .RequireAuthorization(ApiAuthorization.InRoles(Roles.Administrator, Roles.CoordinationCommittee, Roles.DepartmentHead, Roles.DepartmentManager))
            .WithName("ListRiskModels").WithSummary("The versions of the risk scoring model, newest first");
        api.MapPost("/risk-models", async (RiskModelInput input, ClaimsPrincipal user, AppDbContext db, TimeProvider time, CancellationToken ct) =>
            {
                var errors = new FieldErrors();
                var from = CreditListings.ParseDate(input.EffectiveFrom, "effectiveFrom", "生效日期", errors, required: true);
                if (input.Definition is null) errors.Add("definition", "必填：模型定义（因素、分数段）。");
                if (errors.Any) return Problems.Invalid(errors.ToDictionary());
                var (model, invalid) = await RiskModels.SaveVersionAsync(db, input.Definition!, from!.Value, input.Note ?? "", user.Identity?.Name ?? "", time.GetUtcNow().UtcDateTime, ct);
                return model is null ? Problems.Invalid(invalid) : Results.Created($"/api/v1/credit/risk-models/{model.Version}", RiskModelDto.From(model));
            })
            .RequireAuthorization(admin).WithName("CreateRiskModelVersion")
            .WithSummary("Save a new version of the scoring model: factors, weights, class bands (from 0, no gaps, no overlaps), observation period, effective date")
            .Produces<RiskModelDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        api.MapPost("/risk-runs", async (RiskRunInput input, ClaimsPrincipal user, RiskClassifier classifier, AppDbContext db, CancellationToken ct) =>
            {
                long? entityId = null;
                if (!string.IsNullOrWhiteSpace(input.CreditCode))
                {
                    var code = input.CreditCode.Trim().ToUpperInvariant();
                    entityId = await db.Set<SupervisedEntity>().Where(e => e.CreditCode == code).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
                    if (entityId is null) return Problems.NotFound($"统一社会信用代码为 {code} 的市场主体不存在。");
                }
                try
                {
                    var run = await classifier.RunAsync(RiskRunTrigger.OnDemand, entityId, user.Identity?.Name ?? "", ct);
                    return Results.Created($"/api/v1/credit/risk-runs/{run.Id}", RiskRunDto.From(run));
                }
                catch (RiskRunException e) { return Problems.Conflict(e.Message); }
            })
            .RequireAuthorization(admin).WithName("StartRiskRun")
            .WithSummary("Reclassify now: all entities, or the one whose creditCode is given")
            .Produces<RiskRunDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/risk-runs", async (AppDbContext db, CancellationToken ct) =>
                TypedResults.Ok((await db.Set<RiskRun>().AsNoTracking().OrderByDescending(r => r.Id).Take(100).ToListAsync(ct)).Select(RiskRunDto.From).ToList()))
            .RequireAuthorization(ApiAuthorization.InRoles(Roles.Administrator, Roles.CoordinationCommittee))
            .WithName("ListRiskRuns").WithSummary("The latest 100 reclassification runs");

        var open = app.MapGroup("/api/v1/public/credit").AllowAnonymous().RequireRateLimiting(PublicRateLimit).WithTags("Credit (public)");
        open.MapGet("/", async (string? q, CreditProfiles profiles, CancellationToken ct) =>
                string.IsNullOrWhiteSpace(q) || q.Trim().Length < 2
                    ? Problems.Invalid("q", "请输入市场主体名称中的至少两个字，或完整的统一社会信用代码。")
                    : Results.Ok(await profiles.PublicSearchAsync(q, ct)))
            .WithName("SearchPublicCredit").WithSummary($"Public look-up by name fragment (two characters at least; {CreditProfiles.PublicMatches} matches at most) or whole credit code")
            .Produces<List<PublicEntityMatch>>().ProducesValidationProblem();
        open.MapGet("/{creditCode}", async (string creditCode, PublicCreditLookup lookup, CancellationToken ct) =>
                await lookup.JsonAsync(creditCode, ct) is { } json
                    ? Results.Bytes(json, "application/json; charset=utf-8")
                    : Problems.NotFound($"统一社会信用代码为 {creditCode.Trim().ToUpperInvariant()} 的市场主体不存在。"))
            .WithName("GetPublicCredit").WithSummary("An entity's public credit information: registration facts, listings, and penalties, inspections and commitments within their publicity; personal data masked")
            .Produces<PublicCreditDto>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}

public sealed record EscalationInput(string? DecisionNumber);

public sealed record RiskRunInput(string? CreditCode);

public sealed record RiskModelInput(string? EffectiveFrom, string? Note, RiskModelDefinition? Definition);

public sealed record RiskModelDto(int Version, string EffectiveFrom, string Note, RiskModelDefinition Definition, DateTime CreatedAtUtc, string CreatedBy)
{
    public static RiskModelDto From(RiskModel m) => new(m.Version, m.EffectiveFrom.ToString("yyyy-MM-dd"), m.Note, m.Definition, m.CreatedAtUtc, m.CreatedBy);
}

public sealed record RiskRunDto(long Id, string AsOf, string Trigger, long? EntityId, DateTime StartedAtUtc, DateTime? FinishedAtUtc, int Assessed, int Changed, string StartedBy)
{
    public static RiskRunDto From(RiskRun r) => new(r.Id, r.AsOf.ToString("yyyy-MM-dd"), r.Trigger.ToString(), r.EntityId, r.StartedAtUtc, r.FinishedAtUtc, r.Assessed, r.Changed, r.StartedBy);
}
