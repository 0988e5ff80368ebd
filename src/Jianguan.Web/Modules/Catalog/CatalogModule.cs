using Jianguan.Web.Platform.Calendar;
using System.Security.Claims;
using Jianguan.Web.Modules.Catalog.Import;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Jianguan.Web.Platform.Spreadsheets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Catalog;

/// <summary>
/// The catalog of supervision (MISSION.md §1): 监管事项目录清单, 检查实施清单 and 权责清单, versioned with
/// effective dates, maintained per department, exchanged as Excel, and published to the public.
/// </summary>
public static class CatalogModule
{
    public static WebApplicationBuilder AddCatalog(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SupervisionItemEditor>();
        builder.Services.AddScoped<InspectionChecklistEditor>();
        builder.Services.AddScoped<PowerListEditor>();
        builder.Services.AddScoped<CatalogSpreadsheets>();
        return builder;
    }

    public sealed record PublicDepartmentDto(int Id, string Name, string ShortName, int Items, int Powers);
    public sealed record PublicItemDto(SupervisionItemDto Item, InspectionChecklistDto? Checklist);

    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var staff = ApiAuthorization.InRoles([.. Roles.Staff]);
        var maintainers = ApiAuthorization.InRoles(Roles.Administrator, Roles.DepartmentManager);
        var api = app.MapGroup("/api/v1/catalog").WithTags("Catalog");

