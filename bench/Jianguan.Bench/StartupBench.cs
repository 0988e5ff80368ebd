using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Jianguan.Bench;

/// <summary>
/// From starting the built application on an empty SQLite file (migrate, seed the demo district,
/// listen) to the first page served, and its resident memory then. Baseline: the same start on the
/// database the first start left behind (nothing to migrate or seed).
/// </summary>
public static class StartupBench
{
    public static async Task<int> RunAsync(int runs)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Jianguan.Web.dll");
        var contentRoot = FindContentRoot();
        var cold = new List<(TimeSpan Time, TimeSpan Complete, long Rss)>();
        var warm = new List<(TimeSpan Time, TimeSpan Complete, long Rss)>();
        for (var i = 0; i < runs; i++)
        {
            var folder = Directory.CreateTempSubdirectory("jianguan-startup-").FullName;
            try
            {
                cold.Add(await StartOnceAsync(dll, contentRoot, Path.Combine(folder, "jianguan.db")));
                warm.Add(await StartOnceAsync(dll, contentRoot, Path.Combine(folder, "jianguan.db")));
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }
        var c = cold.MinBy(x => x.Time);
        var w = warm.MinBy(x => x.Time);
        Console.WriteLine();
        Console.WriteLine("| what | best of | first page after | all demo data after | resident memory then | baseline: start on a seeded database | ratio (first page) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine($"| start on an empty database: migrate, seed demo district, serve /Account/Login | {runs} | {c.Time.TotalSeconds:F2} s | {c.Complete.TotalSeconds:F2} s | {c.Rss / 1024 / 1024} MB | {w.Time.TotalSeconds:F2} s, {w.Rss / 1024 / 1024} MB | {c.Time / w.Time:F2} |");
        return 0;
    }

    private static async Task<(TimeSpan FirstPage, TimeSpan Complete, long Rss)> StartOnceAsync(string dll, string contentRoot, string database)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = contentRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        // As the README's first command runs it (Properties/launchSettings.json).
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_TieredPGO"] = "0";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_CONTENTROOT"] = contentRoot;
        start.Environment["Database__ConnectionString"] = $"Data Source={database}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (sw.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    var response = await http.GetAsync($"http://127.0.0.1:{port}/Account/Login");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        var firstPage = sw.Elapsed;
                        // Then until all demo data is in: the registry's businesses come in the background.
                        while (await (await http.GetAsync($"http://127.0.0.1:{port}/health")).Content.ReadAsStringAsync() != "Healthy")
                            await Task.Delay(20);
                        var complete = sw.Elapsed;
                        process.Refresh();
                        return (firstPage, complete, process.WorkingSet64);
                    }
                }
                catch (HttpRequestException) { }
                await Task.Delay(20);
            }
            throw new TimeoutException("the application did not serve its first page within 60 s");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
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
