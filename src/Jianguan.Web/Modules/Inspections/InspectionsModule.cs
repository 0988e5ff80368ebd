using System.Security.Claims;
using Jianguan.Web.Modules.SpotChecks;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Inspections;

/// <summary>
/// 掌上执法 (MISSION.md §5, policy 二(三)1, 二(四)2): the officers' phone app under /m, and the API it syncs through:
/// work list with forms, evidence upload with SHA-256 checks, inspections received exactly once by their key, the
/// signed 现场检查笔录, rectification orders and re-inspections, case leads, and the share of inspections done on the phone.
/// </summary>
public static class InspectionsModule
{
    public static WebApplicationBuilder AddInspections(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(InspectionOptions.SectionName).Get<InspectionOptions>() ?? new InspectionOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddScoped<EvidenceStore>();
        builder.Services.AddScoped<Inspections>();
        builder.Services.AddScoped<InspectionAssignments>();
        builder.Services.AddScoped<InspectionRecords>();
        return builder;
    }

    public static IEndpointRouteBuilder MapInspections(this IEndpointRouteBuilder app)
    {
        if (app is IHost host)
            host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
            {
                using var scope = host.Services.CreateScope();
                EvidenceStore.RemoveAbandonedUploads(scope.ServiceProvider.GetRequiredService<EvidenceStore>().Root,
                    scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            });
        var api = app.MapGroup("/api/v1/inspections").WithTags("Inspections").RequireAuthorization(ApiAuthorization.InRoles([.. Roles.Staff]));

        api.MapGet("/work", async (ClaimsPrincipal user, Inspections inspections, CancellationToken ct) =>
                EditResults.ToHttp(await inspections.WorkListAsync(user, ct), forms => forms))
            .WithName("GetInspectionWork")
            .WithSummary("The officer's inspections to do (drawn entities assigned, re-inspections due within 7 days), each with its form, to work offline")
            .Produces<List<InspectionForm>>().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/form", async (string kind, long? taskId, long? orderId, long? assignmentId, string creditCode, string? items, ClaimsPrincipal user, Inspections inspections, CancellationToken ct) =>
                EditResults.ToHttp(await inspections.FormAsync(user, kind, taskId, orderId, creditCode, items?.Split(',').ToList(), ct, assignmentId), f => f))
            .WithName("GetInspectionForm")
            .WithSummary("The form for a visit, generated from the checklist versions of the items checked (ad hoc: items=code,code; an assigned complaint check: kind=Complaint&assignmentId=N)")
            .Produces<InspectionForm>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPut("/evidence/{clientId:guid}", async (Guid clientId, [AsParameters] EvidenceQuery query, HttpRequest request, ClaimsPrincipal user, EvidenceStore store, CancellationToken ct) =>
            {
                var meta = new EvidenceUpload(query.Kind, query.FileName, request.ContentType, query.Sha256, query.TakenAt, query.Latitude, query.Longitude, query.Signer);
                var result = await store.ReceiveAsync(user, clientId, meta, request.BodyReader, request.ContentLength, ct);
                return result switch
                {
                    EditResult<StoredEvidence>.Saved { Value.Replayed: true } s => Results.Ok(EvidenceDto.From(s.Value.Evidence)),
                    EditResult<StoredEvidence>.Invalid i when i.Errors.TryGetValue("size", out var size) =>
                        TypedResults.Problem(size[0], statusCode: StatusCodes.Status413PayloadTooLarge, title: "文件过大"),
                    EditResult<StoredEvidence>.Invalid i when i.Errors.TryGetValue("contentType", out var type) =>
                        TypedResults.Problem(type[0], statusCode: StatusCodes.Status415UnsupportedMediaType, title: "不接受的文件类型"),
                    _ => EditResults.ToHttp(result, e => EvidenceDto.From(e.Evidence), e => $"/api/v1/inspections/evidence/{e.Evidence.ClientId}"),
                };
            })
            .DisableAntiforgery()
            .WithName("UploadEvidence")
            .WithSummary("Upload one photo, file or signature (raw body, Content-Type image/jpeg, image/png, image/webp or application/pdf) under the phone's key; "
                         + "sha256 is what the phone computed: a mismatch is refused, a retry with the same key and bytes returns the stored file")
            .Accepts<byte[]>("image/jpeg", "image/png", "image/webp", "application/pdf")
            .Produces<EvidenceDto>(StatusCodes.Status201Created).Produces<EvidenceDto>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapPut("/{clientId:guid}", async (Guid clientId, InspectionInput input, ClaimsPrincipal user, Inspections inspections, CancellationToken ct) =>
                await inspections.SubmitAsync(user, clientId, input, ct) switch
                {
                    EditResult<StoredInspection>.Saved { Value.Replayed: true } s => Results.Ok(InspectionDto.From(s.Value.Inspection)),
                    var result => EditResults.ToHttp(result, s => InspectionDto.From(s.Inspection), s => $"/api/v1/inspections/{s.Inspection.ClientId}"),
                })
            .WithName("SubmitInspection")
            .WithSummary("Send a finished inspection under the phone's key: 201 when stored, 200 with the stored one when the key was seen before (a retry), never twice")
            .Produces<InspectionDto>(StatusCodes.Status201Created).Produces<InspectionDto>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{clientId:guid}", async (Guid clientId, ClaimsPrincipal user, Inspections inspections, CancellationToken ct) =>
                await inspections.VisibleTo(user).Include(i => i.Points).Include(i => i.Evidence).Include(i => i.Entity).FirstOrDefaultAsync(i => i.ClientId == clientId, ct) is { } i
                    ? Results.Ok(InspectionDto.From(i)) : NotFound(clientId))
            .WithName("GetInspection").Produces<InspectionDto>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{clientId:guid}/record", async (Guid clientId, ClaimsPrincipal user, Inspections inspections, InspectionRecords records, CancellationToken ct) =>
                await inspections.VisibleTo(user).Include(i => i.Points).Include(i => i.Evidence).Include(i => i.Entity).FirstOrDefaultAsync(i => i.ClientId == clientId, ct) is { } i
                    ? Results.File(await records.RenderAsync(i, ct), "application/pdf", $"现场检查笔录-{i.Id}.pdf") : NotFound(clientId))
            .WithName("GetInspectionRecord").WithSummary("现场检查笔录 as PDF: points, results, evidence with SHA-256, signatures")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/assignments", async (ClaimsPrincipal user, InspectionAssignments assignments, CancellationToken ct) =>
            {
                var list = await assignments.ListAsync(user, ct);
                var obstacles = await assignments.ObstaclesAsync(list, ct);
                return TypedResults.Ok(list.Select(a => AssignmentView.Of(a, obstacles.GetValueOrDefault(a.Id) ?? [])).ToList());
            })
            .WithName("ListInspectionAssignments").WithSummary("Complaint and report checks assigned to officers, of the user's department: open ones first, by due date");
        api.MapPost("/assignments", async (AssignmentInput input, ClaimsPrincipal user, InspectionAssignments assignments, CancellationToken ct) =>
                EditResults.ToHttp(await assignments.CreateAsync(user, input, ct), AssignmentView.Of, a => $"/api/v1/inspections/assignments/{a.Id}"))
            .WithName("AssignInspection")
            .WithSummary("A department head sends two officers of the department to check an entity about a complaint or report, on named items, by a date")
            .Produces<AssignmentView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/assignments/{id:long}/cancel", async (long id, AssignmentCancel input, ClaimsPrincipal user, InspectionAssignments assignments, CancellationToken ct) =>
                EditResults.ToHttp(await assignments.CancelAsync(user, id, input.Reason, ct), AssignmentView.Of))
            .WithName("CancelInspectionAssignment").WithSummary("Cancel an open assignment with a written reason (it stays on record)")
            .Produces<AssignmentView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/rectifications/overdue", async (ClaimsPrincipal user, Inspections inspections, CancellationToken ct) =>
                TypedResults.Ok((await inspections.OverdueOrdersAsync(user, ct)).Select(RectificationDto.From).ToList()))
            .WithName("ListOverdueRectifications").WithSummary("Rectification orders past their deadline and not yet re-inspected, of the user's department");
        api.MapGet("/coverage", async (int? year, ClaimsPrincipal user, Inspections inspections, TimeProvider time, CancellationToken ct) =>
                year is < 2000 or > 2100
                    ? Results.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [$"年份 {year} 超出范围（2000–2100）。"] })
                    : Results.Ok(await inspections.CoverageAsync(user, year ?? time.GetLocalNow().Year, ct)))
            .WithName("InspectionCoverage").WithSummary("Per department and month: inspections done through the app, all inspections, and the share")
            .Produces<List<CoverageRow>>().ProducesValidationProblem();

        // An image for the registry page and for printing: staff only, like the registry itself.
        app.MapGet("/Registry/EntityQr/{creditCode}", (string creditCode, HttpRequest request) =>
                Results.Text(EntityQrCodes.Svg(EntityQrCodes.Link(request, creditCode.Trim().ToUpperInvariant())), "image/svg+xml"))
            .RequireAuthorization(Policies.Staff).ExcludeFromDescription();
        return app;
    }

    private static IResult NotFound(Guid clientId) => Problems.NotFound($"检查记录 {clientId} 不存在，或不属于您的部门。");
}

