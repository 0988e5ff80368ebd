using System.Security.Claims;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Registry;

/// <summary>The registry of supervised entities (名录库): whom the departments supervise.</summary>
public static class RegistryModule
{
    /// <summary>Largest import file accepted: a district's whole registry as CSV is far smaller.</summary>
    public const long MaxImportBytes = 200L * 1024 * 1024;

    public static WebApplicationBuilder AddRegistry(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RegistryReference>();
        builder.Services.AddScoped<EntityEditor>();
        builder.Services.AddScoped<EntitySearch>();
        builder.Services.AddScoped<EntityImporter>();
        builder.Services.AddScoped<ImportJobs>();
        builder.Services.AddSingleton<ImportProgressBoard>();
        builder.Services.AddSingleton<ImportRunner>();
        builder.Services.AddHostedService(s => s.GetRequiredService<ImportRunner>());
        return builder;
    }

    public sealed record IndustryDto(string Code, string Name, string Section);

    public static IEndpointRouteBuilder MapRegistry(this IEndpointRouteBuilder app)
    {
        var staff = ApiAuthorization.InRoles([.. Roles.Staff]);
        var maintainers = ApiAuthorization.InRoles(Roles.Administrator, Roles.DepartmentManager);
        var api = app.MapGroup("/api/v1/entities").WithTags("Registry");

        api.MapGet("/", async ([AsParameters] EntitySearch.Query query, EntitySearch search, CancellationToken ct) =>
            {
                var (result, errors) = await search.RunAsync(query, ct);
                return result is null ? (IResult)Problems.Invalid(errors) : TypedResults.Ok(result);
            })
            .RequireAuthorization(staff).WithName("SearchEntities")
            .WithSummary("Search entities by name fragment or credit-code prefix, industry (section, division, group or class), division, tag, status; up to 1,000 matches in name order, more in code order (a code prefix alone) or the order entered (`order`), a page after the cursor `after`; the total is counted up to 10,000, or 1,000 with a name fragment")
            .Produces<EntityPage>().ProducesValidationProblem();
        api.MapGet("/{creditCode}", async (string creditCode, ClaimsPrincipal user, EntityEditor editor, CancellationToken ct) =>
            {
                // A business sees its own entity only; its existence says nothing about others.
                var code = creditCode.Trim().ToUpperInvariant();
                var mayRead = Roles.Staff.Any(user.IsInRole) || (user.IsInRole(Roles.Business) && user.FindFirstValue(CreditCodeClaim) == code);
                return mayRead && await editor.FindAsync(code, ct) is { } entity
                    ? Results.Ok(EntityDto.From(entity))
                    : Problems.NotFound($"统一社会信用代码为 {code} 的市场主体不存在。");
            })
            .RequireAuthorization(ApiAuthorization.Authenticated).WithName("GetEntity")
            .WithSummary("One entity by its 统一社会信用代码 (any letter case)")
            .Produces<EntityDto>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/", async (EntityInput input, EntityEditor editor, CancellationToken ct) =>
                EditResults.ToHttp(await editor.SaveAsync(null, input, ct), e => e, e => $"/api/v1/entities/{e.CreditCode}"))
            .RequireAuthorization(maintainers).WithName("CreateEntity")
            .WithSummary("Register an entity; the credit code is checked by GB 32100-2015 (administrator, department manager)")
            .Produces<EntityDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{creditCode}", async (string creditCode, EntityInput input, EntityEditor editor, CancellationToken ct) =>
                EditResults.ToHttp(await editor.SaveAsync(creditCode, input, ct), e => e))
            .RequireAuthorization(maintainers).WithName("UpdateEntity").WithSummary("Change an entity")
            .Produces<EntityDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/import", ImportAsync)
            .RequireAuthorization(maintainers).DisableAntiforgery().WithName("ImportEntities")
            .WithSummary("Bulk import (upsert by credit code) from CSV or .xlsx; mode=rejectAll (default) or validOnly; returns the per-row report")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<ImportReport>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxImportBytes + 1024 * 1024));

        api.MapPost("/imports", async (HttpRequest request, ImportJobs jobs, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var (form, mode, modeError) = await ReadImportForm(request, ct);
                if (modeError is not null) return modeError;
                return await jobs.StartAsync(form!.Files["file"], mode, user, ct) switch
                {
                    (ImportJob job, null) => Results.Accepted($"/api/v1/entities/imports/{job.Id}", ImportJobDto.From(job, null)),
                    (_, var error) => Problems.Invalid("file", error!),
                };
            })
            .RequireAuthorization(maintainers).DisableAntiforgery().WithName("StartEntityImport")
            .WithSummary("Bulk import in the background, for large files: 202 with the job's address; poll it for progress and the report")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<ImportJobDto>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxImportBytes + 1024 * 1024));
        api.MapGet("/imports/{id:guid}", async (Guid id, ImportJobs jobs, ClaimsPrincipal user, CancellationToken ct) =>
                await jobs.FindAsync(id, user, ct) is { } job ? Results.Ok(job) : Problems.NotFound($"导入任务 {id} 不存在。"))
            .RequireAuthorization(maintainers).WithName("GetEntityImport")
            .WithSummary("A background import: status, rows read, percent of the file, and the per-row report when finished (the uploader's department)")
            .Produces<ImportJobDto>().ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/v1/industries", async (AppDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await db.Set<Industry>().AsNoTracking().OrderBy(i => i.Code).Select(i => new IndustryDto(i.Code, i.Name, i.Section)).ToListAsync(ct)))
            .RequireAuthorization(ApiAuthorization.Authenticated).WithTags("Registry")
            .WithName("ListIndustries").WithSummary("GB/T 4754-2017 sections and divisions");
        return app;
    }

    public const string CreditCodeClaim = "credit_code";

    private static async Task<IResult> ImportAsync(HttpRequest request, EntityImporter importer, CancellationToken ct)
    {
        var (form, mode, modeError) = await ReadImportForm(request, ct);
        if (modeError is not null) return modeError;
        return await ImportUpload(form!.Files["file"], mode, importer, ct) switch
        {
            (ImportReport report, null) => TypedResults.Ok(report),
            (_, var error) => Problems.Invalid("file", error!),
        };
    }

    private static async Task<(IFormCollection? Form, ImportMode Mode, IResult? Error)> ReadImportForm(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType) return (null, default, Problems.Invalid("file", "应以 multipart/form-data 上传文件（字段名 file）。"));
        var form = await request.ReadFormAsync(ct);
        var modeText = form["mode"].ToString();
        if (string.IsNullOrEmpty(modeText)) return (form, ImportMode.RejectAll, null);
        return Enum.TryParse(modeText, true, out ImportMode mode) && Enum.IsDefined(mode)
            ? (form, mode, null)
            : (form, default, Problems.Invalid("mode", $"导入方式应为 rejectAll（有错误行则全部不导入）或 validOnly（只导入正确的行），收到“{modeText}”。"));
    }

    /// <summary>Why an upload cannot be imported (none, empty, too large), or null.</summary>
    public static string? UploadError(IFormFile? file) =>
        file is null || file.Length == 0 ? "请选择要导入的文件（.csv 或 .xlsx）。"
        : file.Length > MaxImportBytes ? $"文件过大：最大 {MaxImportBytes / 1024 / 1024} MB，收到 {file.Length / 1024 / 1024} MB。"
        : null;

    /// <summary>Saves the upload to a temporary file (the importer reads it twice) and imports it; the page uses this too.</summary>
    public static async Task<(ImportReport? Report, string? Error)> ImportUpload(IFormFile? file, ImportMode mode, EntityImporter importer, CancellationToken ct)
    {
        if (UploadError(file) is { } uploadError) return (null, uploadError);
        var path = Path.GetTempFileName();
        try
        {
            await using (var target = File.Create(path))
                await file!.CopyToAsync(target, ct);
            return (await importer.ImportAsync(path, mode, ct), null);
        }
        catch (ImportFileException e)
        {
            return (null, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
