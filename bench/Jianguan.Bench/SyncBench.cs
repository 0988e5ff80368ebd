using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;

namespace Jianguan.Bench;

/// <summary>
/// 掌上执法 sync throughput: finished inspections sent through the API as the phone sends them (three photos and three
/// signatures uploaded under their keys with their SHA-256, then the inspection), by <see cref="Senders"/> phones at once,
/// on SQLite and on PostgreSQL (JIANGUAN_BENCH_POSTGRES). Baseline in the same run: writing the same bytes to files on
/// the same disk, flushed to it as the server flushes evidence, by as many writers.
/// </summary>
public static class SyncBench
{
    // Phones sending at once (JIANGUAN_BENCH_SENDERS changes it).
    private static readonly int Senders = int.TryParse(Environment.GetEnvironmentVariable("JIANGUAN_BENCH_SENDERS"), out var n) ? n : 4;
    // A phone photo as the app sends it; JIANGUAN_BENCH_PHOTO_KB changes it (small photos show the cost of a request alone).
    private static readonly int PhotoBytes = 1024 * (int.TryParse(Environment.GetEnvironmentVariable("JIANGUAN_BENCH_PHOTO_KB"), out var kb) ? kb : 2048);
    private const int SignatureBytes = 8 * 1024;
    private const int WarmUp = 12;

    // Time spent in each kind of request, summed over the senders: where a slow sync goes.
    private static long _evidenceTicks, _inspectionTicks;

