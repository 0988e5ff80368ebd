using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Jianguan.Web.Platform.Audit;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Bench;

/// <summary>
/// Search latency through HTTP at N entities on SQLite. The scale data is written straight into the
/// database (it is test data, not a change anyone made), then the built application is started on it.
/// Baseline: the latency of GET /health through the same client and server.
/// </summary>
public static class RegistrySearchBench
{
    /// <summary>Requests per query kind: enough for a 95th percentile, few enough for slow queries to finish.</summary>
    private const int Requests = 40;

    public static async Task<int> RunAsync(int rows)
    {
        var folder = Directory.CreateTempSubdirectory("jianguan-search-bench-").FullName;
        var database = Path.Combine(folder, "jianguan.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={database}").Options;
            await using (var db = new SqliteAppDbContext(options, new AuditTrail(new HttpContextAccessor(), TimeProvider.System)))
                await db.Database.MigrateAsync();
            var generate = Stopwatch.StartNew();
            Generate(database, rows);
            Console.WriteLine($"{rows:N0} entities written in {generate.Elapsed.TotalSeconds:F0} s");

            await using var app = await BenchApp.StartAsync(database);
            using var http = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(2) };
            var token = await (await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = "officer", password = "Jianguan#2026" }))
                .Content.ReadFromJsonAsync<TokenBody>();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);

            var baseline = await Latencies(http, _ => "/health", 200);
            var queries = new (string What, Func<int, string> Url)[]
            {
                ("name fragment", i => $"/api/v1/entities?q={Uri.EscapeDataString($"测试{i * 7919 % rows}有限")}"),
                ("credit-code prefix", i => $"/api/v1/entities?q=91330702MA{i % 9}"),
                ("industry section + division + status", i => $"/api/v1/entities?industry=H&division=33070200{1 + i % 5}&status=Active&page={1 + i % 20}"),
                ("tag", i => $"/api/v1/entities?tag=重点监管&page={1 + i % 20}"),
            };
            Console.WriteLine();
            Console.WriteLine($"| query at {rows:N0} entities (SQLite, through HTTP) | requests | median | 95th percentile | baseline GET /health median, p95 | ratio of p95 |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var (what, url) in queries)
            {
                var l = await Latencies(http, url, Requests);
                Console.WriteLine($"| {what} | {Requests} | {l.Median:F1} ms | {l.P95:F1} ms | {baseline.Median:F1} ms, {baseline.P95:F1} ms | {l.P95 / baseline.P95:F0} |");
            }
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
        }
    }

    private sealed record TokenBody(string AccessToken);

    private static async Task<(double Median, double P95)> Latencies(HttpClient http, Func<int, string> url, int count)
    {
        (await http.GetAsync(url(0))).EnsureSuccessStatusCode(); // warm-up
        var times = new List<double>();
        for (var i = 1; i <= count; i++)
        {
            var sw = Stopwatch.StartNew();
            var response = await http.GetAsync(url(i));
            await response.Content.ReadAsByteArrayAsync();
            times.Add(sw.Elapsed.TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }
        times.Sort();
        return (times[count / 2], times[(int)(count * 0.95) - 1]);
    }

    private static void Generate(string database, int rows)
    {
        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO supervised_entities ("Id","CreditCode","Name","Type","DivisionCode","IndustryCode","IndustrySection","Status","Address","LegalRepresentativeName")
            VALUES ($id,$code,$name,1,$division,$industry,$section,$status,$address,$person)
            """;
        using var tag = connection.CreateCommand();
        tag.CommandText = "INSERT INTO entity_tags (\"EntityId\",\"Tag\") VALUES ($id,'重点监管')";
        var p = new[] { "$id", "$code", "$name", "$division", "$industry", "$section", "$status", "$address", "$person" }
            .ToDictionary(n => n, n => insert.Parameters.Add(new SqliteParameter { ParameterName = n }));
        var tagId = tag.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
        string[] towns = ["330702001", "330702002", "330702003", "330702004", "330702005", "330702100", "330702101", "330702200"];
        (string Code, string Section)[] industries = [("6210", "H"), ("5221", "F"), ("1411", "C"), ("5261", "F"), ("8010", "O"), ("4720", "E"), ("6110", "H"), ("5430", "G")];
        for (var i = 0; i < rows; i++)
        {
            p["$id"].Value = i + 1;
            p["$code"].Value = RegistryBench.CodeFor(i);
            p["$name"].Value = $"金华市测试{i}有限公司";
            p["$division"].Value = towns[i % towns.Length];
            p["$industry"].Value = industries[i % industries.Length].Code;
            p["$section"].Value = industries[i % industries.Length].Section;
            p["$status"].Value = i % 20 == 0 ? 2 : 1;
            p["$address"].Value = $"婺城区测试路{i % 500}号";
            p["$person"].Value = $"王{i % 100}";
            insert.ExecuteNonQuery();
            if (i % 5 == 0)
            {
                tagId.Value = i + 1;
                tag.ExecuteNonQuery();
            }
        }
        transaction.Commit();
    }
}
