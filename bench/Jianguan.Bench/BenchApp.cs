using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Jianguan.Bench;

/// <summary>The built application in a process of its own on a loopback port, as the README's first command runs it.</summary>
public sealed class BenchApp : IAsyncDisposable
{
    private readonly Process _process;

    public string Url { get; }

    private BenchApp(Process process, string url) => (_process, Url) = (process, url);

    /// <summary>
    /// Starts the application on <paramref name="database"/> (a SQLite file, or a PostgreSQL connection string) and returns at once.
    /// <paramref name="environment"/> overrides the README's settings (a null value removes one).
    /// </summary>
    public static BenchApp Launch(string database, bool postgres = false, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var port = FreePort();
        var contentRoot = FindContentRoot();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = contentRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Jianguan.Web.dll"));
        // As the README's first command runs it (Properties/launchSettings.json).
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_TieredPGO"] = "0";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_CONTENTROOT"] = contentRoot;
        start.Environment["Database__ConnectionString"] = postgres || database.Contains('=') ? database : $"Data Source={database}";
        if (postgres) start.Environment["Database__Provider"] = "Postgres";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (Environment.GetEnvironmentVariable("JIANGUAN_BENCH_APP_LOG") is not null)
            start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        return Start(start, port);
    }

    /// <summary>
    /// Starts the bare minimal-API endpoint (bench/Jianguan.Bench.Bare) with Kestrel's defaults and the same runtime
    /// settings as <paramref name="environment"/> gives the application, and waits until it answers.
    /// </summary>
    public static async Task<BenchApp> StartBareAsync(string path, IReadOnlyDictionary<string, string?> environment)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Jianguan.Bench.Bare.dll"));
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
            if (value is null) start.Environment.Remove(key);
            else if (key.StartsWith("DOTNET_", StringComparison.Ordinal) || key == "ASPNETCORE_ENVIRONMENT") start.Environment[key] = value;
        var app = Start(start, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await app.WaitAsync(http, path, _ => true, TimeSpan.FromMinutes(1));
        return app;
    }

    private static BenchApp Start(ProcessStartInfo start, int port)
    {
        var process = Process.Start(start)!;
        // Errors the application logs are always shown (a failed request names its cause), everything with JIANGUAN_BENCH_APP_LOG.
        var all = Environment.GetEnvironmentVariable("JIANGUAN_BENCH_APP_LOG") is not null;
        var failing = false;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            if (line.Length > 5 && line[4] == ':' && !char.IsWhiteSpace(line[0])) failing = line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal);
            if (all || failing) Console.WriteLine(line);
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new BenchApp(process, $"http://127.0.0.1:{port}");
    }

    /// <summary>Starts the application and waits until it reports Healthy (all demo data in).</summary>
    public static async Task<BenchApp> StartAsync(string database, bool postgres = false, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var app = Launch(database, postgres, environment);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        await app.WaitAsync(http, "/health", body => body == "Healthy", TimeSpan.FromMinutes(5));
        return app;
    }

    /// <summary>Polls <paramref name="path"/> until it answers 200 with a body <paramref name="accept"/> takes.</summary>
    public async Task WaitAsync(HttpClient http, string path, Func<string, bool> accept, TimeSpan limit)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < limit)
        {
            try
            {
                var response = await http.GetAsync(Url + path);
                if (response.StatusCode == HttpStatusCode.OK && accept(await response.Content.ReadAsStringAsync())) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(20);
        }
        throw new TimeoutException($"{path} did not answer within {limit}");
    }

    /// <summary>The processor time the application's process has used (user and system).</summary>
    public TimeSpan ProcessorTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public long ResidentBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Jianguan.Web");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("src/Jianguan.Web not found above the benchmark's folder");
    }
}
