using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Audit;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Jianguan.Bench;

/// <summary>
/// Import of N entity rows from CSV into SQLite (and PostgreSQL when JIANGUAN_BENCH_POSTGRES names a server),
/// against the time to read and validate the same file without storing it (the baseline). Then search
/// latency through HTTP on the imported SQLite database.
/// </summary>
public static class RegistryBench
{
    private static readonly string[] Towns = ["330702001", "330702002", "330702003", "330702004", "330702005", "330702100", "330702101", "330702200"];
    private static readonly string[] Industries = ["6210", "5221", "1411", "5261", "8010", "4720", "2614", "5430"];
    private static readonly string[] Words = ["金辉", "婺江", "八咏", "双龙", "通济", "江南", "银湖", "尖峰", "东市", "燕尾洲"];

    public static async Task<int> RunAsync(int rows)
    {
        var folder = Directory.CreateTempSubdirectory("jianguan-registry-bench-").FullName;
        try
        {
            var csv = Path.Combine(folder, "entities.csv");
            WriteCsv(csv, rows);
            Console.WriteLine($"{rows:N0} rows, {new FileInfo(csv).Length / 1024 / 1024} MB of CSV");

            var codes = new RegistryCodes(Towns.Append("330702").ToHashSet(),
                Industry.Reference.Where(i => i.Code.Length == 2).ToDictionary(i => i.Code, i => i.Section)
                    .Concat(Industry.Reference.Where(i => i.Code.Length == 1).ToDictionary(i => i.Code, i => i.Code)).ToDictionary());
            var parse = Stopwatch.StartNew();
            var valid = EntityImporter.ReadRows(csv).Count(r => EntityEditor.Validate(r.Input, codes).Value is not null);
            parse.Stop();
            if (valid != rows) throw new InvalidOperationException($"{rows - valid} generated rows invalid");

            var sqlitePath = Path.Combine(folder, "jianguan.db");
            // JIANGUAN_BENCH_SQLITE=0 measures PostgreSQL alone.
            TimeSpan? sqlite = Environment.GetEnvironmentVariable("JIANGUAN_BENCH_SQLITE") == "0" ? null
                : await ImportAsync(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={sqlitePath}").Options, csv);
            TimeSpan? postgres = null;
            if (Environment.GetEnvironmentVariable("JIANGUAN_BENCH_POSTGRES") is { Length: > 0 } pg)
                postgres = await ImportAsync(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(pg).Options, csv);

            Console.WriteLine();
            Console.WriteLine("| what | rows | time | rows/s | baseline: read and validate only, rows/s | ratio to baseline |");
            Console.WriteLine("|---|---|---|---|---|---|");
            Console.WriteLine($"| read and validate the CSV, store nothing | {rows:N0} | {parse.Elapsed.TotalSeconds:F1} s | {rows / parse.Elapsed.TotalSeconds:N0} | — | 1.00 |");
            if (sqlite is { } s)
                Console.WriteLine($"| import into SQLite (EntityImporter, audited) | {rows:N0} | {s.TotalSeconds:F1} s | {rows / s.TotalSeconds:N0} | {rows / parse.Elapsed.TotalSeconds:N0} | {s / parse.Elapsed:F1} |");
            if (postgres is { } p)
                Console.WriteLine($"| import into PostgreSQL (EntityImporter, audited) | {rows:N0} | {p.TotalSeconds:F1} s | {rows / p.TotalSeconds:N0} | {rows / parse.Elapsed.TotalSeconds:N0} | {p / parse.Elapsed:F1} |");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
        }
    }

    private static async Task<TimeSpan> ImportAsync<TContext>(DbContextOptions<TContext> options, string csv) where TContext : AppDbContext
    {
        var trail = new AuditTrail(new HttpContextAccessor(), TimeProvider.System);
        trail.ActAs(AuditActor.System);
        await using var db = (TContext)Activator.CreateInstance(typeof(TContext), options)!;
        db.AuditTrail = trail;
        await db.Database.EnsureDeletedAsync();
        await db.Database.MigrateAsync();
        // The divisions the generated rows use.
        db.AddRange(Towns.Select(t => new Jianguan.Web.Modules.Organization.Division { Code = t, Name = t, Level = Jianguan.Web.Modules.Organization.DivisionLevel.Street, ParentCode = "330702" }));
        await db.SaveChangesAsync();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var importer = new EntityImporter(db, new RegistryReference(db, cache));
        var sw = Stopwatch.StartNew();
        var report = await importer.ImportAsync(csv, ImportMode.RejectAll, default);
        sw.Stop();
        if (!report.Stored) throw new InvalidOperationException($"import refused: {report.Issues.FirstOrDefault()}");
        return sw.Elapsed;
    }

    private static void WriteCsv(string path, int rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine("统一社会信用代码,名称,行政区划代码,行业代码,法定代表人,住所,成立日期,登记状态,标签");
        for (var i = 0; i < rows; i++)
        {
            var word = Words[i % Words.Length] + Words[i / Words.Length % Words.Length];
            writer.WriteLine($"{CreditCode.Synthetic(i)},金华市{word}测试{i}有限公司,{Towns[i % Towns.Length]},{Industries[i % Industries.Length]},王{i % 100},婺城区{word}路{i % 500}号,2015-06-01,存续,{(i % 5 == 0 ? "重点监管" : "")}");
        }
    }

    public static string CodeFor(int n) => CreditCode.Synthetic(n);
}
