using System.Text.Json;
using Jianguan.Integrity;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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
    // Plain ADO.NET over the context's connection: materialising millions of entries through EF costs
    // several times more than the hashing. Constant SQL, no input: quoted names suit both providers.
    private const string Columns =
        """ "Sequence", "OccurredAtUtc", "ActorId", "ActorName", "DepartmentId", "Action", "EntityType", "EntityKey", "Changes", "PreviousHash", "Hash" """;
    internal const string SelectAll = $"""SELECT {Columns} FROM audit_entries ORDER BY "Sequence" """;
    /// <summary>The entries from the first parameter's sequence number to the second's, excluded.</summary>
    internal const string SelectRange = $"""SELECT {Columns} FROM audit_entries WHERE "Sequence" >= $from AND "Sequence" < $to ORDER BY "Sequence" """;

    public async IAsyncEnumerable<AuditRecord> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = SelectAll;
            await using var reader = await command.ExecuteReaderAsync(ct);
            // SQLite's reads are synchronous anyway; its ReadAsync only adds a task per row.
            var sqlite = db.Database.IsSqlite();
            while (sqlite ? reader.Read() : await reader.ReadAsync(ct))
                yield return new AuditRecord(
                    reader.GetInt64(0),
                    DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetInt32(4),
                    reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8),
                    reader.GetString(9), reader.GetString(10));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Checks the whole chain. Reads the stored UTF-8 bytes straight from the provider, without making
    /// strings (see <see cref="AuditBatchPipe"/>): the same verdict as checking <see cref="ReadAllAsync"/>.
    /// </summary>
    public Task<ChainVerification> VerifyAsync(CancellationToken ct) => VerifyAsync(AuditChainVerifier.BatchSize, ct);

    /// <summary>As <see cref="VerifyAsync(CancellationToken)"/>; SQLite's readers share out ranges of <paramref name="rangeSize"/> entries (tests make them small).</summary>
    internal async Task<ChainVerification> VerifyAsync(int rangeSize, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            IReadOnlyList<Action<AuditBatchPipe.Lane>> readers = db.Database.GetDbConnection() switch
            {
                SqliteConnection sqlite => SqliteAuditRows.Readers(sqlite, rangeSize),
                NpgsqlConnection postgres => [lane => PostgresAuditRows.Read(postgres, lane)],
                var other => throw new NotSupportedException($"No audit reader for {other.GetType().Name}."),
            };
            return await AuditBatchPipe.VerifyAsync(readers, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task WriteExportAsync(HttpContext http, CancellationToken ct)
    {
        http.Response.ContentType = "application/x-ndjson; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"jianguan-audit.jsonl\"";
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var newline = "\n"u8.ToArray();
        await foreach (var record in ReadAllAsync(ct))
        {
            await JsonSerializer.SerializeAsync(http.Response.Body, record, options, ct);
            await http.Response.Body.WriteAsync(newline, ct);
        }
    }

    /// <summary>The latest entries, newest first, for the audit page.</summary>
    public Task<List<AuditEntry>> LatestAsync(int count, CancellationToken ct) =>
        db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).Take(count).ToListAsync(ct);
}
