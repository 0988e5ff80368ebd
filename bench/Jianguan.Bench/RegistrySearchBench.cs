using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Jianguan.Web.Platform.Audit;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Jianguan.Bench;

/// <summary>
/// Search latency through HTTP at N entities on SQLite, and on PostgreSQL when JIANGUAN_BENCH_POSTGRES holds a
/// connection string. The scale data is written straight into the database (it is test data, not a change anyone
/// made; the database's own name index follows the rows by itself), then the built application is started on it.
/// Names are made like real ones (place, two-character brand, trade, form) so fragments match as many rows as they
/// would in a district registry. Baseline: the latency of GET /health through the same client and server.
/// </summary>
public static class RegistrySearchBench
{
    /// <summary>
    /// JIANGUAN_BENCH_KEEP: a folder where the SQLite database stays (and the PostgreSQL database is not dropped),
    /// so that a second run measures the same data without writing it again, for tuning.
    /// </summary>
    private static readonly string? Keep = Environment.GetEnvironmentVariable("JIANGUAN_BENCH_KEEP") is { Length: > 0 } k ? k : null;

    /// <summary>Requests per query kind: enough for a 95th percentile.</summary>
    private const int Requests = 100;

    private static readonly string[] Brands = [.. "鑫泰华金隆盛兴达源宏昌福祥瑞恒丰利和顺发通安康嘉信德佳新宇天海明辉晟鸿浩博诚永凯益万荣美正东方中联合众豪旺仁义群星亚光远航创意汇聚品尚优乐居家园绿洲春秋雅韵清风秀丽江南双龙八咏婺州燕尾银湖尖峰通济古子城".Select(c => c.ToString())];
    private static readonly string[] Trades = ["餐饮", "食品", "五金", "建材", "汽车维修", "服装", "电子科技", "网络科技", "贸易", "物流", "家具", "装饰工程", "美容美发", "水果", "超市", "药房", "农业开发", "机械制造", "文化传媒", "教育咨询", "酒店管理", "房产经纪", "化工", "纺织", "印刷", "包装", "五金机电", "茶叶", "小吃", "烧烤"];
    private static readonly string[] Forms = ["有限公司", "有限公司", "有限公司", "有限公司", "有限公司", "店", "店", "经营部", "商行", "工作室"];
    private static readonly string[] Places = ["金华市", "金华市", "金华市", "金华市", "金华市", "金华市", "金华市婺城区", "金华市婺城区", "婺城区", "浙江"];
    private static readonly string[] Towns = ["330702001", "330702002", "330702003", "330702004", "330702005", "330702100", "330702101", "330702200"];
    private static readonly (string Code, string Section)[] Industries = [("6210", "H"), ("5221", "F"), ("1411", "C"), ("5261", "F"), ("8010", "O"), ("4720", "E"), ("6110", "H"), ("5430", "G")];

    private static uint Hash(int i, int k)
    {
        var x = (uint)i * 2654435761u + (uint)k * 40503u;
        x ^= x >> 15; x *= 2246822519u; x ^= x >> 13;
        return x;
    }

    /// <summary>A deterministic name: brands' first characters skewed as real ones are (鑫, 华 … far more often than 韵).</summary>
    public static string NameFor(int i)
    {
        var u = Hash(i, 1) / (double)uint.MaxValue;
        return Places[Hash(i, 5) % Places.Length] + Brands[(int)(Brands.Length * u * u)] + Brands[Hash(i, 2) % Brands.Length]
            + Trades[Hash(i, 3) % Trades.Length] + Forms[Hash(i, 4) % Forms.Length];
    }

