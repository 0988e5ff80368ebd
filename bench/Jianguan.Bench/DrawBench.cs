using System.Diagnostics;
using Jianguan.Draw;
using Jianguan.Web.Modules.Registry;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Jianguan.Bench;

/// <summary>
/// The spot-check draw over a pool of N entities in S strata at 5% (<see cref="DrawBuilder"/> fed by the reader),
/// on SQLite and on PostgreSQL (JIANGUAN_BENCH_POSTGRES; JIANGUAN_BENCH_SQLITE=0 leaves SQLite out), against, in the
/// same run: reading the pool alone (the same query and reader, every field touched), and the draw deployed
/// systems run in the database (row_number() over each stratum ordered by random()). The pool is a plain table
/// bench_draw_pool(credit_code varchar(18) primary key, stratum text); JIANGUAN_BENCH_KEEP names a folder where the
/// SQLite file stays for the next run (PostgreSQL's database jg_draw stays anyway, and is reused when it holds N rows).
/// </summary>
public static class DrawBench
{
    private const string Select = "SELECT credit_code, stratum FROM bench_draw_pool ORDER BY credit_code";
    private const int BasisPoints = 500;
    private static readonly string? Keep = Environment.GetEnvironmentVariable("JIANGUAN_BENCH_KEEP") is { Length: > 0 } k ? k : null;

    /// <summary>The n-th entity's credit code: valid, and increasing with n.</summary>
    public static string Code(int n) => CreditCode.Synthetic(n);

    /// <summary>
    /// The n-th entity's stratum "class|industry|division", scattered by a hash of n: classes A–D as 30/50/15/5 %,
    /// five industries, and as many divisions as make <paramref name="strata"/> strata (a multiple of 20).
    /// </summary>
    public static string Stratum(int n, int strata)
    {
        var h = (ulong)n * 0x9E3779B97F4A7C15UL;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        var c = (int)(h % 100);
        var riskClass = c < 30 ? "A" : c < 80 ? "B" : c < 95 ? "C" : "D";
        var industry = Industries[(int)(h / 100 % 5)];
        var division = 330702001 + (int)(h / 500 % (ulong)(strata / 20));
        return $"{riskClass}|{industry}|{division}";
    }

    private static readonly string[] Industries = ["C13", "E47", "F52", "H62", "L72"];