        var items = api.MapGroup("/items").RequireAuthorization(staff);
        items.MapGet("/", ListItems).WithName("ListSupervisionItems")
            .WithSummary("Current version of each item the user may see (own department; all for administrator and committee); filter by departmentId and q");
        items.MapGet("/{code}", async (string code, ClaimsPrincipal user, SupervisionItemEditor editor, CancellationToken ct) =>
                await editor.FindCurrentAsync(user, code, ct) is { } item ? Results.Ok(SupervisionItemDto.From(item)) : Problems.NotFound(SupervisionItemEditor.NotFoundMessage(code)))
            .WithName("GetSupervisionItem").WithSummary("The current (latest) version of an item")
            .Produces<SupervisionItemDto>().ProducesProblem(StatusCodes.Status404NotFound);
        items.MapGet("/{code}/versions", async (string code, ClaimsPrincipal user, SupervisionItemEditor editor, CancellationToken ct) =>
            {
                var versions = await editor.VersionsVisibleTo(user).AsNoTracking().Where(i => i.Code == code).OrderBy(i => i.Version).ToListAsync(ct);
                return versions.Count > 0 ? Results.Ok(versions.Select(SupervisionItemDto.From)) : Problems.NotFound(SupervisionItemEditor.NotFoundMessage(code));
            })
            .WithName("ListSupervisionItemVersions").WithSummary("Every version of an item, oldest first (动态调整 history)")
            .Produces<List<SupervisionItemDto>>().ProducesProblem(StatusCodes.Status404NotFound);
        items.MapPost("/", async (SupervisionItemInput input, ClaimsPrincipal user, SupervisionItemEditor editor, CancellationToken ct) =>
                EditResults.ToHttp(await editor.SaveAsync(user, null, input, ct), SupervisionItemDto.From, i => $"/api/v1/catalog/items/{i.Code}"))
            .RequireAuthorization(maintainers).WithName("CreateSupervisionItem")
            .WithSummary("Add an item as its version 1 (administrator, or department manager for the own department)")
            .Produces<SupervisionItemDto>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        items.MapPut("/{code}", async (string code, SupervisionItemInput input, ClaimsPrincipal user, SupervisionItemEditor editor, CancellationToken ct) =>
                EditResults.ToHttp(await editor.SaveAsync(user, code, input, ct), SupervisionItemDto.From))
            .RequireAuthorization(maintainers).WithName("AdjustSupervisionItem")
            .WithSummary("Adjust an item: adds a new version from effectiveFrom (default today) and closes the current one; the same content adds nothing")
            .Produces<SupervisionItemDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/item-versions/{id:int}", async (int id, ClaimsPrincipal user, SupervisionItemEditor editor, CancellationToken ct) =>
                await editor.VersionsVisibleTo(user).AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is { } item
                    ? Results.Ok(SupervisionItemDto.From(item)) : Problems.NotFound($"事项版本 {id} 不存在，或不属于您的部门。"))
            .RequireAuthorization(staff).WithName("GetSupervisionItemVersion").WithSummary("One version by its id, as later records cite it")
            .Produces<SupervisionItemDto>().ProducesProblem(StatusCodes.Status404NotFound);

        items.MapGet("/{code}/checklist", async (string code, ClaimsPrincipal user, InspectionChecklistEditor editor, CancellationToken ct) =>
                await editor.FindCurrentAsync(user, code, ct) is { } c ? Results.Ok(InspectionChecklistDto.From(c)) : Problems.NotFound($"事项 {code} 没有检查实施清单，或不属于您的部门。"))
            .WithName("GetInspectionChecklist").WithSummary("The current checklist of an item")
            .Produces<InspectionChecklistDto>().ProducesProblem(StatusCodes.Status404NotFound);
        items.MapGet("/{code}/checklist/versions", async (string code, ClaimsPrincipal user, InspectionChecklistEditor editor, CancellationToken ct) =>
            {
                var versions = await editor.VersionsVisibleTo(user).AsNoTracking().Where(c => c.ItemCode == code).OrderBy(c => c.Version).ToListAsync(ct);
                return versions.Count > 0 ? Results.Ok(versions.Select(InspectionChecklistDto.From)) : Problems.NotFound($"事项 {code} 没有检查实施清单，或不属于您的部门。");
            })
            .WithName("ListInspectionChecklistVersions").WithSummary("Every version of an item's checklist, oldest first")
            .Produces<List<InspectionChecklistDto>>().ProducesProblem(StatusCodes.Status404NotFound);
        items.MapPut("/{code}/checklist", async (string code, InspectionChecklistInput input, ClaimsPrincipal user, InspectionChecklistEditor editor, CancellationToken ct) =>
                EditResults.ToHttp(await editor.SaveAsync(user, code, input, ct), InspectionChecklistDto.From))
            .RequireAuthorization(maintainers).WithName("AdjustInspectionChecklist")
            .WithSummary("Set an item's checklist: adds its next version (the first when none), points in order; the same content adds nothing")
            .Produces<InspectionChecklistDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/checklist-versions/{id:int}", async (int id, ClaimsPrincipal user, InspectionChecklistEditor editor, CancellationToken ct) =>
                await editor.VersionsVisibleTo(user).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } c
                    ? Results.Ok(InspectionChecklistDto.From(c)) : Problems.NotFound($"检查清单版本 {id} 不存在，或不属于您的部门。"))
            .RequireAuthorization(staff).WithName("GetInspectionChecklistVersion").WithSummary("One checklist version by its id")
            .Produces<InspectionChecklistDto>().ProducesProblem(StatusCodes.Status404NotFound);

        var powers = api.MapGroup("/powers").RequireAuthorization(staff);
        powers.MapGet("/", async (int? departmentId, string? q, ClaimsPrincipal user, PowerListEditor editor, CancellationToken ct) =>
            {
                var query = editor.VisibleTo(user).AsNoTracking();
                if (departmentId is not null) query = query.Where(p => p.DepartmentId == departmentId);
                if (!string.IsNullOrWhiteSpace(q)) query = query.Where(p => p.Name.Contains(q.Trim()) || p.Code.Contains(q.Trim()));
                return TypedResults.Ok((await query.ToListAsync(ct)).Select(PowerListEntryDto.From));
            })
            .WithName("ListPowerListEntries").WithSummary("权责清单 entries the user may see");
        powers.MapPost("/", async (PowerListEntryInput input, ClaimsPrincipal user, PowerListEditor editor, CancellationToken ct) =>
                EditResults.ToHttp(await editor.SaveAsync(user, null, input, ct), PowerListEntryDto.From, p => $"/api/v1/catalog/powers/{p.Id}"))
            .RequireAuthorization(maintainers).WithName("CreatePowerListEntry").WithSummary("Add a 权责清单 entry")
            .Produces<PowerListEntryDto>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        powers.MapPut("/{id:int}", async (int id, PowerListEntryInput input, ClaimsPrincipal user, PowerListEditor editor, CancellationToken ct) =>
                EditResults.ToHttp(await editor.SaveAsync(user, id, input, ct), PowerListEntryDto.From))
            .RequireAuthorization(maintainers).WithName("UpdatePowerListEntry").WithSummary("Change a 权责清单 entry (kept in the audit trail)")
            .Produces<PowerListEntryDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        foreach (var list in Enum.GetValues<CatalogList>())
        {
            var path = "/" + list.ToString().ToLowerInvariant();
            api.MapGet(path + "/export", (int? departmentId, ClaimsPrincipal user, AppDbContext db, CatalogSpreadsheets sheets, TimeProvider time, CancellationToken ct) =>
                    ExportAsync(list, departmentId, user, db, sheets, time, ct))
                .RequireAuthorization(staff).WithName($"Export{list}").WithSummary($"The department's {SheetLabel(list)} as .xlsx (Chinese column headers)")
                .Produces(StatusCodes.Status200OK, contentType: Spreadsheet.ContentType).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
            api.MapPost(path + "/import", (int? departmentId, string? mode, HttpRequest request, ClaimsPrincipal user, AppDbContext db, CatalogSpreadsheets sheets, CancellationToken ct) =>
                    ImportAsync(list, departmentId, mode, request, user, db, sheets, ct))
                .RequireAuthorization(maintainers).WithName($"Import{list}")
                .WithSummary($"Import the department's {SheetLabel(list)} from .xlsx (multipart field 'file', at most 10 MB); mode=reject-all (default), valid-rows or validate")
                .Accepts<IFormFile>("multipart/form-data")
                .Produces<CatalogImportReport>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        }

        var open = api.MapGroup("/public").AllowAnonymous().WithTags("Catalog (public)");
        open.MapGet("/departments", async (AppDbContext db, TimeProvider time, CancellationToken ct) =>
                TypedResults.Ok(await PublicCatalog.DepartmentsAsync(db, time.Today(), ct)))
            .WithName("ListPublicCatalogDepartments").WithSummary("Departments and how many published items and powers each has (事前公示)");
        open.MapGet("/items", async (int? departmentId, string? q, AppDbContext db, TimeProvider time, CancellationToken ct) =>
                TypedResults.Ok(await PublicCatalog.ItemsAsync(db, time.Today(), departmentId, q, ct)))
            .WithName("ListPublicSupervisionItems").WithSummary("Published items in force today, each with its published checklist in force; search by name or code");
        open.MapGet("/powers", async (int? departmentId, string? q, AppDbContext db, CancellationToken ct) =>
                TypedResults.Ok((await PublicCatalog.Powers(db, departmentId, q).ToListAsync(ct)).Select(PowerListEntryDto.From)))
            .WithName("ListPublicPowerListEntries").WithSummary("Published 权责清单 entries; search by name or code");
        return app;
    }

    private static async Task<Ok<List<SupervisionItemDto>>> ListItems(int? departmentId, string? q, ClaimsPrincipal user, SupervisionItemEditor editor, CancellationToken ct)
    {
        var query = editor.CurrentVisibleTo(user).AsNoTracking();
        if (departmentId is not null) query = query.Where(i => i.DepartmentId == departmentId);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(i => i.Name.Contains(q.Trim()) || i.Code.Contains(q.Trim()));
        return TypedResults.Ok((await query.ToListAsync(ct)).Select(SupervisionItemDto.From).ToList());
    }

    private static string SheetLabel(CatalogList list) => list switch
    {
        CatalogList.Items => "监管事项目录清单",
        CatalogList.Checklists => "检查实施清单 (one row per checklist point)",
        _ => "权责清单",
    };


    /// <summary>
    /// The department a list operation is about: the one asked for, else the user's own. Not visible to the
    /// user: not found, as for every record of another department.
    /// </summary>
    internal static async Task<(Department? Department, IResult? Error)> ResolveDepartmentAsync(int? departmentId, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        var id = departmentId ?? user.DepartmentId();
        if (id is null) return (null, Problems.Invalid("departmentId", "必填：departmentId（要导出或导入哪个部门的清单）。"));
        var department = await db.Set<Department>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (department is null || !user.CanSeeDepartment(id)) return (null, Problems.NotFound($"部门 {id} 不存在，或不是您的部门。"));
        return (department, null);
    }

    private static async Task<IResult> ExportAsync(CatalogList list, int? departmentId, ClaimsPrincipal user, AppDbContext db, CatalogSpreadsheets sheets, TimeProvider time, CancellationToken ct)
    {
        var (department, error) = await ResolveDepartmentAsync(departmentId, user, db, ct);
        if (error is not null) return error;
        var bytes = await sheets.ExportAsync(list, department!.Id, ct);
        return TypedResults.File(bytes, Spreadsheet.ContentType, CatalogSpreadsheets.FileName(list, department, time.Today()));
    }

    private static async Task<IResult> ImportAsync(CatalogList list, int? departmentId, string? modeText, HttpRequest request, ClaimsPrincipal user, AppDbContext db, CatalogSpreadsheets sheets, CancellationToken ct)
    {
        if (!CatalogSpreadsheets.TryParseMode(modeText, out var mode))
            return Problems.Invalid("mode", $"导入方式应为 reject-all（有错误行则整个文件不导入）、valid-rows（只导入有效行）或 validate（只检查），收到“{modeText}”。");
        var (department, error) = await ResolveDepartmentAsync(departmentId, user, db, ct);
        if (error is not null) return error;
        if (!user.MaintainsCatalogOf(department!.Id)) return Problems.Forbidden("只能导入本部门的清单。");
        if (!request.HasFormContentType) return Problems.Invalid("file", "请以 multipart/form-data 上传 Excel（.xlsx）文件，字段名为 file。");

        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
        if (file is null) return Problems.Invalid("file", "必填：要导入的 Excel（.xlsx）文件（multipart 字段 file）。");
        try
        {
            await using var workbook = await Spreadsheet.ReadUploadAsync(file.FileName, file.Length, file.OpenReadStream, ct: ct);
            var report = await sheets.ImportAsync(user, list, department.Id, workbook, mode, ct);
            return ReportToHttp(report);
        }
        catch (SpreadsheetFileException e)
        {
            return FileProblem(e);
        }
        catch (CatalogImportConflictException e)
        {
            return Problems.Conflict(e.Message);
        }
    }

    /// <summary>A refused file is a problem naming the field "file"; too large is 413, anything else 400.</summary>
    public static IResult FileProblem(SpreadsheetFileException e) => e.TooLarge
        ? Results.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["file"] = [e.Message] })
            { Status = StatusCodes.Status413PayloadTooLarge, Title = "文件过大", Detail = e.Message })
        : Problems.Invalid("file", e.Message);

    /// <summary>
    /// A file refused because of bad rows is 422 with every row error (errors keyed "rows[N].列名") and the report;
    /// otherwise the report itself (errors included when only valid rows were stored or the file was only checked).
    /// </summary>
    public static IResult ReportToHttp(CatalogImportReport report)
    {
        if (report.Mode != "reject-all" || report.Errors.Count == 0) return TypedResults.Ok(report);
        var errors = report.Errors.GroupBy(e => $"rows[{e.Row}].{e.Column}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        var problem = new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "导入文件有错误行，未导入任何数据",
            Detail = $"{report.RejectedRows} 行有错误（共 {report.Rows} 行），整个文件未导入。请改正后重新导入，或选择“只导入有效行”（mode=valid-rows）。",
        };
        problem.Extensions["report"] = report;
        return Results.Problem(problem);
    }
}