    public static async Task<int> RunAsync(int rows)
    {
        // JIANGUAN_BENCH_SQLITE=0 measures PostgreSQL alone (SQLite takes minutes to write the data).
        var sqlite = Environment.GetEnvironmentVariable("JIANGUAN_BENCH_SQLITE") == "0" ? [] : await RunSqliteAsync(rows);
        var postgres = Environment.GetEnvironmentVariable("JIANGUAN_BENCH_POSTGRES") is { Length: > 0 } pg ? await RunPostgresAsync(rows, pg) : [];
        Console.WriteLine();
        Console.WriteLine($"| database | query at {rows:N0} entities (through HTTP) | requests | median | 95th percentile | baseline GET /health median, p95 | ratio of p95 |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var line in sqlite.Concat(postgres)) Console.WriteLine(line);
        return 0;
    }

    private static async Task<List<string>> RunSqliteAsync(int rows)
    {
        var folder = Keep ?? Directory.CreateTempSubdirectory("jianguan-search-bench-").FullName;
        var database = Path.Combine(folder, "jianguan.db");
        var existing = Keep is not null && File.Exists(database);
        try
        {
            var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={database}").Options;
            await using (var db = new SqliteAppDbContext(options) { AuditTrail = new AuditTrail(new HttpContextAccessor(), TimeProvider.System) })
                await db.Database.MigrateAsync();
            if (!existing)
            {
                var generate = Stopwatch.StartNew();
                GenerateSqlite(database, rows);
                Console.WriteLine($"SQLite: {rows:N0} entities written in {generate.Elapsed.TotalSeconds:F0} s (the name index by its triggers)");
            }
            await using var app = await BenchApp.StartAsync($"Data Source={database}");
            return await MeasureAsync(app, rows, "SQLite");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Keep is null) Directory.Delete(folder, true);
        }
    }

    private static async Task<List<string>> RunPostgresAsync(int rows, string server)
    {
        var name = Environment.GetEnvironmentVariable("JIANGUAN_BENCH_POSTGRES_DATABASE") is { Length: > 0 } n ? n : "jg_search_bench";
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var options = new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options;
        bool existing;
        await using (var db = new PostgresAppDbContext(options) { AuditTrail = new AuditTrail(new HttpContextAccessor(), TimeProvider.System) })
        {
            existing = Keep is not null && await db.Database.CanConnectAsync();
            if (!existing) await db.Database.EnsureDeletedAsync();
            await db.Database.MigrateAsync();
        }
        try
        {
            if (!existing)
            {
                var generate = Stopwatch.StartNew();
                await GeneratePostgresAsync(connectionString, rows);
                Console.WriteLine($"PostgreSQL: {rows:N0} entities written with COPY and analysed in {generate.Elapsed.TotalSeconds:F0} s");
            }
            await using var app = await BenchApp.StartAsync(connectionString, postgres: true);
            return await MeasureAsync(app, rows, "PostgreSQL");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (Keep is null)
            {
                await using var db = new PostgresAppDbContext(options) { AuditTrail = new AuditTrail(new HttpContextAccessor(), TimeProvider.System) };
                await db.Database.EnsureDeletedAsync();
            }
        }
    }

