using System.Diagnostics;
using Jianguan.Draw;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Modules.SpotChecks;
using Jianguan.Web.Platform.Audit;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;
using NpgsqlTypes;

namespace Jianguan.Bench;

/// <summary>
/// The spot-check draw of a task whose pool is N supervised entities in S strata at 5%, on the platform's own schema
/// (made by its migrations) and through the platform's own path, on SQLite and on PostgreSQL (JIANGUAN_BENCH_POSTGRES;
/// JIANGUAN_BENCH_SQLITE=0 leaves SQLite out). Measured in the same run:
/// <list type="bullet">
/// <item>read: <see cref="PoolReader"/> alone, every field of every row touched, nothing kept;</item>
/// <item>the draw: <see cref="SpotCheckDraws.ReadAndDrawAsync"/> (the yearly cap's query, the pool read into its
/// buffer and fed to DrawBuilder as it is read, each stratum labelled when first met, checked and hashed on the
/// builder's thread meanwhile; then frozen, seed and selection) and the selected codes mapped back
/// to their entities, as <see cref="SpotCheckDraws.DrawAsync"/> does it; not measured: the officers' assignment and
/// the writing of the record and the DrawnEntity rows;</item>
/// <item>the baseline, the draw deployed systems run in the database: every pool row numbered by
/// <c>row_number() OVER (PARTITION BY stratum ORDER BY random())</c>, the same strata computed in SQL from the same
/// tables with the same filters, joined to the same quotas.</item>
/// </list>
/// The task stratifies by risk class × township (Stratification.RiskClassDivision): S/4 townships, classes A–D
/// scattered as 30/50/15/5 % over 95% of the entities, the other 5% unclassified (counted as B). Every entity is
/// active and in the lead department's remit, so the pool is all N. Rows are written in credit-code order (a registry
/// loaded from a sorted extract), PostgreSQL by COPY with the table's indexes built after it, SQLite by prepared
/// inserts in one transaction (its name index filled by the schema's triggers). The databases stay for the next run:
/// PostgreSQL's jg_pool_draw_N, and SQLite's pool-draw-N.db in JIANGUAN_BENCH_KEEP (else a temporary folder).
/// </summary>
public static class DrawBench
{
    private const int BasisPoints = 500;
    private const int Rounds = 2;
    /// <summary>The department whose presence, with N as its sort order, says the data is complete.</summary>
    private const string MarkerCode = "BENCH-DRAW";
    private static readonly string? Keep = Environment.GetEnvironmentVariable("JIANGUAN_BENCH_KEEP") is { Length: > 0 } k ? k : null;

    public static async Task<int> RunAsync(int entities, int strata)
    {
        if (strata % 4 != 0) throw new ArgumentException("strata: a multiple of 4 (classes A–D × townships)");
        var rows = new List<string>();
        var folder = Keep ?? Directory.CreateTempSubdirectory("jianguan-draw-bench-").FullName;
        Directory.CreateDirectory(folder);
        try
        {
            if (Environment.GetEnvironmentVariable("JIANGUAN_BENCH_SQLITE") != "0")
            {
                var path = Path.Combine(folder, $"pool-draw-{entities}.db");
                var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={path}").AddInterceptors(SqliteFunctions.Instance).Options;
                rows.Add(await MeasureAsync("SQLite", () => Context(options), entities, strata, db => GenerateSqliteAsync(path, db, entities, strata)));
            }
            if (Environment.GetEnvironmentVariable("JIANGUAN_BENCH_POSTGRES") is { Length: > 0 } server)
            {
                var connection = new NpgsqlConnectionStringBuilder(server) { Database = $"jg_pool_draw_{entities}", CommandTimeout = 0 }.ConnectionString;
                var options = new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connection, o => o.CommandTimeout(0)).Options;
                rows.Add(await MeasureAsync("PostgreSQL", () => Context(options), entities, strata, _ => GeneratePostgresAsync(connection, entities, strata)));
            }
            Console.WriteLine();
            Console.WriteLine("| database | entities | strata | drawn | read the pool (PoolReader, every field) | the draw (reading included; no officers, nothing written) | draw / read | baseline: row_number() … order by random() | baseline / draw | load average (1 min) |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
            foreach (var row in rows) Console.WriteLine(row);
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (Keep is null) Directory.Delete(folder, true);
        }
    }

