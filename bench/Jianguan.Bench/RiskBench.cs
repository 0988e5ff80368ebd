using System.Data.Common;
using System.Diagnostics;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Audit;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Bench;

/// <summary>
/// Reclassifying N entities with ten credit records each (RiskClassifier, the starter model), on SQLite and on
/// PostgreSQL (JIANGUAN_BENCH_POSTGRES), against reading those records once in the same run (the baseline: one
/// query of the columns the scoring needs, every field read, just before each run). Two runs: the first writes every entity's class;
/// the second, with nothing changed, writes nothing. JIANGUAN_BENCH_ROUNDS repeats both (1 by default). JIANGUAN_BENCH_KEEP keeps the data for the next run;
/// JIANGUAN_BENCH_SQLITE=0 leaves SQLite out.
/// </summary>
public static class RiskBench
{
    private const int RecordsPerEntity = 10;
    private static readonly string? Keep = Environment.GetEnvironmentVariable("JIANGUAN_BENCH_KEEP") is { Length: > 0 } k ? k : null;

    public static async Task<int> RunAsync(int entities)
    {
        var rows = new List<string>();
        var folder = Keep ?? Directory.CreateTempSubdirectory("jianguan-risk-bench-").FullName;
        Directory.CreateDirectory(folder);
        try
        {
            if (Environment.GetEnvironmentVariable("JIANGUAN_BENCH_SQLITE") != "0")
            {
                var path = Path.Combine(folder, $"risk-{entities}.db");
                rows.AddRange(await MeasureAsync("SQLite", new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={path}").Options, entities));
            }
            if (Environment.GetEnvironmentVariable("JIANGUAN_BENCH_POSTGRES") is { Length: > 0 } server)
            {
                var connection = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = $"jg_risk_{entities}" }.ConnectionString;
                rows.AddRange(await MeasureAsync("PostgreSQL", new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connection).Options, entities));
            }
            Console.WriteLine();
            Console.WriteLine("| database | entities | records | read the records once (baseline) | first run (all classes written) | ratio | read again | second run (nothing changed) | ratio |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var row in rows) Console.WriteLine(row);
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Keep is null) Directory.Delete(folder, true);
        }
    }