/// <summary>What the public may see (事前公示): published versions in force today, published powers.</summary>
public static class PublicCatalog
{
    /// <summary>A page never lists more; the pages say so when the limit is reached, so nothing disappears unnoticed.</summary>
    public const int MaxResults = 1000;

    public static async Task<List<CatalogModule.PublicDepartmentDto>> DepartmentsAsync(AppDbContext db, DateOnly today, CancellationToken ct)
    {
        var items = await PublishedItems(db, today).GroupBy(i => i.DepartmentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var powers = await db.Set<PowerListEntry>().Where(p => p.IsPublished).GroupBy(p => p.DepartmentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return (await db.Set<Department>().AsNoTracking().Where(d => d.IsActive).OrderBy(d => d.SortOrder).ToListAsync(ct))
            .Select(d => new CatalogModule.PublicDepartmentDto(d.Id, d.Name, d.ShortName, items.GetValueOrDefault(d.Id), powers.GetValueOrDefault(d.Id))).ToList();
    }

    public static IQueryable<SupervisionItem> PublishedItems(AppDbContext db, DateOnly today) =>
        db.Set<SupervisionItem>().AsNoTracking()
            .Where(i => i.IsPublished && i.EffectiveFrom <= today && (i.EffectiveTo == null || today < i.EffectiveTo));

    public static async Task<List<CatalogModule.PublicItemDto>> ItemsAsync(AppDbContext db, DateOnly today, int? departmentId, string? q, CancellationToken ct)
    {
        var query = PublishedItems(db, today).Include(i => i.Department).AsQueryable();
        if (departmentId is not null) query = query.Where(i => i.DepartmentId == departmentId);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(i => i.Name.Contains(term) || i.Code.Contains(term) || i.SupervisedObject.Contains(term) || i.LegalBasisLaw.Contains(term));
        }
        var items = await query.OrderBy(i => i.Department!.SortOrder).ThenBy(i => i.Code).Take(MaxResults).ToListAsync(ct);
        var codes = items.Select(i => i.Code).ToList();
        var checklists = await db.Set<InspectionChecklist>().AsNoTracking().Include(c => c.Points)
            .Where(c => codes.Contains(c.ItemCode) && c.IsPublished && c.EffectiveFrom <= today && (c.EffectiveTo == null || today < c.EffectiveTo))
            .ToDictionaryAsync(c => c.ItemCode, ct);
        return items.Select(i => new CatalogModule.PublicItemDto(SupervisionItemDto.ForPublic(i),
            checklists.TryGetValue(i.Code, out var c) ? InspectionChecklistDto.ForPublic(c) : null)).ToList();
    }

    public static IQueryable<PowerListEntry> Powers(AppDbContext db, int? departmentId, string? q)
    {
        var query = db.Set<PowerListEntry>().AsNoTracking().Include(p => p.Department).Where(p => p.IsPublished);
        if (departmentId is not null) query = query.Where(p => p.DepartmentId == departmentId);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(p => p.Name.Contains(q.Trim()) || p.Code.Contains(q.Trim()) || p.LegalBasis.Contains(q.Trim()));
        return query.OrderBy(p => p.Department!.SortOrder).ThenBy(p => p.Code);
    }
}
