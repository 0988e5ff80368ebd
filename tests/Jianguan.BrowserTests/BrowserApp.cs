using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Jianguan.BrowserTests;

/// <summary>
/// The whole application on a real loopback port (Kestrel, not the in-memory test server, because a
/// browser needs a socket), on a SQLite file of its own seeded with the demo district, and one headless
/// Chromium driven by Playwright. Started once for the assembly: both are slow to start.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = "Jianguan#2026";

    /// <summary>A phone in portrait (iPhone 12-14 class), for the layout checks.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"jianguan-browser-{Guid.NewGuid():N}.db");
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Screenshots go beside the test assembly, never into the source tree.</summary>
    /// <summary>A file the tests upload, copied next to the test assembly.</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public BrowserApp() => UseKestrel(0); // port 0: the system picks a free port, so parallel runs never collide

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={_databasePath}");
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Inspections:EvidencePath", Path.Combine(Path.GetTempPath(), $"jianguan-evidence-{Guid.NewGuid():N}"));
        builder.UseSetting("Auth:SigningKey", "browser-test-signing-key-long-enough-0123456789");
        // Every test signs in through the form; the production limit would refuse a full run.
        builder.UseSetting("Auth:SignInPermitsPerMinute", "100000");
    }

    public async Task InitializeAsync()
    {
        StartServer(); // migrates and seeds before the first test
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseUrl = addresses.First().TrimEnd('/');

        // Belt and braces: the package never downloads at build time, but nothing here may ever fetch a browser.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("JIANGUAN_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            // The machine has no network beyond loopback: without these Chromium keeps dialling Google's hosts.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-quic", "--no-first-run"],
        });
    }

    /// <summary>A page in a browser context of its own: no cookies shared with other tests.</summary>
    internal async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "zh-CN",
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools(); // releases the file so it can be deleted
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_databasePath + suffix);
    }
}

/// <summary>All browser tests share one <see cref="BrowserApp"/>; xunit then runs them one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "Browser";
}
