using System.Diagnostics;

namespace Jianguan.Bench;

/// <summary>
/// From starting the built application on an empty SQLite file (migrate, seed the demo district,
/// listen) to the first page served, and on until all demo data is in (health Healthy), with its resident
/// memory then. Baseline: the same start on the database the first start left behind.
/// </summary>
public static class StartupBench
{
    public static async Task<int> RunAsync(int runs)
    {
        var cold = new List<(TimeSpan FirstPage, TimeSpan Complete, long Rss)>();
        var warm = new List<(TimeSpan FirstPage, TimeSpan Complete, long Rss)>();
        for (var i = 0; i < runs; i++)
        {
            var folder = Directory.CreateTempSubdirectory("jianguan-startup-").FullName;
            try
            {
                cold.Add(await StartOnceAsync(Path.Combine(folder, "jianguan.db")));
                warm.Add(await StartOnceAsync(Path.Combine(folder, "jianguan.db")));
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }
        var c = cold.MinBy(x => x.FirstPage);
        var w = warm.MinBy(x => x.FirstPage);
        Console.WriteLine();
        Console.WriteLine("| what | best of | first page after | all demo data after | resident memory then | baseline: start on a seeded database | ratio (first page) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine($"| start on an empty database: migrate, seed demo district, serve /Account/Login | {runs} | {c.FirstPage.TotalSeconds:F2} s | {c.Complete.TotalSeconds:F2} s | {c.Rss / 1024 / 1024} MB | {w.FirstPage.TotalSeconds:F2} s, {w.Rss / 1024 / 1024} MB | {c.FirstPage / w.FirstPage:F2} |");
        return 0;
    }

    private static async Task<(TimeSpan FirstPage, TimeSpan Complete, long Rss)> StartOnceAsync(string database)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var sw = Stopwatch.StartNew();
        await using var app = BenchApp.Launch(database);
        await app.WaitAsync(http, "/Account/Login", _ => true, TimeSpan.FromSeconds(60));
        var firstPage = sw.Elapsed;
        // Then until all demo data is in: the registry's businesses come in the background.
        await app.WaitAsync(http, "/health", body => body == "Healthy", TimeSpan.FromSeconds(60));
        return (firstPage, sw.Elapsed, app.ResidentBytes());
    }
}
