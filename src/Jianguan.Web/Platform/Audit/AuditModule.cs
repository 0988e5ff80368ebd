using System.Text.Json;
using Jianguan.Integrity;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Platform.Audit;

public static class AuditModule
{
    public sealed record VerifyResponse(bool Intact, long EntriesChecked, long? LastSequence, string HeadHash, BreakDto? FirstBreak);
    public sealed record BreakDto(long Sequence, string Problem, string Message);

    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditReader>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(ApiAuthorization.InRoles(Roles.Administrator));
        api.MapGet("/verify", async (AuditReader reader, CancellationToken ct) => TypedResults.Ok(ToResponse(await reader.VerifyAsync(ct))))
            .WithName("VerifyAuditTrail")
            .WithSummary("Check the whole hash chain and report the first entry that was altered, removed or inserted (administrator)");
        api.MapGet("/export", (AuditReader reader, HttpContext http, CancellationToken ct) => reader.WriteExportAsync(http, ct))
            .WithName("ExportAuditTrail")
            .WithSummary("The whole trail as JSON Lines, for `jianguan-verify audit` (administrator)")
            .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson");
        return app;
    }

    public static VerifyResponse ToResponse(ChainVerification v) =>
        new(v.IsIntact, v.EntriesChecked, v.LastSequence, v.HeadHash,
            v.FirstBreak is { } b ? new BreakDto(b.Sequence, b.Problem.ToString().ToLowerInvariant(), b.Message) : null);
}

/// <summary>Reads the trail in sequence order without tracking, for verification and export.</summary>
public sealed class AuditReader(AppDbContext db)
{
    private IAsyncEnumerable<AuditRecord> ReadAllAsync() =>
        db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence)
            .Select(e => new AuditRecord(e.Sequence, e.OccurredAtUtc, e.ActorId, e.ActorName, e.DepartmentId, e.Action,
                e.EntityType, e.EntityKey, e.Changes, e.PreviousHash, e.Hash))
            .AsAsyncEnumerable();

    public async Task<ChainVerification> VerifyAsync(CancellationToken ct)
    {
        var verifier = new AuditChainVerifier();
        await foreach (var record in ReadAllAsync().WithCancellation(ct))
            if (!verifier.Check(record)) break;
        return verifier.Result();
    }

    public async Task WriteExportAsync(HttpContext http, CancellationToken ct)
    {
        http.Response.ContentType = "application/x-ndjson; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"jianguan-audit.jsonl\"";
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var newline = "\n"u8.ToArray();
        await foreach (var record in ReadAllAsync().WithCancellation(ct))
        {
            await JsonSerializer.SerializeAsync(http.Response.Body, record, options, ct);
            await http.Response.Body.WriteAsync(newline, ct);
        }
    }

    /// <summary>The latest entries, newest first, for the audit page.</summary>
    public Task<List<AuditEntry>> LatestAsync(int count, CancellationToken ct) =>
        db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).Take(count).ToListAsync(ct);
}