    private static async Task<List<string>> MeasureAsync<TContext>(string name, DbContextOptions<TContext> options, int entities) where TContext : AppDbContext
    {
        await using var db = Context(options);
        if (Keep is null || !await db.Database.CanConnectAsync() || !await db.Set<RiskModel>().AnyAsync())
            await GenerateAsync(db, entities);
        else
        {
            await ClearClassesAsync(db);
            // Data kept from before a schema change gets it (the tables just emptied were most of the work).
            await db.Database.MigrateAsync();
        }
        var records = await db.Set<CreditRecord>().LongCountAsync();
        Console.WriteLine($"{name}: {entities:N0} entities, {records:N0} records");
        // One entity reclassified first, as a serving application does after each listing or commitment: its code
        // is then compiled, as in the application the monthly job runs in; a fresh process otherwise spends some
        // two seconds of its first run compiling EF Core's, Npgsql's and the run's own methods.
        await new RiskClassifier(db, new RiskNotices(db, TimeProvider.System), TimeProvider.System)
            .RunAsync(RiskRunTrigger.OnDemand, await db.Set<SupervisedEntity>().MinAsync(e => e.Id), "bench", default);
        db.ChangeTracker.Clear();
        var rows = new List<string>();
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("JIANGUAN_BENCH_ROUNDS"), out var r) ? r : 1;
        for (var round = 1; round <= rounds; round++)
        {
            await ClearClassesAsync(db);
            // Each run beside a read of its own, just before it: the machine's load moves between them.
            var classifier = new RiskClassifier(db, new RiskNotices(db, TimeProvider.System), TimeProvider.System);
            var readFirst = await ReadAllAsync(db);
            var (first, run) = await TimedAsync("first run", () => classifier.RunAsync(RiskRunTrigger.OnDemand, null, "bench", default));
            db.ChangeTracker.Clear();
            var readSecond = await ReadAllAsync(db);
            var (second, again) = await TimedAsync("second run", () => classifier.RunAsync(RiskRunTrigger.OnDemand, null, "bench", default));
            db.ChangeTracker.Clear();
            if (run.Changed != entities || again.Changed != 0) throw new InvalidOperationException($"runs changed {run.Changed} and {again.Changed}");
            rows.Add($"| {name} | {entities:N0} | {records:N0} | {readFirst.TotalSeconds:F1} s | {first.TotalSeconds:F1} s | {first / readFirst:F2} | " +
                     $"{readSecond.TotalSeconds:F1} s | {second.TotalSeconds:F1} s | {second / readSecond:F2} |");
            Console.WriteLine(rows[^1]);
        }
        return rows;
    }

    /// <summary>A run's time, with what it allocated and the collector's pauses in it (printed, not in the table).</summary>
    private static async Task<(TimeSpan Elapsed, RiskRun Run)> TimedAsync(string what, Func<Task<RiskRun>> work)
    {
        var (allocated, paused) = (GC.GetTotalAllocatedBytes(precise: true), GC.GetTotalPauseDuration());
        var watch = Stopwatch.StartNew();
        var run = await work();
        watch.Stop();
        Console.WriteLine($"  {what}: {watch.Elapsed.TotalSeconds:F1} s, allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:F0} MB, GC pauses {(GC.GetTotalPauseDuration() - paused).TotalSeconds:F2} s");
        return (watch.Elapsed, run);
    }

    /// <summary>
    /// The classes of the last run go, so that the first run writes them all again. On PostgreSQL by TRUNCATE: a
    /// million deleted rows would leave the tables and indexes bloated for the run that follows.
    /// </summary>
    private static async Task ClearClassesAsync(AppDbContext db)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("TRUNCATE entity_risk_classes, risk_assessments, risk_notices");
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE risk_runs");
        }
        else await db.Database.ExecuteSqlRawAsync("DELETE FROM entity_risk_classes; DELETE FROM risk_assessments; DELETE FROM risk_notices");
    }

    private static TContext Context<TContext>(DbContextOptions<TContext> options) where TContext : AppDbContext
    {
        var trail = new AuditTrail(new HttpContextAccessor(), TimeProvider.System);
        trail.ActAs(AuditActor.System);
        var db = (TContext)Activator.CreateInstance(typeof(TContext), options)!;
        db.AuditTrail = trail;
        return db;
    }

    /// <summary>The baseline: every record's scoring columns, read once in id order of entity, as the classifier needs them.</summary>
    private static async Task<TimeSpan> ReadAllAsync(AppDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var sw = Stopwatch.StartNew();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """SELECT "EntityId", "Id", "Kind", "Severity", "OccurredOn", "PublicityEndedOn" FROM credit_records""";
            await using var reader = await command.ExecuteReaderAsync();
            long sum = 0;
            while (await reader.ReadAsync())
                sum += reader.GetInt64(0) + reader.GetInt64(1) + reader.GetInt32(2) + reader.GetInt32(3)
                       + reader.GetFieldValue<DateOnly>(4).DayNumber + (reader.IsDBNull(5) ? 0 : 1);
            GC.KeepAlive(sum);
        }
        sw.Stop();
        await db.Database.CloseConnectionAsync();
        return sw.Elapsed;
    }

    private static readonly (CreditRecordKind Kind, CreditSeverity Severity)[] Mix =
    [
        (CreditRecordKind.InspectionCompliant, CreditSeverity.None), (CreditRecordKind.InspectionCompliant, CreditSeverity.None),
        (CreditRecordKind.InspectionCompliant, CreditSeverity.None), (CreditRecordKind.AnnualReportOnTime, CreditSeverity.None),
        (CreditRecordKind.AnnualReportOnTime, CreditSeverity.None), (CreditRecordKind.Penalty, CreditSeverity.General),
        (CreditRecordKind.InspectionNonCompliant, CreditSeverity.Minor), (CreditRecordKind.Complaint, CreditSeverity.Minor),
        (CreditRecordKind.CommitmentBroken, CreditSeverity.General), (CreditRecordKind.Penalty, CreditSeverity.Serious),
    ];

    private static async Task GenerateAsync(AppDbContext db, int entities)
    {
        await db.Database.EnsureDeletedAsync();
        await db.Database.MigrateAsync();
        db.Add(new RiskModel { Version = 1, EffectiveFrom = new DateOnly(2020, 1, 1), Note = "bench", Definition = RiskModels.Starter, CreatedAtUtc = DateTime.UtcNow, CreatedBy = "bench" });
        await db.SaveChangesAsync();
        var today = DateOnly.FromDateTime(DateTime.Today);
        var sw = Stopwatch.StartNew();
        const int chunk = 20_000;
        for (var start = 0; start < entities; start += chunk)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var batch = Enumerable.Range(start, Math.Min(chunk, entities - start)).Select(i => new SupervisedEntity
            {
                CreditCode = CreditCode.Synthetic(i), Name = RegistrySearchBench.NameFor(i), Type = EntityType.Enterprise,
                DivisionCode = "330702001", IndustryCode = i % 7 == 0 ? "1411" : "5261", IndustrySection = i % 7 == 0 ? "C" : "F",
                RegisteredOn = today.AddDays(-(i % 4000)),
            }).ToList();
            await BulkInsert.InsertDerivedAsync(db, batch, default);
            // A record's kind and age from its entity and number: deterministic, and every entity a different mix.
            var records = batch.SelectMany((e, n) => Enumerable.Range(0, RecordsPerEntity).Select(r =>
            {
                var (kind, severity) = Mix[(start + n + r * 3) % Mix.Length % (r % 3 == 0 ? Mix.Length : 5)];
                return new CreditRecord
                {
                    EntityId = e.Id, Kind = kind, Severity = severity, Title = "bench", OccurredOn = today.AddDays(-((start + n) * 7 + r * 131) % 1100),
                    IssuedBy = "bench", Source = CreditRecordSource.Received, RecordedAtUtc = DateTime.UtcNow,
                };
            })).ToList();
            await BulkInsert.InsertDerivedAsync(db, records, default);
            await transaction.CommitAsync();
            db.ChangeTracker.Clear();
        }
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE credit_records");
        else await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        Console.WriteLine($"generated {entities:N0} entities in {sw.Elapsed.TotalSeconds:F0} s");
    }
}