    public static async Task<int> RunAsync(int entities, int strata)
    {
        if (strata % 20 != 0) throw new ArgumentException("strata: a multiple of 20 (4 classes × 5 industries × divisions)");
        var rows = new List<string>();
        var folder = Keep ?? Directory.CreateTempSubdirectory("jianguan-draw-bench-").FullName;
        Directory.CreateDirectory(folder);
        try
        {
            if (Environment.GetEnvironmentVariable("JIANGUAN_BENCH_SQLITE") != "0")
                rows.AddRange(await MeasureAsync(new SqlitePool(Path.Combine(folder, $"draw-{entities}-{strata}.db")), entities, strata));
            if (Environment.GetEnvironmentVariable("JIANGUAN_BENCH_POSTGRES") is { Length: > 0 } server)
                rows.AddRange(await MeasureAsync(new PostgresPool(new NpgsqlConnectionStringBuilder(server) { Database = "jg_draw" }.ConnectionString), entities, strata));
            Console.WriteLine();
            Console.WriteLine("| database | entities | strata | drawn | read the pool ORDER BY credit_code | the draw (reading included) | draw / read | baseline: row_number() … order by random() | baseline / draw |");
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

    private static async Task<List<string>> MeasureAsync(IBenchPool db, int entities, int strata)
    {
        if (await db.CountAsync() != entities)
        {
            var generation = Stopwatch.StartNew();
            await db.GenerateAsync(entities, strata);
            Console.WriteLine($"{db.Name}: generated {entities:N0} rows in {generation.Elapsed.TotalSeconds:F0} s");
        }
        var rules = QuotaRules.Uniform(BasisPoints);
        // Warm-up: the table in the page cache, the code paths compiled.
        await ReadOnlyAsync(db, entities);

        TimeSpan read = TimeSpan.MaxValue, draw = TimeSpan.MaxValue;
        DrawResult? result = null;
        for (var round = 0; round < 2; round++)
        {
            var r = await ReadOnlyAsync(db, entities);
            read = r < read ? r : read;
            var sw = Stopwatch.StartNew();
            using var builder = new DrawBuilder();
            await db.ReadAsync(builder.AddUtf8);
            var readDone = sw.Elapsed;
            var pool = builder.Freeze();
            var frozen = sw.Elapsed;
            result = pool.Draw(Pools.Secret, "bench", rules);
            sw.Stop();
            Console.WriteLine($"{db.Name}: read {r.TotalSeconds:F2} s; draw {sw.Elapsed.TotalSeconds:F2} s (reading and adding {readDone.TotalSeconds:F2} s, freeze {(frozen - readDone).TotalSeconds:F2} s, seed and selection {(sw.Elapsed - frozen).TotalSeconds:F2} s)");
            draw = sw.Elapsed < draw ? sw.Elapsed : draw;
        }
        if (result!.Pool.Count != entities || result.Strata.Count != strata) throw new InvalidOperationException($"pool of {result.Pool.Count} in {result.Strata.Count} strata");
        var drawn = result.Selected.Count;

        var quotas = result.Strata.Select(s => (s.Key, s.Quota)).ToArray();
        var baseline = Stopwatch.StartNew();
        var baselineRows = await db.BaselineAsync(quotas);
        baseline.Stop();
        if (baselineRows != drawn) throw new InvalidOperationException($"the baseline drew {baselineRows}, the draw {drawn}");
        Console.WriteLine($"{db.Name}: baseline {baseline.Elapsed.TotalSeconds:F2} s");
        return [$"| {db.Name} | {entities:N0} | {strata} | {drawn:N0} | {read.TotalSeconds:F2} s | {draw.TotalSeconds:F2} s | {draw / read:F2} | {baseline.Elapsed.TotalSeconds:F1} s | {baseline.Elapsed / draw:F1} |"];
    }

    /// <summary>The pool read with the draw's own query and reader, each field's bytes touched, nothing kept.</summary>
    private static async Task<TimeSpan> ReadOnlyAsync(IBenchPool db, int entities)
    {
        long n = 0, bytes = 0;
        var sw = Stopwatch.StartNew();
        await db.ReadAsync((code, stratum) =>
        {
            n++;
            bytes += code.Length + stratum.Length + code[^1] + stratum[0];
        });
        sw.Stop();
        if (n != entities) throw new InvalidOperationException($"read {n} rows");
        GC.KeepAlive(bytes);
        return sw.Elapsed;
    }

    public delegate void Row(ReadOnlySpan<byte> creditCode, ReadOnlySpan<byte> stratum);

    private interface IBenchPool
    {
        string Name { get; }
        Task<long> CountAsync();
        Task GenerateAsync(int entities, int strata);
        Task ReadAsync(Row row);
        Task<long> BaselineAsync((string Key, int Quota)[] quotas);
    }

    /// <summary>The deployed systems' draw: the strata's quotas joined in, every row numbered in random order within its stratum.</summary>
    private static string BaselineSql(IEnumerable<(string Key, int Quota)> quotas, string parameterPrefix) => $"""
        WITH quotas(stratum, quota) AS (VALUES {string.Join(", ", quotas.Select((q, i) => $"({parameterPrefix}s{i}, {q.Quota})"))})
        SELECT t.credit_code, t.stratum FROM (
            SELECT credit_code, stratum, row_number() OVER (PARTITION BY stratum ORDER BY random()) AS rn FROM bench_draw_pool
        ) t JOIN quotas q ON q.stratum = t.stratum
        WHERE t.rn <= q.quota
        """;

    /// <summary>SQLite through its own C API: text columns as UTF-8 spans into SQLite's row, no string made.</summary>
    private sealed class SqlitePool(string path) : IBenchPool
    {
        public string Name => "SQLite";

        public async Task<long> CountAsync()
        {
            if (!File.Exists(path)) return -1;
            await using var connection = new SqliteConnection($"Data Source={path}");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'bench_draw_pool'";
            if ((long)(await command.ExecuteScalarAsync())! == 0) return -1;
            command.CommandText = "SELECT count(*) FROM bench_draw_pool";
            return (long)(await command.ExecuteScalarAsync())!;
        }

        public async Task GenerateAsync(int entities, int strata)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
            await using var connection = new SqliteConnection($"Data Source={path}");
            await connection.OpenAsync();
            await using (var create = connection.CreateCommand())
            {
                create.CommandText = "CREATE TABLE bench_draw_pool(credit_code varchar(18) PRIMARY KEY, stratum text)";
                await create.ExecuteNonQueryAsync();
            }
            await using var transaction = connection.BeginTransaction();
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO bench_draw_pool VALUES ($c, $s)";
            var c = insert.Parameters.Add("$c", SqliteType.Text);
            var s = insert.Parameters.Add("$s", SqliteType.Text);
            insert.Prepare();
            for (var i = 0; i < entities; i++)
            {
                c.Value = Code(i);
                s.Value = Stratum(i, strata);
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }

        public Task ReadAsync(Row row)
        {
            using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
            connection.Open();
            var db = connection.Handle!;
            SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, Select, out var statement), db);
            using (statement)
            {
                int rc;
                while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                    row(raw.sqlite3_column_blob(statement, 0), raw.sqlite3_column_blob(statement, 1));
                if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
            }
            return Task.CompletedTask;
        }

        public async Task<long> BaselineAsync((string Key, int Quota)[] quotas)
        {
            await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = BaselineSql(quotas, "$");
            for (var i = 0; i < quotas.Length; i++) command.Parameters.AddWithValue($"$s{i}", quotas[i].Key);
            await using var reader = await command.ExecuteReaderAsync();
            long n = 0;
            while (await reader.ReadAsync()) n += reader.GetString(0).Length > 0 && reader.GetString(1).Length > 0 ? 1 : 0;
            return n;
        }
    }