    private static async Task<List<string>> MeasureAsync(BenchApp app, int rows, string database)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(2) };
        var token = await (await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = "officer", password = "Jianguan#2026" }))
            .Content.ReadFromJsonAsync<TokenBody>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);

        var baseline = await Latencies(http, _ => "/health", 200);
        // Common and rare fragments of one, two and more characters, as officers type them.
        string[] common2 = ["餐饮", "婺城", "有限", "五金", "科技", "金华"];
        string[] longer = ["汽车维修", "金华市鑫", "婺城区", "有限公司", "美容美发店", "五金机电"];
        string[] rare = [.. Enumerable.Range(0, 40).Select(i => Brands[(int)(Hash(i, 7) % Brands.Length)] + Brands[(int)(Hash(i, 8) % Brands.Length)] + (i % 2 == 0 ? Trades[i % Trades.Length] : ""))];
        string[] single = ["鑫", "韵", "泰", "店", "洲"];
        string Q(string q) => $"/api/v1/entities?q={Uri.EscapeDataString(q)}";
        var queries = new (string What, Func<int, string> Url)[]
        {
            ("name fragment, 2 characters, common", i => Q(common2[i % common2.Length])),
            ("name fragment, 3+ characters", i => Q(longer[i % longer.Length])),
            ("name fragment, rare (brand, brand + trade)", i => Q(rare[i % rare.Length])),
            ("name fragment, 1 character", i => Q(single[i % single.Length])),
            ("credit-code prefix", i => Q(RegistryBench.CodeFor(i * 7919 % rows)[..(11 + i % 6)])),
            ("industry section + division + status", i => $"/api/v1/entities?industry={"HFCO"[i % 4]}&division={Towns[i % Towns.Length]}&status=Active"),
            ("tag", i => $"/api/v1/entities?tag={Uri.EscapeDataString(i % 2 == 0 ? "重点监管" : "危险化学品")}"),
            ("name fragment + industry + status", i => Q(common2[i % common2.Length]) + $"&industry={"HFCO"[i % 4]}&status=Active"),
        };
        var lines = new List<string>();
        foreach (var (what, url) in queries)
        {
            var l = await Latencies(http, url, Requests);
            lines.Add($"| {database} | {what} | {Requests} | {l.Median:F1} ms | {l.P95:F1} ms | {baseline.Median:F1} ms, {baseline.P95:F1} ms | {l.P95 / baseline.P95:F1} |");
        }
        // The next pages, each through the previous page's cursor.
        var next = await Latencies(http, i => i % 2 == 0 ? "/api/v1/entities?industry=H&status=Active" : Q("餐饮"), Requests, follow: 5);
        lines.Add($"| {database} | pages 2–6 by cursor (industry + status; 餐饮) | {Requests} | {next.Median:F1} ms | {next.P95:F1} ms | {baseline.Median:F1} ms, {baseline.P95:F1} ms | {next.P95 / baseline.P95:F1} |");
        return lines;
    }

    private sealed record TokenBody(string AccessToken);

    /// <summary>Times <paramref name="count"/> requests; with <paramref name="follow"/>, each is a page after the cursor of the one before.</summary>
    private static async Task<(double Median, double P95)> Latencies(HttpClient http, Func<int, string> url, int count, int follow = 0)
    {
        (await http.GetAsync(url(0))).EnsureSuccessStatusCode(); // warm-up
        var times = new List<double>();
        string? after = null;
        for (var i = 1; times.Count < count; i++)
        {
            var request = after is null ? url(i) : url(i - 1) + $"&after={after}";
            var sw = Stopwatch.StartNew();
            var response = await http.GetAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = sw.Elapsed.TotalMilliseconds;
            response.EnsureSuccessStatusCode();
            if (follow > 0)
            {
                if (after is not null) times.Add(elapsed);
                var cursor = JsonDocument.Parse(body).RootElement.GetProperty("next").GetString();
                after = cursor is not null && (after is null || i % (follow + 1) != 0) ? cursor : null;
                if (after is not null) i--;
            }
            else times.Add(elapsed);
        }
        times.Sort();
        return (times[count / 2], times[(int)(count * 0.95) - 1]);
    }

    /// <summary>Rows per INSERT statement: FTS5 flushes its pending terms once a statement, so many rows a statement amortise it.</summary>
    private const int RowsPerInsert = 200;

    private static void GenerateSqlite(string database, int rows)
    {
        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        Jianguan.Web.Platform.Data.SqliteFunctions.Register(connection); // the name index's triggers call it
        using var transaction = connection.BeginTransaction();
        for (var first = 0; first < rows; first += RowsPerInsert)
        {
            var count = Math.Min(RowsPerInsert, rows - first);
            using var insert = connection.CreateCommand();
            var values = new List<string>(count);
            var tags = new List<string>();
            using var tag = connection.CreateCommand();
            for (var i = first; i < first + count; i++)
            {
                values.Add($"($id{i},$code{i},$name{i},1,$division{i},$industry{i},$section{i},$status{i},$address{i},$person{i})");
                insert.Parameters.AddWithValue($"$id{i}", i + 1);
                insert.Parameters.AddWithValue($"$code{i}", RegistryBench.CodeFor(i));
                insert.Parameters.AddWithValue($"$name{i}", NameFor(i));
                insert.Parameters.AddWithValue($"$division{i}", Towns[i % Towns.Length]);
                insert.Parameters.AddWithValue($"$industry{i}", Industries[i % Industries.Length].Code);
                insert.Parameters.AddWithValue($"$section{i}", Industries[i % Industries.Length].Section);
                insert.Parameters.AddWithValue($"$status{i}", i % 20 == 0 ? 2 : 1);
                insert.Parameters.AddWithValue($"$address{i}", $"婺城区测试路{i % 500}号");
                insert.Parameters.AddWithValue($"$person{i}", $"王{i % 100}");
                if (TagFor(i) is { } t)
                {
                    tags.Add($"($t{i},$tag{i})");
                    tag.Parameters.AddWithValue($"$t{i}", i + 1);
                    tag.Parameters.AddWithValue($"$tag{i}", t);
                }
            }
            insert.CommandText = $"""
                INSERT INTO supervised_entities ("Id","CreditCode","Name","Type","DivisionCode","IndustryCode","IndustrySection","Status","Address","LegalRepresentativeName")
                VALUES {string.Join(',', values)}
                """;
            insert.ExecuteNonQuery();
            if (tags.Count == 0) continue;
            tag.CommandText = $"INSERT INTO entity_tags (\"EntityId\",\"Tag\") VALUES {string.Join(',', tags)}";
            tag.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>Every fifth entity is 重点监管, one in two hundred 危险化学品.</summary>
    private static string? TagFor(int i) => i % 5 == 0 ? "重点监管" : i % 200 == 3 ? "危险化学品" : null;

    private static async Task GeneratePostgresAsync(string connectionString, int rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY supervised_entities (\"Id\",\"CreditCode\",\"Name\",\"Type\",\"DivisionCode\",\"IndustryCode\",\"IndustrySection\",\"Status\",\"Address\",\"LegalRepresentativeName\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < rows; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync((long)i + 1, NpgsqlDbType.Bigint);
                await copy.WriteAsync(RegistryBench.CodeFor(i), NpgsqlDbType.Char);
                await copy.WriteAsync(NameFor(i), NpgsqlDbType.Varchar);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(Towns[i % Towns.Length], NpgsqlDbType.Varchar);
                await copy.WriteAsync(Industries[i % Industries.Length].Code, NpgsqlDbType.Varchar);
                await copy.WriteAsync(Industries[i % Industries.Length].Section, NpgsqlDbType.Varchar);
                await copy.WriteAsync(i % 20 == 0 ? 2 : 1, NpgsqlDbType.Integer);
                await copy.WriteAsync($"婺城区测试路{i % 500}号", NpgsqlDbType.Varchar);
                await copy.WriteAsync($"王{i % 100}", NpgsqlDbType.Varchar);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync("COPY entity_tags (\"EntityId\",\"Tag\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < rows; i++)
            {
                if (TagFor(i) is not { } t) continue;
                await copy.StartRowAsync();
                await copy.WriteAsync((long)i + 1, NpgsqlDbType.Bigint);
                await copy.WriteAsync(t, NpgsqlDbType.Varchar);
            }
            await copy.CompleteAsync();
        }
        await using var fix = new NpgsqlCommand("""
            SELECT setval(pg_get_serial_sequence('supervised_entities', 'Id'), (SELECT max("Id") FROM supervised_entities));
            ANALYZE supervised_entities; ANALYZE entity_tags;
            """, connection);
        await fix.ExecuteNonQueryAsync();
    }
}