    public static async Task<int> RunAsync(int inspections)
    {
        var folder = Directory.CreateTempSubdirectory("jianguan-sync-bench-").FullName;
        var rows = new List<string>();
        try
        {
            var files = Files(inspections);
            var bytes = files.Sum(f => f.Sum(x => (long)x.Length));
            if (Environment.GetEnvironmentVariable("JIANGUAN_BENCH_SQLITE") != "0")
                rows.Add(await MeasureAsync("SQLite", Path.Combine(folder, "sync.db"), false, folder, files, bytes));
            if (Environment.GetEnvironmentVariable("JIANGUAN_BENCH_POSTGRES") is { Length: > 0 } server)
            {
                var connection = new NpgsqlConnectionStringBuilder(server) { Database = "jg_sync_bench" }.ConnectionString;
                await using (var admin = new NpgsqlConnection(server))
                {
                    await admin.OpenAsync();
                    await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS jg_sync_bench WITH (FORCE)", admin);
                    await drop.ExecuteNonQueryAsync();
                }
                rows.Add(await MeasureAsync("PostgreSQL", connection, true, folder, files, bytes));
            }
            Console.WriteLine();
            Console.WriteLine($"| database | inspections (3 photos of {PhotoBytes / 1024} KB, 3 signatures each) | data | sync through the API | inspections/s | MB/s | baseline: the same bytes written to disk (flushed) | MB/s | API / disk | written by the server's writer | API / that |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var row in rows) Console.WriteLine(row);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    /// <summary>Per inspection: three JPEG-headed photos and three PNG-headed signatures of random bytes (the server checks the first bytes only).</summary>
    /// <summary>The phone computed each file's SHA-256 when the photo was taken, not while sending: done here before the clock starts.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<byte[], string> Hashes = new();

    private static string Sha(byte[] bytes) => Hashes.GetValue(bytes, b => Convert.ToHexStringLower(SHA256.HashData(b)));

    private static List<byte[][]> Files(int inspections) => [.. Enumerable.Range(0, inspections).Select(_ => new[]
    {
        Jpeg(PhotoBytes), Jpeg(PhotoBytes), Jpeg(PhotoBytes), Png(SignatureBytes), Png(SignatureBytes), Png(SignatureBytes),
    })];

    private static byte[] Jpeg(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        bytes[0] = 0xFF; bytes[1] = 0xD8; bytes[2] = 0xFF;
        return bytes;
    }

    private static byte[] Png(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        return bytes;
    }

    private static async Task<string> MeasureAsync(string name, string database, bool postgres, string folder, List<byte[][]> files, long bytes)
    {
        var evidence = Path.Combine(folder, $"evidence-{name}");
        // Measured as a server that has run for a while: its code at the final tier from the start (else the tiering
        // thread recompiling the whole application takes a core through the first minutes, and the run with it).
        // JIANGUAN_BENCH_R2R=0 compiles everything at first call (for profiles with every frame named);
        // JIANGUAN_BENCH_SPIN sets the thread pool's spin limit (unset: the runtime's default).
        var environment = new Dictionary<string, string?>
        {
            ["Inspections__EvidencePath"] = evidence, ["DOTNET_TieredCompilation"] = "0",
            ["DOTNET_ReadyToRun"] = Environment.GetEnvironmentVariable("JIANGUAN_BENCH_R2R") ?? "1",
            ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = Environment.GetEnvironmentVariable("JIANGUAN_BENCH_SPIN"),
        };
        if (postgres) environment["Database__MigrateOnStart"] = "true"; // a new database: migrated and seeded at start
        await using var app = await BenchApp.StartAsync(database, postgres, environment);
        using var http = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(5) };
        var token = await (await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = "officer", password = "Jianguan#2026" })).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        var (item, points) = await ChecklistAsync(http);
        var entities = await EntitiesAsync(http, files.Count);

        foreach (var file in files.SelectMany(f => f)) Sha(file);
        // Warm-up, not counted: enough inspections for the server's code to be compiled at its final tier, as in service.
        var warmUp = Files(WarmUp);
        foreach (var file in warmUp.SelectMany(f => f)) Sha(file);
        for (var round = 0; round < 3; round++)
            await Parallel.ForEachAsync(Enumerable.Range(0, WarmUp), new ParallelOptions { MaxDegreeOfParallelism = Senders },
                async (n, _) => await SendAsync(http, item, points, entities[n % entities.Count], warmUp[n]));
        (_evidenceTicks, _inspectionTicks) = (0, 0);
        if (Environment.GetEnvironmentVariable("JIANGUAN_BENCH_REQUESTS") is { Length: > 0 } perKind)
            await RequestCostsAsync(app, http, int.Parse(perKind), item, points, entities);
        // A mark for a profiler started from outside (perf record -a) to begin at.
        Console.WriteLine($"{name}: warmed up; sending {files.Count} inspections");
        var cpu = app.ProcessorTime();
        var sw = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), new ParallelOptions { MaxDegreeOfParallelism = Senders },
            async (n, _) => await SendAsync(http, item, points, entities[n % entities.Count], files[n]));
        var api = sw.Elapsed;
        var serverCpu = app.ProcessorTime() - cpu;
        var stored = Directory.EnumerateFiles(evidence, "*", SearchOption.AllDirectories).Count();
        if (stored < files.Count * 6) throw new InvalidOperationException($"{stored} evidence files stored for {files.Count} inspections");

        var disk = await DiskAsync(Path.Combine(folder, $"disk-{name}"), files);
        var direct = await DirectAsync(Path.Combine(folder, $"direct-{name}"), files);
        var mb = bytes / 1e6;
        Console.WriteLine($"{name}: {files.Count} inspections in {api.TotalSeconds:F2} s (the server's processor time {serverCpu.TotalSeconds:F2} s; in evidence requests {TimeSpan.FromTicks(_evidenceTicks).TotalSeconds:F2} s, in inspection requests {TimeSpan.FromTicks(_inspectionTicks).TotalSeconds:F2} s, summed over {Senders} senders); the same bytes to disk in {disk.TotalSeconds:F2} s, with the server's writer (direct I/O where allowed) in {direct.TotalSeconds:F2} s");
        return $"| {name} | {files.Count} | {mb:N0} MB | {api.TotalSeconds:F2} s | {files.Count / api.TotalSeconds:F1} | {mb / api.TotalSeconds:F0} | {disk.TotalSeconds:F2} s | {mb / disk.TotalSeconds:F0} | {disk / api:F2} | {direct.TotalSeconds:F2} s | {direct / api:F2} |";
    }

    /// <summary>
    /// JIANGUAN_BENCH_REQUESTS=N: the server's processor time for one request of each kind the sync sends, N of each
    /// by the senders at once, beside a static file, the health check and an authenticated look-up answering 404.
    /// </summary>
    private static async Task RequestCostsAsync(BenchApp app, HttpClient http, int count, string item, List<int> points, List<string> entities)
    {
        // JIANGUAN_BENCH_REQUESTS_ONLY=text measures only the kinds whose name contains it (for a profile of one).
        var only = Environment.GetEnvironmentVariable("JIANGUAN_BENCH_REQUESTS_ONLY");
        async Task Measure(string kind, Func<int, Task> send)
        {
            if (only is { Length: > 0 } && !kind.Contains(only, StringComparison.Ordinal)) return;
            Console.WriteLine($"measuring {kind}");
            var cpu = app.ProcessorTime();
            var sw = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Senders }, async (n, _) => await send(n));
            Console.WriteLine($"{kind}: {(app.ProcessorTime() - cpu).TotalMilliseconds * 1000 / count:F0} µs of the server's processor time a request, {sw.Elapsed.TotalMilliseconds * 1000 / count:F0} µs apart");
        }
        using var anonymous = new HttpClient { BaseAddress = http.BaseAddress };
        var signature = Png(SignatureBytes);
        var sha = Sha(signature);
        for (var round = 0; round < 2; round++)
        {
            await Measure("GET a static file (anonymous)", async _ => (await anonymous.GetAsync("/css/site.css")).EnsureSuccessStatusCode());
            await Measure("GET /health (anonymous, two checks)", async _ => (await anonymous.GetAsync("/health")).EnsureSuccessStatusCode());
            await Measure("GET /api/v1/inspections/{unknown} (bearer, 404)", async _ => await http.GetAsync($"/api/v1/inspections/{Guid.NewGuid()}"));
            await Measure("PUT evidence, 8 KB", async _ =>
            {
                var content = new ByteArrayContent(signature);
                content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
                (await http.PutAsync($"/api/v1/inspections/evidence/{Guid.NewGuid()}?kind=Photo&fileName=s&sha256={sha}", content)).EnsureSuccessStatusCode();
            });
            var photos = Enumerable.Range(0, count).Select(_ => Jpeg(PhotoBytes)).ToArray();
            foreach (var photo in photos) Sha(photo);
            await Measure($"PUT evidence, a photo of {PhotoBytes / 1024} KB", async n =>
            {
                var content = new ByteArrayContent(photos[n]);
                content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                (await http.PutAsync($"/api/v1/inspections/evidence/{Guid.NewGuid()}?kind=Photo&fileName=p&sha256={Sha(photos[n])}", content)).EnsureSuccessStatusCode();
            });
            var uploaded = new Guid[count, 4];
            for (var i = 0; i < count; i++)
                for (var j = 0; j < 4; j++)
                {
                    uploaded[i, j] = Guid.NewGuid();
                    var content = new ByteArrayContent(signature);
                    content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
                    var query = j == 0 ? "kind=Photo" : $"kind=Signature&signer={(j == 1 ? "first" : j == 2 ? "second" : "party")}";
                    (await http.PutAsync($"/api/v1/inspections/evidence/{uploaded[i, j]}?{query}&fileName=s&sha256={sha}", content)).EnsureSuccessStatusCode();
                }
            await Measure("PUT inspection (a photo, three signatures)", async n =>
            {
                var now = DateTime.UtcNow;
                var response = await http.PutAsJsonAsync($"/api/v1/inspections/{Guid.NewGuid()}", new
                {
                    kind = "AdHoc", creditCode = entities[n % entities.Count], itemCodes = new[] { item }, secondOfficerId = 2,
                    startedAt = now.AddMinutes(-30).ToString("O"), finishedAt = now.AddMinutes(-1).ToString("O"),
                    points = points.Select(p => new { pointId = p, result = "Compliant" }), outcome = "NoProblemFound", evidence = new[] { uploaded[n, 0] },
                    firstSignature = uploaded[n, 1], secondSignature = uploaded[n, 2], partySignature = uploaded[n, 3],
                });
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"inspection: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            });
        }
    }

    /// <summary>The baseline: each file written and flushed to the disk, by as many writers as there are phones.</summary>
    private static async Task<TimeSpan> DiskAsync(string folder, List<byte[][]> files)
    {
        Directory.CreateDirectory(folder);
        var sw = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), new ParallelOptions { MaxDegreeOfParallelism = Senders }, async (n, ct) =>
        {
            for (var i = 0; i < files[n].Length; i++)
            {
                await using var file = new FileStream(Path.Combine(folder, $"{n}-{i}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                await file.WriteAsync(files[n][i], ct);
                file.Flush(flushToDisk: true);
            }
        });
        return sw.Elapsed;
    }

    /// <summary>
    /// A second baseline: each file written and flushed by the server's own writer (<c>EvidenceWriter</c>: direct I/O
    /// where the file system allows it), without HTTP, hashing or the database, by as many writers as there are phones.
    /// </summary>
    private static async Task<TimeSpan> DirectAsync(string folder, List<byte[][]> files)
    {
        Directory.CreateDirectory(folder);
        var sw = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), new ParallelOptions { MaxDegreeOfParallelism = Senders }, (n, _) =>
        {
            for (var i = 0; i < files[n].Length; i++)
            {
                using var writer = Web.Modules.Inspections.EvidenceWriter.Create(Path.Combine(folder, $"{n}-{i}"), true);
                writer.Append(files[n][i]);
                writer.Finish();
            }
            return ValueTask.CompletedTask;
        });
        return sw.Elapsed;
    }

    private static async Task SendAsync(HttpClient http, string item, List<int> points, string creditCode, byte[][] files)
    {
        var keys = files.Select(_ => Guid.NewGuid()).ToArray();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < files.Length; i++)
        {
            var photo = i < 3;
            var content = new ByteArrayContent(files[i]);
            content.Headers.ContentType = new MediaTypeHeaderValue(photo ? "image/jpeg" : "image/png");
            var signer = (i - 3) switch { 0 => "first", 1 => "second", _ => "party" };
            var query = $"kind={(photo ? "Photo" : "Signature")}&fileName=f{i}&sha256={Sha(files[i])}" + (photo ? "" : $"&signer={signer}");
            var response = await http.PutAsync($"/api/v1/inspections/evidence/{keys[i]}?{query}", content);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"evidence: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Interlocked.Add(ref _evidenceTicks, clock.Elapsed.Ticks);
        clock.Restart();
        var now = DateTime.UtcNow;
        var inspection = await http.PutAsJsonAsync($"/api/v1/inspections/{Guid.NewGuid()}", new
        {
            kind = "AdHoc", creditCode, itemCodes = new[] { item }, secondOfficerId = 2, startedAt = now.AddMinutes(-30).ToString("O"), finishedAt = now.AddMinutes(-1).ToString("O"),
            points = points.Select(p => new { pointId = p, result = "Compliant" }), outcome = "NoProblemFound",
            evidence = keys[..3], firstSignature = keys[3], secondSignature = keys[4], partySignature = keys[5],
        });
        if (!inspection.IsSuccessStatusCode) throw new InvalidOperationException($"inspection: {(int)inspection.StatusCode} {await inspection.Content.ReadAsStringAsync()}");
        Interlocked.Add(ref _inspectionTicks, clock.Elapsed.Ticks);
    }

    /// <summary>An item of the officer's department with a checklist, and its points.</summary>
    private static async Task<(string Item, List<int> Points)> ChecklistAsync(HttpClient http)
    {
        var items = await http.GetFromJsonAsync<JsonElement>("/api/v1/catalog/items?departmentId=1");
        var entity = (await EntitiesAsync(http, 1))[0];
        foreach (var item in items.EnumerateArray())
        {
            var code = item.GetProperty("code").GetString()!;
            var form = await http.GetAsync($"/api/v1/inspections/form?kind=AdHoc&creditCode={entity}&items={Uri.EscapeDataString(code)}");
            if (!form.IsSuccessStatusCode) continue;
            var points = (await form.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("points").EnumerateArray().Select(p => p.GetProperty("pointId").GetInt32()).ToList();
            if (points.Count > 0) return (code, points);
        }
        throw new InvalidOperationException("no item of department 1 has a checklist");
    }

    private static async Task<List<string>> EntitiesAsync(HttpClient http, int count)
    {
        var page = await http.GetFromJsonAsync<JsonElement>($"/api/v1/entities?pageSize={Math.Min(count, 100)}");
        return [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("creditCode").GetString()!)];
    }
}