    /// <summary>
    /// PostgreSQL through Npgsql: the query's rows as the binary COPY protocol sends them, each text column read
    /// into a reused char buffer and encoded to UTF-8, since Npgsql hands text out as strings or chars, not bytes.
    /// </summary>
    private sealed class PostgresPool(string connectionString) : IBenchPool
    {
        public string Name => "PostgreSQL";

        public async Task<long> CountAsync()
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ConnectionString))
            {
                await admin.OpenAsync();
                await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @d", admin);
                exists.Parameters.AddWithValue("d", builder.Database!);
                if ((long)(await exists.ExecuteScalarAsync())! == 0)
                {
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{builder.Database}\"", admin);
                    await create.ExecuteNonQueryAsync();
                }
            }
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            // The table counts only with its primary key: a generation that stopped before it is made again.
            await using var command = new NpgsqlCommand("SELECT to_regclass('bench_draw_pool_pkey') IS NOT NULL", connection);
            if (!(bool)(await command.ExecuteScalarAsync())!) return -1;
            command.CommandText = "SELECT count(*) FROM bench_draw_pool";
            return (long)(await command.ExecuteScalarAsync())!;
        }

        public async Task GenerateAsync(int entities, int strata)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using (var create = new NpgsqlCommand("DROP TABLE IF EXISTS bench_draw_pool; CREATE TABLE bench_draw_pool(credit_code varchar(18), stratum text)", connection))
                await create.ExecuteNonQueryAsync();
            await using (var copy = await connection.BeginBinaryImportAsync("COPY bench_draw_pool (credit_code, stratum) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < entities; i++)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(Code(i), NpgsqlDbType.Varchar);
                    await copy.WriteAsync(Stratum(i, strata), NpgsqlDbType.Text);
                }
                await copy.CompleteAsync();
            }
            await using var key = new NpgsqlCommand("ALTER TABLE bench_draw_pool ADD PRIMARY KEY (credit_code)", connection) { CommandTimeout = 0 };
            await key.ExecuteNonQueryAsync();
            // A command of its own: VACUUM refuses to run inside the implicit transaction of a reused command.
            await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE bench_draw_pool", connection) { CommandTimeout = 0 };
            await vacuum.ExecuteNonQueryAsync();
        }

        public async Task ReadAsync(Row row)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var export = await connection.BeginBinaryExportAsync($"COPY ({Select}) TO STDOUT (FORMAT BINARY)");
            var chars = new char[512];
            var code = new byte[64];
            var stratum = new byte[1024];
            while (await export.StartRowAsync() >= 0)
            {
                var c = await export.ReadAsync<string>(NpgsqlDbType.Varchar);
                var s = await export.ReadAsync<string>(NpgsqlDbType.Text);
                row(code.AsSpan(0, System.Text.Encoding.UTF8.GetBytes(c, code)), stratum.AsSpan(0, System.Text.Encoding.UTF8.GetBytes(s, stratum)));
            }
            GC.KeepAlive(chars);
        }

        public async Task<long> BaselineAsync((string Key, int Quota)[] quotas)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(BaselineSql(quotas, "@"), connection) { CommandTimeout = 0 };
            for (var i = 0; i < quotas.Length; i++) command.Parameters.AddWithValue($"s{i}", quotas[i].Key);
            await using var reader = await command.ExecuteReaderAsync();
            long n = 0;
            while (await reader.ReadAsync()) n += reader.GetString(0).Length > 0 && reader.GetString(1).Length > 0 ? 1 : 0;
            return n;
        }
    }
}

/// <summary>Fixed inputs of the draw benchmarks.</summary>
internal static class Pools
{
    public const string Secret = "6a3f0c9e2b7d4a1858e3c6f09b2d7e4a1c5f8b3e6d9a2c7f0e4b8d1a5c9f3e72";
}