    private static TContext Context<TContext>(DbContextOptions<TContext> options) where TContext : AppDbContext
    {
        var trail = new AuditTrail(new HttpContextAccessor(), TimeProvider.System);
        trail.ActAs(AuditActor.System);
        var db = (TContext)Activator.CreateInstance(typeof(TContext), options)!;
        db.AuditTrail = trail;
        return db;
    }

    private static async Task<string> MeasureAsync(string name, Func<AppDbContext> context, int entities, int strata, Func<AppDbContext, Task> generate)
    {
        int lead;
        await using (var db = context())
        {
            if (await CompleteAsync(db) != entities)
            {
                await db.Database.EnsureDeletedAsync();
                await db.Database.MigrateAsync();
                var sw = Stopwatch.StartNew();
                await generate(db);
                db.Add(new Department { Code = MarkerCode, Name = "抽查基准部门", ShortName = "基准", DivisionCode = "330702", SortOrder = entities });
                await db.SaveChangesAsync();
                Console.WriteLine($"{name}: {entities:N0} entities with their risk classes written in {sw.Elapsed.TotalSeconds:F0} s");
            }
            lead = await db.Set<Department>().Where(d => d.Code == MarkerCode).Select(d => d.Id).SingleAsync();
        }
        var task = new SpotCheckTask
        {
            LeadDepartmentId = lead, Stratification = Stratification.RiskClassDivision, Secret = Pools.Secret,
            RatioA = BasisPoints, RatioB = BasisPoints, RatioC = BasisPoints, RatioD = BasisPoints,
        };
        await ReadOnlyAsync(context, task, entities); // warm-up: the tables in the cache, the code paths compiled

        TimeSpan read = TimeSpan.MaxValue, draw = TimeSpan.MaxValue;
        var load = Load();
        SpotCheckDraws.PoolDraw? result = null;
        for (var round = 0; round < Rounds; round++)
        {
            var before = Load();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var r = await ReadOnlyAsync(context, task, entities);
            var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
            read = r < read ? r : read;
            await using var db = context();
            var sw = Stopwatch.StartNew();
            var excluded = await new SpotCheckTasks(db, new ConfigurationBuilder().Build(), TimeProvider.System).AtYearlyCapAsync(default);
            result = await SpotCheckDraws.ReadAndDrawAsync(db, task, excluded, "bench", default);
            var drawn = result.Draw!;
            var pool = result.Pool;
            var ids = drawn.AddedAt.Select(pool.EntityId).ToList();
            sw.Stop();
            var cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
            // The benchmark's own processor time beside the wall-clock times: it moves far less with the machine's load.
            Console.WriteLine($"{name}: round {round + 1}: read {r.TotalSeconds:F2} s (this process's processor time {(cpu1 - cpu0).TotalSeconds:F2} s); "
                              + $"draw {sw.Elapsed.TotalSeconds:F2} s (processor time {(cpu2 - cpu1).TotalSeconds:F2} s); load average {before}");
            draw = sw.Elapsed < draw ? sw.Elapsed : draw;
        }
        var selected = result!.Draw!;
        if (selected.Pool.Count != entities || selected.Strata.Count != strata) throw new InvalidOperationException($"pool of {selected.Pool.Count} in {selected.Strata.Count} strata");

        // The same quotas, by the real strata (the labels are the draw's own).
        var real = result.Labels.Select((label, s) => (label, key: result.Read.Strata[s])).ToDictionary(x => x.label, x => x.key, StringComparer.Ordinal);
        var quotas = selected.Strata.Select(s => (Key: real[s.Key], s.Quota)).ToArray();
        var baselineLoad = Load();
        var baseline = Stopwatch.StartNew();
        long baselineRows;
        await using (var db = context()) baselineRows = await BaselineAsync(db, quotas);
        baseline.Stop();
        if (baselineRows != selected.Selected.Count) throw new InvalidOperationException($"the baseline drew {baselineRows}, the draw {selected.Selected.Count}");
        Console.WriteLine($"{name}: baseline {baseline.Elapsed.TotalSeconds:F1} s; load average {baselineLoad}");
        return $"| {name} | {entities:N0} | {strata} | {selected.Selected.Count:N0} | {read.TotalSeconds:F2} s | {draw.TotalSeconds:F2} s | {draw / read:F2} | {baseline.Elapsed.TotalSeconds:F1} s | {baseline.Elapsed / draw:F1} | {load} … {baselineLoad} |";
    }

