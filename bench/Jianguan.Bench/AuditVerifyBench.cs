using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Jianguan.Integrity;
using Jianguan.Web.Platform.Audit;
using Jianguan.Web.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Jianguan.Bench;

/// <summary>
/// Verifying the audit chain: in memory (the algorithm) and from a SQLite file through the same
/// <see cref="AuditReader"/> the API uses (and from PostgreSQL when JIANGUAN_BENCH_POSTGRES names a server). Baseline: SHA-256 alone over the same bytes, the floor
/// any verification of these entries must pay.
/// </summary>
public static class AuditVerifyBench
{
    public static async Task<int> RunAsync(int count)
    {
        Console.WriteLine($"Generating {count:N0} chained audit entries ...");
        var records = Generate(count);

        var encodedLength = Encoding.UTF8.GetByteCount(records[count / 2].Changes) + 160;
        var buffer = new byte[encodedLength];
        Random.Shared.NextBytes(buffer);
        var baseline = Measure(() =>
        {
            Span<byte> hash = stackalloc byte[32];
            for (var i = 0; i < count; i++) SHA256.HashData(buffer, hash);
        });
        // The hash function the chain uses (OpenSSL's direct functions where loadable), for comparison.
        var direct = Measure(() =>
        {
            Span<byte> hash = stackalloc byte[32];
            for (var i = 0; i < count; i++) Sha256.Hash(buffer, hash);
        });
        Console.WriteLine($"Sha256 direct (OpenSSL's SHA256_* functions): {Sha256.IsDirect}; one thread, {count / direct.TotalSeconds:N0} entries/s");

        var memory = Measure(() =>
        {
            var result = AuditChainVerifier.Verify(records);
            if (!result.IsIntact) throw new InvalidOperationException("generated chain broken");
        });

        var path = Path.Combine(Path.GetTempPath(), $"jianguan-bench-{Guid.NewGuid():N}.db");
        try
        {
            await WriteSqliteAsync(path, records);
            var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={path}").Options;
            await using var db = new SqliteAppDbContext(options) { AuditTrail = new AuditTrail(new Microsoft.AspNetCore.Http.HttpContextAccessor(), TimeProvider.System) };
            await new AuditReader(db).VerifyAsync(default); // warm-up: page cache and EF model
            var fromDb = await MeasureAsync(async () =>
            {
                var result = await new AuditReader(db).VerifyAsync(default);
                if (!result.IsIntact || result.EntriesChecked != count) throw new InvalidOperationException("stored chain broken");
            });

            var readOnly = await MeasureAsync(async () =>
            {
                var n = 0;
                await foreach (var _ in new AuditReader(db).ReadAllAsync(default)) n++;
                if (n != count) throw new InvalidOperationException("rows missing");
            });

            (TimeSpan Verify, TimeSpan ServerAlone)? postgres = null;
            if (Environment.GetEnvironmentVariable("JIANGUAN_BENCH_POSTGRES") is { Length: > 0 } pg)
                postgres = await VerifyPostgresAsync(pg, records);

            Console.WriteLine();
            Console.WriteLine("| what | entries | time | entries/s | baseline: SHA-256 alone, entries/s | ratio to baseline |");
            Console.WriteLine("|---|---|---|---|---|---|");
            Row("verify chain in memory", count, memory, baseline);
            Row("verify chain from SQLite (AuditReader, as GET /api/v1/audit/verify)", count, fromDb, baseline);
            Row("read the entries from SQLite as strings (the export's path), no verification", count, readOnly, baseline);
            if (postgres is { } p)
            {
                Row("verify chain from PostgreSQL (AuditReader, as GET /api/v1/audit/verify)", count, p.Verify, baseline);
                Row("PostgreSQL sending the same rows alone (the reader's COPY, bytes dropped)", count, p.ServerAlone, baseline);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
        return 0;
    }

    private static void Row(string what, int count, TimeSpan time, TimeSpan baseline) =>
        Console.WriteLine($"| {what} | {count:N0} | {time.TotalSeconds:F2} s | {count / time.TotalSeconds:N0} | {count / baseline.TotalSeconds:N0} | {time / baseline:F2} |");

    private static AuditRecord[] Generate(int count)
    {
        var records = new AuditRecord[count];
        var previous = AuditChain.GenesisHash;
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var record = new AuditRecord(i + 1, start.AddTicks(i * 10_000L), "user-" + (i % 500), "officer" + (i % 500), 1 + i % 11,
                "Updated", "Officer", (i % 4000).ToString(), $"{{\"Name\":[\"张建华\",\"张建华{i}\"],\"Qualifications\":[\"食品安全\",\"食品安全、特种设备\"]}}",
                previous, "");
            record = record with { Hash = AuditChain.ComputeHash(record) };
            records[i] = record;
            previous = record.Hash;
        }
        return records;
    }

    private static async Task WriteSqliteAsync(string path, AuditRecord[] records)
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={path}").Options;
        await using (var db = new SqliteAppDbContext(options) { AuditTrail = new AuditTrail(new Microsoft.AspNetCore.Http.HttpContextAccessor(), TimeProvider.System) })
            await db.Database.MigrateAsync();
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using (var delete = connection.CreateCommand())
        {
            delete.CommandText = "DELETE FROM audit_entries";
            await delete.ExecuteNonQueryAsync();
        }
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO audit_entries ("Sequence","OccurredAtUtc","ActorId","ActorName","DepartmentId","Action","EntityType","EntityKey","Changes","PreviousHash","Hash")
            VALUES ($s,$t,$ai,$an,$d,$a,$et,$ek,$c,$p,$h)
            """;
        var names = new[] { "$s", "$t", "$ai", "$an", "$d", "$a", "$et", "$ek", "$c", "$p", "$h" };
        var parameters = names.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        foreach (var r in records)
        {
            object?[] values = [r.Sequence, r.OccurredAtUtc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF"), r.ActorId, r.ActorName, r.DepartmentId, r.Action, r.EntityType, r.EntityKey, r.Changes, r.PreviousHash, r.Hash];
            for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        // As a running database is: SQLite moves the write-ahead log into the database file every 1,000
        // pages, so verification reads the database file, not a log of the whole million entries.
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await checkpoint.ExecuteNonQueryAsync();
    }

    /// <summary>Writes the entries into a fresh PostgreSQL database (binary COPY) and verifies them there.</summary>
    private static async Task<(TimeSpan Verify, TimeSpan ServerAlone)> VerifyPostgresAsync(string connectionString, AuditRecord[] records)
    {
        var options = new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options;
        await using var db = new PostgresAppDbContext(options) { AuditTrail = new AuditTrail(new Microsoft.AspNetCore.Http.HttpContextAccessor(), TimeProvider.System) };
        await db.Database.EnsureDeletedAsync();
        await db.Database.MigrateAsync();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using (var import = await connection.BeginBinaryImportAsync("""
                COPY audit_entries ("Sequence","OccurredAtUtc","ActorId","ActorName","DepartmentId","Action","EntityType","EntityKey","Changes","PreviousHash","Hash") FROM STDIN (FORMAT BINARY)
                """))
            {
                foreach (var r in records)
                    await import.WriteRowAsync(default, r.Sequence, r.OccurredAtUtc, r.ActorId, r.ActorName, r.DepartmentId, r.Action, r.EntityType, r.EntityKey, r.Changes, r.PreviousHash, r.Hash);
                await import.CompleteAsync();
            }
            await using var analyze = new NpgsqlCommand("VACUUM ANALYZE audit_entries", connection);
            await analyze.ExecuteNonQueryAsync();
        }
        await new AuditReader(db).VerifyAsync(default); // warm-up: shared buffers and connection
        var verify = await MeasureAsync(async () =>
        {
            var result = await new AuditReader(db).VerifyAsync(default);
            if (!result.IsIntact || result.EntriesChecked != records.Length) throw new InvalidOperationException("stored chain broken: " + result.FirstBreak?.Message);
        });
        // What the server alone takes to send the same rows: the same COPY, its bytes read and dropped.
        var serverAlone = await MeasureAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var raw = await connection.BeginRawBinaryCopyAsync($"COPY ({AuditReader.SelectAll}) TO STDOUT (FORMAT BINARY)");
            var buffer = new byte[1 << 16];
            while (await raw.ReadAsync(buffer, 0, buffer.Length) > 0) { }
        });
        return (verify, serverAlone);
    }

    private static TimeSpan Measure(Action action)
    {
        action(); // warm-up
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            best = sw.Elapsed < best ? sw.Elapsed : best;
        }
        return best;
    }

    private static async Task<TimeSpan> MeasureAsync(Func<Task> action)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            await action();
            best = sw.Elapsed < best ? sw.Elapsed : best;
        }
        return best;
    }
}
