using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Audit;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Rules;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Jianguan.Bench;

/// <summary>
/// The public credit look-up (GET /api/v1/public/credit/{creditCode}) under load from wrk on the same machine, at N
/// entities on PostgreSQL (JIANGUAN_BENCH_POSTGRES), against a bare minimal-API endpoint returning a fixed small JSON
/// (bench/Jianguan.Bench.Bare) measured in the same run with the same wrk script, threads, connections and duration.
/// Each request asks for a random code: 95 % of the entities' codes, 5 % unknown codes (404). The data: every entity
/// with 4–16 credit records over the years since the credit rules began (some past their publicity, some ended early
/// by repair), one in 25 listed on 经营异常名录 (a third of those removed again), one in 400 on 严重违法失信名单, one in
/// ten with a credit commitment. Each entity's first look-up builds its snapshot (PublicCreditSnapshot): while most are
/// missing, one run measures those first look-ups; then every entity is looked up once, which keeps its answer in the
/// application's memory too (PublicCreditCache; Credit__PublicCacheMegabytes 4096, or JIANGUAN_BENCH_CACHE_MB), and the
/// rounds measure look-ups as a day of them would leave the application. JIANGUAN_BENCH_KEEP=1 keeps the database (JIANGUAN_BENCH_POSTGRES_DATABASE names it;
/// jg_lookup_N by default) and its snapshots for the next run; a database the bench did not write is never dropped or
/// changed. The application runs in Production with the runtime's defaults, and Credit__PublicRequestsPerMinute raised
/// for the run (the default limit would answer all but 120 requests a minute with 429).
/// </summary>
public static class PublicLookupBench
{
    private static readonly bool Keep = Environment.GetEnvironmentVariable("JIANGUAN_BENCH_KEEP") is { Length: > 0 };
    private const string LookupPath = "/api/v1/public/credit/";
    /// <summary>
    /// The department whose presence says the bench wrote the database (and may drop it); its sort order is the number
    /// of entities once the data is complete, 0 before.
    /// </summary>
    private const string MarkerCode = "BENCH-LOOKUP";

    /// <summary>
    /// Two wrk threads for two cores (wrk shares them with the server and PostgreSQL); 32 connections keep the server
    /// busy without queueing far past what two cores serve; 20 s after a 30 s warm-up (JIT tiers, pools, caches: on
    /// a busy machine the runtime's second-tier compiling of the application went on for over a minute).
    /// </summary>
    private static readonly int Threads = Setting("JIANGUAN_BENCH_WRK_THREADS", 2);
    private static readonly int Connections = Setting("JIANGUAN_BENCH_WRK_CONNECTIONS", 32);
    private static readonly int Seconds = Setting("JIANGUAN_BENCH_WRK_SECONDS", 20);
    private static readonly int WarmUpSeconds = Setting("JIANGUAN_BENCH_WRK_WARMUP", 30);
    private static readonly int Rounds = Setting("JIANGUAN_BENCH_ROUNDS", 2);
    private const double UnknownShare = 0.05;