/// <summary>The evidence upload's query string: what the phone knows of the file besides its bytes.</summary>
public sealed record EvidenceQuery(
    [FromQuery] string? Kind, [FromQuery] string? FileName, [FromQuery] string? Sha256, [FromQuery] string? TakenAt,
    [FromQuery(Name = "lat")] double? Latitude, [FromQuery(Name = "lon")] double? Longitude, [FromQuery] string? Signer);

public sealed record EvidenceDto(Guid ClientId, string Kind, string FileName, string ContentType, long Size, string Sha256, DateTime TakenAtUtc, string Signer)
{
    public static EvidenceDto From(Evidence e) => new(e.ClientId, e.Kind.ToString(), e.FileName, e.ContentType, e.Size, e.Sha256, e.TakenAtUtc, e.Signer);
}

public sealed record InspectionPointDto(string ItemCode, int Number, string Content, bool IsMajor, string Result, string Note);

public sealed record InspectionDto(
    long Id, Guid ClientId, string Kind, string Channel, string CreditCode, string EntityName, long? TaskId, DateTime StartedAtUtc, DateTime FinishedAtUtc,
    int FirstOfficerId, int SecondOfficerId, string Outcome, string OutcomeName, string FollowUp, bool MajorFailure, bool PartyRefusedToSign,
    IReadOnlyList<InspectionPointDto> Points, IReadOnlyList<EvidenceDto> Evidence, string RecordUrl)
{
    public static InspectionDto From(Inspection i) => new(
        i.Id, i.ClientId, i.Kind.ToString(), i.Channel.ToString(), i.Entity?.CreditCode ?? "", i.Entity?.Name ?? "", i.TaskId, i.StartedAtUtc, i.FinishedAtUtc,
        i.FirstOfficerId, i.SecondOfficerId, i.Outcome.ToString(), SpotCheckResult.OutcomeName(i.Outcome), i.FollowUp.ToString(),
        i.Points.Any(p => p.IsMajor && p.Result == PointResult.NotCompliant), i.PartyRefusedToSign,
        [.. i.Points.OrderBy(p => p.ItemCode).ThenBy(p => p.Number).Select(p => new InspectionPointDto(p.ItemCode, p.Number, p.Content, p.IsMajor, p.Result.ToString(), p.Note))],
        [.. i.Evidence.Select(EvidenceDto.From)], $"/api/v1/inspections/{i.ClientId}/record");
}

public sealed record RectificationDto(long Id, string CreditCode, string EntityName, string Requirement, string IssuedOn, string DueOn, string? ClosedOn)
{
    public static RectificationDto From(RectificationOrder o) => new(o.Id, o.Entity?.CreditCode ?? "", o.Entity?.Name ?? "", o.Requirement,
        o.IssuedOn.ToString("yyyy-MM-dd"), o.DueOn.ToString("yyyy-MM-dd"), o.ClosedOn?.ToString("yyyy-MM-dd"));
}