    /// <summary>The 1-minute load average, as /proc/loadavg gives it (another run on the machine shows here).</summary>
    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>The pool read by the platform's reader, each field touched, nothing kept.</summary>
    private static async Task<TimeSpan> ReadOnlyAsync(Func<AppDbContext> context, SpotCheckTask task, int entities)
    {
        await using var db = context();
        long n = 0, sum = 0;
        var sw = Stopwatch.StartNew();
        await new PoolReader(db).ReadAsync(task, [], (id, code, stratum) =>
        {
            n++;
            sum += id + code.Length + code[^1] + stratum;
        }, default);
        sw.Stop();
        if (n != entities) throw new InvalidOperationException($"read {n} rows");
        GC.KeepAlive(sum);
        return sw.Elapsed;
    }

    private static async Task<int> CompleteAsync(AppDbContext db)
    {
        try
        {
            return await db.Set<Department>().Where(d => d.Code == MarkerCode).Select(d => d.SortOrder).FirstOrDefaultAsync();
        }
        catch (Exception e) when (e is SqliteException or PostgresException or InvalidOperationException)
        {
            return -1; // no database, or one not yet migrated
        }
    }

    /// <summary>
    /// The deployed systems' draw: each pool row's stratum in SQL, every row numbered in random order within its
    /// stratum, joined to the quotas. Same filters as the reader's (active, in the remit 330702).
    /// </summary>
    private static async Task<long> BaselineAsync(AppDbContext db, (string Key, int Quota)[] quotas)
    {
        var postgres = db.Database.IsNpgsql();
        var p = postgres ? "@" : "$";
        var remit = postgres ? """starts_with(e."DivisionCode", @remit)""" : """substr(e."DivisionCode", 1, length($remit)) = $remit""";
        var sql = $"""
            WITH quotas(stratum, quota) AS (VALUES {string.Join(", ", quotas.Select((q, i) => $"({p}s{i}, {q.Quota})"))})
            SELECT t."CreditCode", t.stratum FROM (
                SELECT e."CreditCode",
                       CASE coalesce(c."Class", 2) WHEN 1 THEN 'A' WHEN 2 THEN 'B' WHEN 3 THEN 'C' ELSE 'D' END || '|' || substr(e."DivisionCode", 1, 9) AS stratum,
                       row_number() OVER (PARTITION BY CASE coalesce(c."Class", 2) WHEN 1 THEN 'A' WHEN 2 THEN 'B' WHEN 3 THEN 'C' ELSE 'D' END || '|' || substr(e."DivisionCode", 1, 9) ORDER BY random()) AS rn
                FROM supervised_entities e LEFT JOIN entity_risk_classes c ON c."EntityId" = e."Id"
                WHERE e."Status" = 1 AND {remit}
            ) t JOIN quotas q ON q.stratum = t.stratum
            WHERE t.rn <= q.quota
            """;
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
            Add(command, $"{p}remit", "330702");
            for (var i = 0; i < quotas.Length; i++) Add(command, $"{p}s{i}", quotas[i].Key);
            await using var reader = await command.ExecuteReaderAsync();
            long n = 0;
            while (await reader.ReadAsync()) n += reader.GetString(0).Length > 0 && reader.GetString(1).Length > 0 ? 1 : 0;
            return n;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        static void Add(System.Data.Common.DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    // ---------------------------------------------------------------- data

    /// <summary>The n-th entity's credit code: valid, and increasing with n (the other draw benchmarks' pools too).</summary>
    public static string Code(int n) => CreditCode.Synthetic(n);

    /// <summary>
    /// A stratum "class|industry|division" for the n-th entry of the library-only benchmarks (draw-hash, draw-assign),
    /// scattered by a hash of n: classes A–D as 30/50/15/5 %, five industries, and as many divisions as make
    /// <paramref name="strata"/> strata (a multiple of 20).
    /// </summary>
    public static string Stratum(int n, int strata)
    {
        var h = (ulong)n * 0x9E3779B97F4A7C15UL;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        var c = (int)(h % 100);
        var riskClass = c < 30 ? "A" : c < 80 ? "B" : c < 95 ? "C" : "D";
        var industry = LibraryIndustries[(int)(h / 100 % 5)];
        var division = 330702001 + (int)(h / 500 % (ulong)(strata / 20));
        return $"{riskClass}|{industry}|{division}";
    }

    private static readonly string[] LibraryIndustries = ["C13", "E47", "F52", "H62", "L72"];

    /// <summary>The n-th entity's township (of <paramref name="strata"/>/4) and risk class (0 for none), scattered by a hash of n.</summary>
    private static (string Division, int Class) Of(int n, int strata)
    {
        var h = (ulong)n * 0x9E3779B97F4A7C15UL;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        var c = (int)(h % 100);
        var riskClass = c < 5 ? 0 : c < 33 ? 1 : c < 81 ? 2 : c < 96 ? 3 : 4;
        // Townships 330702001…, each with villages (12 digits): the stratum takes the first 9.
        var township = 1 + (int)(h / 100 % (ulong)(strata / 4));
        return ($"330702{township:000}{(int)(h >> 40) % 200:000}", riskClass);
    }

    private static readonly (string Code, string Section)[] Industries = [("1411", "C"), ("4720", "E"), ("5261", "F"), ("6210", "H"), ("7212", "L")];

    private static (string Code, string Section) IndustryOf(int n) => Industries[n % Industries.Length];

    /// <summary>Rows a statement: each statement is prepared once and run with new values.</summary>
    private const int RowsPerInsert = 100;

    private static async Task GenerateSqliteAsync(string path, AppDbContext db, int entities, int strata)
    {
        await db.Database.CloseConnectionAsync();
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        SqliteFunctions.Register(connection); // the name index's triggers call it
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA cache_size = -262144"; // 256 MB: the indexes' pages stay in memory while they grow
            await pragma.ExecuteNonQueryAsync();
        }
        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"""
            INSERT INTO supervised_entities ("Id","CreditCode","Name","Type","DivisionCode","IndustryCode","IndustrySection","Status")
            VALUES {string.Join(',', Enumerable.Range(0, RowsPerInsert).Select(i => $"($i{i},$c{i},'抽查基准企业',1,$d{i},$n{i},$s{i},1)"))}
            """;
        var e = Enumerable.Range(0, RowsPerInsert).Select(i => new[]
        {
            insert.Parameters.Add($"$i{i}", SqliteType.Integer), insert.Parameters.Add($"$c{i}", SqliteType.Text), insert.Parameters.Add($"$d{i}", SqliteType.Text),
            insert.Parameters.Add($"$n{i}", SqliteType.Text), insert.Parameters.Add($"$s{i}", SqliteType.Text),
        }).ToArray();
        await using var classes = connection.CreateCommand();
        classes.CommandText = "INSERT INTO entity_risk_classes (\"EntityId\",\"Class\",\"Score\",\"RunId\",\"Fingerprint\",\"Since\") VALUES ($e, $k, '10.0', 1, 0, '2026-01-01')";
        var classEntity = classes.Parameters.Add("$e", SqliteType.Integer);
        var classValue = classes.Parameters.Add("$k", SqliteType.Integer);
        insert.Prepare();
        classes.Prepare();
        for (var first = 0; first < entities; first += RowsPerInsert)
        {
            var count = Math.Min(RowsPerInsert, entities - first);
            if (count < RowsPerInsert)
            {
                // The last, short statement: one row at a time through the first row's slots is simpler than another statement.
                for (var i = first; i < entities; i++) await InsertOneAsync(connection, i, strata);
                break;
            }
            for (var r = 0; r < count; r++)
            {
                var n = first + r;
                var (division, _) = Of(n, strata);
                var (industry, section) = IndustryOf(n);
                e[r][0].Value = n + 1;
                e[r][1].Value = CreditCode.Synthetic(n);
                e[r][2].Value = division;
                e[r][3].Value = industry;
                e[r][4].Value = section;
            }
            insert.ExecuteNonQuery();
        }
        for (var n = 0; n < entities; n++)
        {
            if (Of(n, strata).Class is var c and > 0)
            {
                classEntity.Value = n + 1;
                classValue.Value = c;
                classes.ExecuteNonQuery();
            }
        }
        transaction.Commit();
        await using var analyse = connection.CreateCommand();
        analyse.CommandText = "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);";
        await analyse.ExecuteNonQueryAsync();
    }

    private static async Task InsertOneAsync(SqliteConnection connection, int n, int strata)
    {
        await using var one = connection.CreateCommand();
        one.CommandText = """
            INSERT INTO supervised_entities ("Id","CreditCode","Name","Type","DivisionCode","IndustryCode","IndustrySection","Status")
            VALUES ($i,$c,'抽查基准企业',1,$d,$n,$s,1)
            """;
        var (division, _) = Of(n, strata);
        var (industry, section) = IndustryOf(n);
        one.Parameters.AddWithValue("$i", n + 1);
        one.Parameters.AddWithValue("$c", CreditCode.Synthetic(n));
        one.Parameters.AddWithValue("$d", division);
        one.Parameters.AddWithValue("$n", industry);
        one.Parameters.AddWithValue("$s", section);
        await one.ExecuteNonQueryAsync();
    }

    private static async Task GeneratePostgresAsync(string connectionString, int entities, int strata)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // The tables' secondary indexes (the name index's GIN among them) are dropped and made again after the COPY, as
        // the migrations defined them: building an index once is far faster than growing it row by row.
        var indexes = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
            WHERE i.indrelid IN ('supervised_entities'::regclass, 'entity_risk_classes'::regclass) AND NOT i.indisprimary
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) indexes.Add(reader.GetString(0) + "\n" + reader.GetString(1));
        foreach (var index in indexes)
        {
            await using var drop = new NpgsqlCommand($"DROP INDEX {index.Split('\n')[0]}", connection);
            await drop.ExecuteNonQueryAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY supervised_entities (\"Id\",\"CreditCode\",\"Name\",\"Type\",\"DivisionCode\",\"IndustryCode\",\"IndustrySection\",\"Status\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var n = 0; n < entities; n++)
            {
                var (division, _) = Of(n, strata);
                var (industry, section) = IndustryOf(n);
                await copy.StartRowAsync();
                await copy.WriteAsync((long)n + 1, NpgsqlDbType.Bigint);
                await copy.WriteAsync(CreditCode.Synthetic(n), NpgsqlDbType.Varchar);
                await copy.WriteAsync("抽查基准企业", NpgsqlDbType.Varchar);
                await copy.WriteAsync((int)EntityType.Enterprise, NpgsqlDbType.Integer);
                await copy.WriteAsync(division, NpgsqlDbType.Varchar);
                await copy.WriteAsync(industry, NpgsqlDbType.Varchar);
                await copy.WriteAsync(section, NpgsqlDbType.Varchar);
                await copy.WriteAsync((int)EntityStatus.Active, NpgsqlDbType.Integer);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY entity_risk_classes (\"EntityId\",\"Class\",\"Score\",\"RunId\",\"Fingerprint\",\"Since\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var n = 0; n < entities; n++)
            {
                if (Of(n, strata).Class is not (var c and > 0)) continue;
                await copy.StartRowAsync();
                await copy.WriteAsync((long)n + 1, NpgsqlDbType.Bigint);
                await copy.WriteAsync(c, NpgsqlDbType.Integer);
                await copy.WriteAsync(10.0m, NpgsqlDbType.Numeric);
                await copy.WriteAsync(1L, NpgsqlDbType.Bigint);
                await copy.WriteAsync(0L, NpgsqlDbType.Bigint);
                await copy.WriteAsync(new DateOnly(2026, 1, 1), NpgsqlDbType.Date);
            }
            await copy.CompleteAsync();
        }
        foreach (var index in indexes)
        {
            await using var create = new NpgsqlCommand(index.Split('\n')[1], connection);
            await create.ExecuteNonQueryAsync();
        }
        await using var fix = new NpgsqlCommand("""
            SELECT setval(pg_get_serial_sequence('supervised_entities', 'Id'), (SELECT max("Id") FROM supervised_entities));
            """, connection);
        await fix.ExecuteNonQueryAsync();
        // A command of its own: VACUUM refuses to run inside the implicit transaction of a batch.
        foreach (var table in new[] { "supervised_entities", "entity_risk_classes" })
        {
            await using var vacuum = new NpgsqlCommand($"VACUUM ANALYZE {table}", connection);
            await vacuum.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>Fixed inputs of the draw benchmarks.</summary>
internal static class Pools
{
    public const string Secret = "6a3f0c9e2b7d4a1858e3c6f09b2d7e4a1c5f8b3e6d9a2c7f0e4b8d1a5c9f3e72";
}