    private static int Setting(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public static async Task<int> RunAsync(int entities)
    {
        if (FindWrk() is not { } wrk)
        {
            Console.Error.WriteLine("public-lookup needs wrk, an HTTP load generator, on the PATH (Debian: apt-get install -y wrk), or JIANGUAN_BENCH_WRK=<path to wrk>.");
            return 3;
        }
        if (Environment.GetEnvironmentVariable("JIANGUAN_BENCH_POSTGRES") is not { Length: > 0 } server)
        {
            Console.Error.WriteLine("public-lookup measures PostgreSQL: set JIANGUAN_BENCH_POSTGRES to a server's connection string (Host=…;Port=…;Username=…;Password=…).");
            return 2;
        }
        var name = Environment.GetEnvironmentVariable("JIANGUAN_BENCH_POSTGRES_DATABASE") is { Length: > 0 } n ? n : $"jg_lookup_{entities}";
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var options = new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options;
        var ours = await IsOursAsync(connectionString);
        if (ours is false)
        {
            Console.Error.WriteLine($"Database {name} exists and was not written by this benchmark: name another with JIANGUAN_BENCH_POSTGRES_DATABASE.");
            return 2;
        }
        var folder = Directory.CreateTempSubdirectory("jianguan-lookup-bench-").FullName;
        try
        {
            await using (var db = new PostgresAppDbContext(options) { AuditTrail = new AuditTrail(new HttpContextAccessor(), TimeProvider.System) })
            {
                var reuse = Keep && ours is true && await CompleteAsync(connectionString) == entities;
                if (!reuse)
                {
                    await db.Database.EnsureDeletedAsync();
                    await db.Database.MigrateAsync();
                    var generate = Stopwatch.StartNew();
                    await GenerateAsync(connectionString, entities);
                    Console.WriteLine($"PostgreSQL: {entities:N0} entities with their credit data written with COPY and analysed in {generate.Elapsed.TotalSeconds:F0} s");
                }
                else await db.Database.MigrateAsync();
                Console.WriteLine($"PostgreSQL {name}: {await db.Set<SupervisedEntity>().CountAsync():N0} entities, {await db.Set<CreditRecord>().LongCountAsync():N0} credit records, "
                                  + $"{await db.Set<CreditListing>().CountAsync():N0} listings, {await db.Set<CreditCommitment>().CountAsync():N0} commitments");
            }
            var script = WriteScript(folder, entities);
            var rows = await MeasureAsync(wrk, script, connectionString, entities);
            Console.WriteLine();
            Console.WriteLine($"| run | endpoint ({entities:N0} entities, PostgreSQL; wrk -t{Threads} -c{Connections} -d{Seconds}s) | requests/s | p50 | p99 | answers | processor time a request: server (+ PostgreSQL) | bare endpoint: requests/s, p50, p99; processor time | ratio of rates |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var row in rows) Console.WriteLine(row);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, true);
            NpgsqlConnection.ClearAllPools();
            if (!Keep && await IsOursAsync(connectionString) is true)
            {
                await using var db = new PostgresAppDbContext(options) { AuditTrail = new AuditTrail(new HttpContextAccessor(), TimeProvider.System) };
                await db.Database.EnsureDeletedAsync();
            }
        }
    }

    /// <summary>Alternates bare and look-up runs, so each pair shares the machine's state; a warm-up run before the first of each.</summary>
    private static async Task<List<string>> MeasureAsync(string wrk, string script, string connectionString, int entities)
    {
        // Production, with the runtime's defaults (not the README's start-up settings: dynamic PGO stays on), for both.
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_TieredPGO"] = null,
            ["Auth__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            // The public limit (120 a minute per address by default) would turn all but the first requests into 429.
            ["Credit__PublicRequestsPerMinute"] = "100000000",
            // Memory for every entity's answer (1.7 KB each with its bookkeeping at a million): a deployment sizes it to
            // the answers its public asks for; uniformly random codes ask for all of them.
            ["Credit__PublicCacheMegabytes"] = Setting("JIANGUAN_BENCH_CACHE_MB", 4096).ToString(CultureInfo.InvariantCulture),
        };
        await using var bare = await BenchApp.StartBareAsync(LookupPath + "X", environment);
        await using var app = await BenchApp.StartAsync(connectionString, postgres: true, environment);
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var rows = new List<string>();
        await Wrk(wrk, script, bare.Url, WarmUpSeconds);
        // Each entity's first look-up builds its snapshot (three statements and a write); later ones read it. Measured
        // once with the snapshots missing (the warm-up built some), then all are built, as a day of look-ups builds them.
        if (await SnapshotsAsync(connectionString) < entities * 0.9)
        {
            await Wrk(wrk, script, app.Url, WarmUpSeconds);
            var cold = await Measured(app, database);
            Console.WriteLine($"snapshots missing: look-up {cold}");
            rows.Add($"| snapshots missing (first look-ups) | GET {LookupPath}{{creditCode}} | {cold.Rate:N0} | {cold.P50:F2} ms | {cold.P99:F2} ms | {cold.Answers} | {cold.Cpu} | | |");
        }
        // Every entity looked up once: its snapshot built if missing, its answer kept in the application's memory, as a
        // day of look-ups would leave them.
        await FillAsync(app, entities);
        await CheckAnswersAsync(app, entities);
        await Wrk(wrk, script, app.Url, WarmUpSeconds);
        for (var round = 1; round <= Rounds; round++)
        {
            var b = await Measured(bare, null);
            var l = await Measured(app, database);
            Console.WriteLine($"round {round}: bare {b}; look-up {l}");
            if (l.Other > 0 || l.SocketErrors > 0 || b.Other > 0 || b.SocketErrors > 0)
                Console.WriteLine($"round {round}: answers other than 200 and 404, or socket errors: look-up {l.Other} and {l.SocketErrors}, bare {b.Other} and {b.SocketErrors}");
            rows.Add($"| {round} | GET {LookupPath}{{creditCode}} | {l.Rate:N0} | {l.P50:F2} ms | {l.P99:F2} ms | {l.Answers} | {l.Cpu} | {b.Rate:N0}, {b.P50:F2} ms, {b.P99:F2} ms; {b.Cpu} | {l.Rate / b.Rate:P0} |");
        }
        return rows;

        // wrk's rates move with whatever else the machine runs; the processor time a request costs the server (and the
        // database's backends serving it) moves far less, so it is printed beside them.
        async Task<WrkResult> Measured(BenchApp server, string? database)
        {
            var (app0, pg0) = (server.ProcessorTime(), database is null ? TimeSpan.Zero : await BackendTimeAsync(connectionString, database));
            var result = await Wrk(wrk, script, server.Url, Seconds);
            var (app1, pg1) = (server.ProcessorTime(), database is null ? TimeSpan.Zero : await BackendTimeAsync(connectionString, database));
            var requests = result.Ok + result.NotFound + result.Other;
            return result with { AppMicroseconds = (app1 - app0).TotalMicroseconds / requests, DatabaseMicroseconds = (pg1 - pg0).TotalMicroseconds / requests };
        }
    }

    private static async Task<long> SnapshotsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM public_credit_snapshots WHERE "Json" IS NOT NULL""", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Looks up every entity once, 32 at a time, so that each has its snapshot and its answer is kept in memory.</summary>
    private static async Task FillAsync(BenchApp app, int entities)
    {
        var sw = Stopwatch.StartNew();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(1) };
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < entities; i = Interlocked.Increment(ref next))
            {
                using var response = await http.GetAsync(LookupPath + CodeFor(i));
                response.EnsureSuccessStatusCode();
                if (i % 100_000 == 0) Console.WriteLine($"  snapshots: {i:N0} looked up in {sw.Elapsed.TotalSeconds:F0} s");
            }
        }));
        Console.WriteLine($"every entity looked up once (its snapshot built, its answer kept) in {sw.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>The processor time of the PostgreSQL backends connected to <paramref name="database"/> (on this machine, from /proc).</summary>
    private static async Task<TimeSpan> BackendTimeAsync(string connectionString, string database)
    {
        var pids = new List<int>();
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = @database AND backend_type = 'client backend'", connection);
            command.Parameters.AddWithValue("database", database);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) pids.Add(reader.GetInt32(0));
        }
        long ticks = 0;
        foreach (var pid in pids)
        {
            try
            {
                // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): user and system time in clock ticks.
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException) { } // a backend that ended
        }
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    private sealed record WrkResult(double Rate, double P50, double P99, long Ok, long NotFound, long Other, long SocketErrors)
    {
        public double AppMicroseconds { get; init; }
        public double DatabaseMicroseconds { get; init; }
        public string Answers => $"{Ok:N0} × 200, {NotFound:N0} × 404" + (Other > 0 ? $", {Other:N0} other" : "") + (SocketErrors > 0 ? $", {SocketErrors:N0} socket errors" : "");
        public string Cpu => $"{AppMicroseconds:F0} µs" + (DatabaseMicroseconds > 0 ? $" + {DatabaseMicroseconds:F0} µs" : "");
        public override string ToString() => $"{Rate:N0} requests/s, p50 {P50:F2} ms, p99 {P99:F2} ms, {Answers}; processor time a request: {Cpu}";
    }

    private static string? FindWrk()
    {
        if (Environment.GetEnvironmentVariable("JIANGUAN_BENCH_WRK") is { Length: > 0 } given) return File.Exists(given) ? given : null;
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "wrk")).FirstOrDefault(File.Exists);
    }

    private static async Task<WrkResult> Wrk(string wrk, string script, string url, int seconds)
    {
        var start = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { $"-t{Threads}", $"-c{Connections}", $"-d{seconds}s", "--latency", "-s", script, url }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {error}{output}");
        double Latency(string percent)
        {
            var m = Regex.Match(output, $@"^\s*{percent}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            if (!m.Success) throw new InvalidOperationException($"no {percent}% latency in wrk's output:\n{output}");
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "us" => value / 1000, "ms" => value, _ => value * 1000 };
        }
        long Count(string pattern) => Regex.Match(output, pattern, RegexOptions.Multiline) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = Regex.Match(output, @"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)");
        var socketErrors = socket.Success ? Enumerable.Range(1, 4).Sum(g => long.Parse(socket.Groups[g].Value, CultureInfo.InvariantCulture)) : 0;
        var rate = double.Parse(Regex.Match(output, @"Requests/sec:\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = Count(@"^\s*(\d+) requests in");
        var notOk = Count(@"^\s*Non-2xx or 3xx responses: (\d+)");
        // Not 2xx beyond half again the share of unknown codes: more than the 404s of those codes.
        var other = notOk > requests * UnknownShare * 1.5 ? notOk : 0;
        return new WrkResult(rate, Latency("50"), Latency("99"), requests - notOk, other > 0 ? 0 : notOk, other, socketErrors);
    }

    /// <summary>
    /// The wrk script: a random code a request, from the entities' codes or (one in twenty) codes no entity has. The
    /// codes are read as one string of fixed-width lines and cut out by position: a Lua table of a million strings made
    /// wrk itself stall (its collector walking the table), which put 200–400 ms into the 99th percentile of every
    /// endpoint, the bare one included. No response callback either (wrk would build a Lua table of every answer's
    /// headers): answers are counted by wrk's own tally of those not 2xx, which <see cref="CheckAnswersAsync"/> shows
    /// are the 404s of the unknown codes.
    /// </summary>
    private static string WriteScript(string folder, int entities)
    {
        var known = Path.Combine(folder, "known.txt");
        var unknown = Path.Combine(folder, "unknown.txt");
        File.WriteAllLines(known, Enumerable.Range(0, entities).Select(CodeFor));
        File.WriteAllLines(unknown, Enumerable.Range(entities, 10_000).Select(CodeFor));
        var script = Path.Combine(folder, "lookup.lua");
        File.WriteAllText(script, $$"""
            local function load(path)
              local file = assert(io.open(path, "rb"))
              local all = file:read("*a")
              file:close()
              return all, math.floor(#all / 19)
            end
            local known, knownCount = load("{{known}}")
            local unknown, unknownCount = load("{{unknown}}")
            local threads = 0
            function setup(thread)
              threads = threads + 1
              thread:set("id", threads)
            end
            function init(args)
              math.randomseed(id * 7919 + os.time())
            end
            local function pick(codes, count)
              local at = (math.random(count) - 1) * 19
              return string.sub(codes, at + 1, at + 18)
            end
            function request()
              local code
              if math.random() < {{UnknownShare.ToString(CultureInfo.InvariantCulture)}} then code = pick(unknown, unknownCount) else code = pick(known, knownCount) end
              return wrk.format("GET", "{{LookupPath}}" .. code)
            end
            """);
        return script;
    }

    /// <summary>Before measuring: 2,000 look-ups of the script's mix, whose answers must all be 200 or 404.</summary>
    private static async Task CheckAnswersAsync(BenchApp app, int entities)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.Url) };
        var random = new Random(7);
        var counts = new Dictionary<int, int>();
        for (var i = 0; i < 2_000; i++)
        {
            var code = random.NextDouble() < UnknownShare ? CodeFor(entities + random.Next(10_000)) : CodeFor(random.Next(entities));
            using var response = await http.GetAsync(LookupPath + code);
            counts[(int)response.StatusCode] = counts.GetValueOrDefault((int)response.StatusCode) + 1;
        }
        Console.WriteLine("answers of 2,000 look-ups: " + string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value:N0} × {c.Key}")));
        if (counts.Keys.Any(status => status is not (200 or 404))) throw new InvalidOperationException("the look-up answered other than 200 and 404");
    }

    // ---- The data ----

    private static readonly (string Code, string Name, string ShortName)[] Departments =
    [
        ("SCJG", "金华市婺城区市场监督管理局", "市场监管局"), ("ZHZF", "金华市婺城区综合行政执法局", "综合行政执法局"),
        ("WJ", "金华市婺城区卫生健康局", "卫生健康局"), ("YJ", "金华市婺城区应急管理局", "应急管理局"),
        ("STHJ", "金华市生态环境局婺城分局", "生态环境分局"), ("SW", "国家税务总局金华市婺城区税务局", "税务局"),
    ];
    private static readonly string[] Surnames = [.. "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程苏魏吕丁任沈姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严覃武戴莫孔向汤".Select(c => c.ToString())];
    private static readonly string[] Given = [.. "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰凤梅林辉斌鹏飞宇浩晨欣怡佳琪子涵雨轩博文俊杰思远婷雪晓".Select(c => c.ToString())];
    private static readonly string[] Streets = ["八一北街", "人民西路", "婺州街", "宾虹路", "双龙南街", "李渔路", "环城南路", "新华街", "将军路", "丹溪路", "西关街", "城北路"];
    private static readonly string[] Towns = ["330702001", "330702002", "330702003", "330702004", "330702005", "330702100", "330702101", "330702200"];
    private static readonly (string Code, string Section)[] Industries = [("6210", "H"), ("5221", "F"), ("1411", "C"), ("5261", "F"), ("8010", "O"), ("4720", "E"), ("6110", "H"), ("5430", "G")];

    private static uint Hash(int i, int k)
    {
        var x = (uint)i * 2654435761u + (uint)k * 40503u + 0x9E3779B9u;
        x ^= x >> 15; x *= 2246822519u; x ^= x >> 13; x *= 3266489917u; x ^= x >> 16;
        return x;
    }

    /// <summary>Every fourth entity a sole trader (code 92…), the rest enterprises (91…).</summary>
    private static EntityType TypeOf(int i) => i % 4 == 1 ? EntityType.SoleTrader : EntityType.Enterprise;

    public static string CodeFor(int i) => CreditCode.Synthetic(i, TypeOf(i) == EntityType.SoleTrader ? "92" : "91");

    /// <summary>Records an entity has, 4 to 16 (10 on average), beside its listings' and commitments'.</summary>
    private static int RecordCount(int i) => 4 + (int)(Hash(i, 11) % 13);

    /// <summary>Kinds in the proportions of a district's record (out of 100), with severities.</summary>
    private static readonly (int Weight, CreditRecordKind Kind, CreditSeverity Severity, string Title)[] Mix =
    [
        (30, CreditRecordKind.InspectionCompliant, CreditSeverity.None, "双随机抽查：未发现问题"),
        (6, CreditRecordKind.InspectionNonCompliant, CreditSeverity.Minor, "双随机抽查：发现问题，已责令改正"),
        (4, CreditRecordKind.InspectionNonCompliant, CreditSeverity.General, "专项检查：发现问题，立案调查"),
        (25, CreditRecordKind.AnnualReportOnTime, CreditSeverity.None, "年度报告按时报送"),
        (5, CreditRecordKind.AnnualReportLate, CreditSeverity.None, "年度报告逾期报送"),
        (4, CreditRecordKind.Penalty, CreditSeverity.Minor, "未按规定明码标价，警告"),
        (9, CreditRecordKind.Penalty, CreditSeverity.General, "违反《食品安全法》，警告并罚款五千元"),
        (3, CreditRecordKind.Penalty, CreditSeverity.Serious, "生产经营不符合安全标准的产品，没收违法所得并罚款二十万元"),
        (7, CreditRecordKind.Complaint, CreditSeverity.Minor, "消费者投诉经查属实"),
        (4, CreditRecordKind.Other, CreditSeverity.None, "纳税信用等级评价结果"),
        (3, CreditRecordKind.CommitmentBroken, CreditSeverity.General, "违背告知承诺：未在承诺期限内取得条件"),
    ];

    private static readonly DateOnly RulesBegin = new(2023, 5, 1);

    /// <summary>Whether the database holds the bench's marker; null when there is no such database.</summary>
    private static async Task<bool?> IsOursAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""SELECT EXISTS (SELECT 1 FROM departments WHERE "Code" = @code)""", connection);
            command.Parameters.AddWithValue("code", MarkerCode);
            return (bool)(await command.ExecuteScalarAsync())!;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidCatalogName) { return null; }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable) { return false; }
    }

    /// <summary>The number of entities of the data the bench finished writing, or 0.</summary>
    private static async Task<int> CompleteAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "SortOrder" FROM departments WHERE "Code" = @code""", connection);
        command.Parameters.AddWithValue("code", MarkerCode);
        return await command.ExecuteScalarAsync() is int n ? n : 0;
    }

    private static async Task GenerateAsync(string connectionString, int entities)
    {
        var rules = LegalRules.Default;
        var today = DateOnly.FromDateTime(DateTime.Today);
        var span = today.DayNumber - RulesBegin.DayNumber;
        var now = DateTime.UtcNow;
        // No time limit: COPY of ten million rows and the index builds after it take minutes on a shared machine.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        // The secondary indexes are built once after the rows are in (a sort), not row by row; the same definitions.
        var indexes = new List<(string Name, string Definition)>();
        await using (var read = new NpgsqlCommand("""
            SELECT i.indexname, i.indexdef FROM pg_indexes AS i
            WHERE i.schemaname = 'public' AND i.tablename IN ('supervised_entities', 'credit_records', 'credit_listings', 'credit_commitments')
              AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conname = i.indexname)
            """, connection))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync()) indexes.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var index in indexes)
        {
            await using var drop = new NpgsqlCommand($"DROP INDEX \"{index.Name}\"", connection);
            await drop.ExecuteNonQueryAsync();
        }
        await using (var departments = new NpgsqlCommand("", connection))
        {
            var values = Departments.Select((d, k) => $"({k + 1}, '{d.Code}', '{d.Name}', '{d.ShortName}', '330702', true, {k + 1}, {(k == 0 ? "true" : "false")})")
                .Append($"({Departments.Length + 1}, '{MarkerCode}', 'public-lookup 基准数据', '基准数据', '330702', false, 0, false)");
            departments.CommandText = $"""
                INSERT INTO departments ("Id", "Code", "Name", "ShortName", "DivisionCode", "IsActive", "SortOrder", "IsRegistrationAuthority") VALUES {string.Join(", ", values)};
                SELECT setval(pg_get_serial_sequence('departments', 'Id'), {Departments.Length + 1});
                INSERT INTO commitment_templates ("Id", "DepartmentId", "ItemCode", "Title", "Text", "IsActive") VALUES
                  (1, 1, 'SCJG-001', '食品经营许可告知承诺书', '本单位承诺所填报的信息真实有效，并在规定期限内具备食品经营许可条件。', true),
                  (2, 2, 'ZHZF-001', '门前责任区市容环境卫生承诺书', '本单位承诺履行门前责任区市容环境卫生责任。', true),
                  (3, 4, 'YJ-001', '安全生产承诺书', '本单位承诺落实安全生产主体责任。', true);
                SELECT setval(pg_get_serial_sequence('commitment_templates', 'Id'), 3);
                """;
            await departments.ExecuteNonQueryAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY supervised_entities ("Id","CreditCode","Name","Type","LegalRepresentativeName","LegalRepresentativeIdNumber","Address","DivisionCode","IndustryCode","IndustrySection","RegisteredOn","Status") FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var i = 0; i < entities; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync((long)i + 1, NpgsqlDbType.Bigint);
                await copy.WriteAsync(CodeFor(i), NpgsqlDbType.Varchar);
                await copy.WriteAsync(RegistrySearchBench.NameFor(i), NpgsqlDbType.Varchar);
                await copy.WriteAsync((int)TypeOf(i), NpgsqlDbType.Integer);
                await copy.WriteAsync(Surnames[Hash(i, 21) % Surnames.Length] + Given[Hash(i, 22) % Given.Length] + (i % 3 == 0 ? "" : Given[Hash(i, 23) % Given.Length]), NpgsqlDbType.Varchar);
                await copy.WriteAsync($"33070219{70 + i % 30}{1 + i % 12:D2}{1 + i % 28:D2}{i % 1000:D3}{i % 10}", NpgsqlDbType.Varchar);
                await copy.WriteAsync($"浙江省金华市婺城区{Streets[Hash(i, 24) % Streets.Length]}{1 + Hash(i, 25) % 800}号", NpgsqlDbType.Varchar);
                await copy.WriteAsync(Towns[i % Towns.Length], NpgsqlDbType.Varchar);
                await copy.WriteAsync(Industries[i % Industries.Length].Code, NpgsqlDbType.Varchar);
                await copy.WriteAsync(Industries[i % Industries.Length].Section, NpgsqlDbType.Varchar);
                await copy.WriteAsync(today.AddDays(-(int)(Hash(i, 26) % 7000) - 30), NpgsqlDbType.Date);
                await copy.WriteAsync(i % 20 == 0 ? 2 : 1, NpgsqlDbType.Integer);
            }
            await copy.CompleteAsync();
        }

        // Listings (with their records below): one entity in 25 on the abnormal list, a third of them removed again;
        // one in 400 on the serious list.
        var listings = new List<(long Id, int Entity, CreditList List, ListingReason Reason, DateOnly ListedOn, bool Removed)>();
        for (var i = 0; i < entities; i++)
        {
            if (i % 25 == 12)
            {
                var reason = i % 50 == 12 ? ListingReason.AnnualReportNotFiled : ListingReason.Unreachable;
                listings.Add((listings.Count + 1, i, CreditList.AbnormalList, reason, RulesBegin.AddDays(30 + (int)(Hash(i, 31) % (span - 60))), Hash(i, 32) % 3 == 0));
            }
            if (i % 400 == 137)
                listings.Add((listings.Count + 1, i, CreditList.SeriousViolationList, ListingReason.SeverePenalty, RulesBegin.AddDays(30 + (int)(Hash(i, 33) % (span - 60))), false));
        }
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY credit_listings ("Id","EntityId","List","Reason","ReportYear","FoundOn","ListBy","ListedOn","DecisionNumber","DepartmentId","Facts","ObjectionBy","ExpiresOn","RemovedOn","RemovalReason","RemovalDecisionNumber","IsStatusMark") FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var l in listings)
            {
                var abnormal = l.List == CreditList.AbnormalList;
                var removedOn = l.Removed ? l.ListedOn.AddDays(20 + (int)(Hash(l.Entity, 34) % 300)) : (DateOnly?)null;
                if (removedOn > today) removedOn = today;
                await copy.StartRowAsync();
                await copy.WriteAsync(l.Id, NpgsqlDbType.Bigint);
                await copy.WriteAsync((long)l.Entity + 1, NpgsqlDbType.Bigint);
                await copy.WriteAsync((int)l.List, NpgsqlDbType.Integer);
                await copy.WriteAsync((int)l.Reason, NpgsqlDbType.Integer);
                if (l.Reason == ListingReason.AnnualReportNotFiled) await copy.WriteAsync(l.ListedOn.Year - 1, NpgsqlDbType.Integer); else await copy.WriteNullAsync();
                await copy.WriteAsync(l.ListedOn.AddDays(-10), NpgsqlDbType.Date);
                await copy.WriteAsync(l.ListedOn.AddDays(4), NpgsqlDbType.Date);
                await copy.WriteAsync(l.ListedOn, NpgsqlDbType.Date);
                await copy.WriteAsync($"{(abnormal ? "婺市监异入" : "婺市监严违入")}〔{l.ListedOn.Year}〕{l.Id}号", NpgsqlDbType.Varchar);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(abnormal ? "经实地核查，通过登记的住所无法联系。" : "生产销售不符合食品安全标准的食品，情节严重。", NpgsqlDbType.Varchar);
                await copy.WriteAsync(l.ListedOn.AddDays(30), NpgsqlDbType.Date);
                await copy.WriteAsync(l.ListedOn.AddYears(3), NpgsqlDbType.Date);
                if (removedOn is { } removed)
                {
                    await copy.WriteAsync(removed, NpgsqlDbType.Date);
                    await copy.WriteAsync((int)(l.Reason == ListingReason.AnnualReportNotFiled ? RemovalReason.AnnualReportFiled : RemovalReason.ContactRestored), NpgsqlDbType.Integer);
                    await copy.WriteAsync($"婺市监异出〔{removed.Year}〕{l.Id}号", NpgsqlDbType.Varchar);
                }
                else
                {
                    await copy.WriteNullAsync(); await copy.WriteNullAsync(); await copy.WriteNullAsync();
                }
                await copy.WriteAsync(TypeOf(l.Entity) == EntityType.SoleTrader && l.Reason == ListingReason.AnnualReportNotFiled, NpgsqlDbType.Boolean);
            }
            await copy.CompleteAsync();
        }

        // Commitments: one entity in ten, each with its CommitmentMade record (and Kept or Broken when concluded).
        var commitments = Enumerable.Range(0, entities).Where(i => i % 10 == 3)
            .Select(i => (Entity: i, Template: 1 + (int)(Hash(i, 41) % 3), On: RulesBegin.AddDays((int)(Hash(i, 42) % span)), Status: (Hash(i, 43) % 10) switch { < 6 => CommitmentStatus.InForce, < 9 => CommitmentStatus.Kept, _ => CommitmentStatus.Broken }))
            .ToList();
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY credit_commitments ("EntityId","TemplateId","Text","CommittedOn","Status","ConcludedOn","Finding") FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var c in commitments)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync((long)c.Entity + 1, NpgsqlDbType.Bigint);
                await copy.WriteAsync(c.Template, NpgsqlDbType.Integer);
                await copy.WriteAsync("本单位承诺所填报的信息真实有效，并在规定期限内具备相应条件。", NpgsqlDbType.Varchar);
                await copy.WriteAsync(c.On, NpgsqlDbType.Date);
                await copy.WriteAsync((int)c.Status, NpgsqlDbType.Integer);
                if (c.Status == CommitmentStatus.InForce) { await copy.WriteNullAsync(); await copy.WriteNullAsync(); }
                else
                {
                    await copy.WriteAsync(Min(c.On.AddDays(90), today), NpgsqlDbType.Date);
                    if (c.Status == CommitmentStatus.Broken) await copy.WriteAsync("承诺期满仍未取得相应条件。", NpgsqlDbType.Varchar); else await copy.WriteNullAsync();
                }
            }
            await copy.CompleteAsync();
        }

        // Records in rounds (the r-th record of every entity, then the next), so that one entity's records lie apart in the
        // table as records entered over the years do, not side by side.
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY credit_records ("EntityId","Kind","Severity","Title","Detail","DecisionNumber","OccurredOn","DepartmentId","IssuedBy","Source","PublicFrom","PublicUntil","PublicityEndedOn","PublicityEndReason","ListingId","RecordedAtUtc") FROM STDIN (FORMAT BINARY)
            """))
        {
            async Task Write(int entity, CreditRecordKind kind, CreditSeverity severity, string title, string? detail, string? number, DateOnly on, int department,
                CreditRecordSource source, DateOnly? publicFrom, DateOnly? publicUntil, DateOnly? endedOn, string? endReason, long? listingId)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync((long)entity + 1, NpgsqlDbType.Bigint);
                await copy.WriteAsync((int)kind, NpgsqlDbType.Integer);
                await copy.WriteAsync((int)severity, NpgsqlDbType.Integer);
                await copy.WriteAsync(title, NpgsqlDbType.Varchar);
                await WriteOrNull(copy, detail, NpgsqlDbType.Varchar);
                await WriteOrNull(copy, number, NpgsqlDbType.Varchar);
                await copy.WriteAsync(on, NpgsqlDbType.Date);
                await copy.WriteAsync(department, NpgsqlDbType.Integer);
                await copy.WriteAsync(Departments[department - 1].Name, NpgsqlDbType.Varchar);
                await copy.WriteAsync((int)source, NpgsqlDbType.Integer);
                await WriteOrNull(copy, publicFrom, NpgsqlDbType.Date);
                await WriteOrNull(copy, publicUntil, NpgsqlDbType.Date);
                await WriteOrNull(copy, endedOn, NpgsqlDbType.Date);
                await WriteOrNull(copy, endReason, NpgsqlDbType.Varchar);
                await WriteOrNull(copy, listingId, NpgsqlDbType.Bigint);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
            for (var round = 0; round < 16; round++)
                for (var i = 0; i < entities; i++)
                {
                    if (round >= RecordCount(i)) continue;
                    var pick = (int)(Hash(i * 17 + round, 51) % 100);
                    var (_, kind, severity, title) = Mix.First(m => (pick -= m.Weight) < 0);
                    // Older rounds, older records: the r-th record falls in the r-th part of the years since the rules began.
                    var on = RulesBegin.AddDays((int)((round + Hash(i, 52 + round) % 1000 / 1000.0) * span / 16));
                    var department = 1 + (int)(Hash(i, 53 + round) % (uint)Departments.Length);
                    var (from, until) = CreditRecords.Publicity(rules, severity, on);
                    // One published penalty in ten ended early by repair, after the tier's minimum.
                    DateOnly? ended = null;
                    if (from is not null && severity >= CreditSeverity.General && Hash(i, 54 + round) % 10 == 0)
                    {
                        var repaired = on.AddMonths(rules.Credit(on).Repair.TierFor(severity).MinimumMonths).AddDays(20);
                        if (repaired <= today) ended = repaired;
                    }
                    var number = kind == CreditRecordKind.Penalty ? $"{Departments[department - 1].Code}罚决〔{on.Year}〕{(i + round * entities) % 100000}号" : null;
                    var detail = kind == CreditRecordKind.Penalty ? $"当事人{title[..Math.Min(title.Length, 12)]}，事实清楚，证据确凿，依法作出处罚决定。" : null;
                    var source = kind is CreditRecordKind.AnnualReportOnTime or CreditRecordKind.AnnualReportLate ? CreditRecordSource.Platform
                        : kind == CreditRecordKind.Other ? CreditRecordSource.Received : CreditRecordSource.Entered;
                    await Write(i, kind, severity, kind is CreditRecordKind.AnnualReportOnTime or CreditRecordKind.AnnualReportLate ? $"{on.Year - 1} {title}" : title,
                        detail, number, on, kind is CreditRecordKind.AnnualReportOnTime or CreditRecordKind.AnnualReportLate ? 1 : department, source,
                        from, until, ended, ended is null ? null : "信用修复", null);
                }
            foreach (var l in listings)
            {
                var abnormal = l.List == CreditList.AbnormalList;
                await Write(l.Entity, abnormal ? CreditRecordKind.AbnormalListing : CreditRecordKind.SeriousViolationListing,
                    abnormal ? CreditSeverity.General : CreditSeverity.Serious, $"列入{ListingReasons.ListName(l.List)}：{ListingReasons.Of(l.Reason).Name}",
                    null, $"婺市监异入〔{l.ListedOn.Year}〕{l.Id}号", l.ListedOn, 1, CreditRecordSource.Platform, l.ListedOn, null, null, null, l.Id);
            }
            foreach (var c in commitments)
            {
                var template = c.Template switch { 1 => ("食品经营许可告知承诺书", 1), 2 => ("门前责任区市容环境卫生承诺书", 2), _ => ("安全生产承诺书", 4) };
                await Write(c.Entity, CreditRecordKind.CommitmentMade, CreditSeverity.None, $"作出信用承诺：{template.Item1}", null, null, c.On, template.Item2,
                    CreditRecordSource.Platform, c.On, null, null, null, null);
                if (c.Status == CommitmentStatus.InForce) continue;
                var concluded = Min(c.On.AddDays(90), today);
                var broken = c.Status == CommitmentStatus.Broken;
                var (from, until) = CreditRecords.Publicity(rules, broken ? CreditSeverity.General : CreditSeverity.None, concluded);
                await Write(c.Entity, broken ? CreditRecordKind.CommitmentBroken : CreditRecordKind.CommitmentKept, broken ? CreditSeverity.General : CreditSeverity.None,
                    (broken ? "违背信用承诺：" : "履行信用承诺：") + template.Item1, null, null, concluded, template.Item2, CreditRecordSource.Platform, from, until, null, null, null);
            }
            await copy.CompleteAsync();
        }
        foreach (var index in indexes)
        {
            await using var create = new NpgsqlCommand(index.Definition, connection);
            await create.ExecuteNonQueryAsync();
        }
        await using (var sequences = new NpgsqlCommand($"""
            SELECT setval(pg_get_serial_sequence('supervised_entities', 'Id'), {entities});
            SELECT setval(pg_get_serial_sequence('credit_listings', 'Id'), {Math.Max(1, listings.Count)});
            UPDATE departments SET "SortOrder" = {entities} WHERE "Code" = '{MarkerCode}';
            """, connection))
            await sequences.ExecuteNonQueryAsync();
        foreach (var table in new[] { "supervised_entities", "credit_records", "credit_listings", "credit_commitments" })
        {
            await using var vacuum = new NpgsqlCommand($"VACUUM ANALYZE {table}", connection);
            await vacuum.ExecuteNonQueryAsync();
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static async Task WriteOrNull<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v) await copy.WriteAsync(v, type);
        else await copy.WriteNullAsync();
    }

    private static async Task WriteOrNull(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type)
    {
        if (value is null) await copy.WriteNullAsync();
        else await copy.WriteAsync(value, type);
    }
}
