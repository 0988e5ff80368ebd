using System.Net.Http.Headers;
using System.Net.Http.Json;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jianguan.Tests.Infrastructure;

/// <summary>
/// The whole application on a real database of its own, migrated and seeded with the demo district,
/// reached through HTTP. One per test class; subclasses choose the provider.
/// </summary>
public abstract class JianguanApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string TestSigningKey = "test-signing-key-that-is-long-enough-0123456789";
    public const string DemoPassword = "Jianguan#2026";

    private readonly Dictionary<string, string> _tokens = [];

    public abstract DatabaseProvider Provider { get; }
    protected abstract string ConnectionString { get; }

    /// <summary>Settings a test class needs beyond the defaults.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Inspections:EvidencePath", Path.Combine(Path.GetTempPath(), $"jianguan-evidence-{Guid.NewGuid():N}"));
        builder.UseSetting("Auth:SigningKey", TestSigningKey);
        builder.UseSetting("Auth:SignInPermitsPerMinute", "100000");
        foreach (var (key, value) in ExtraSettings) builder.UseSetting(key, value);
    }

    public virtual async Task InitializeAsync()
    {
        // Start now and wait until health says Healthy: the database is migrated and the whole demo
        // district seeded (its businesses come in the background) before the first test.
        var client = Anonymous();
        for (var waited = 0; ; waited += 100)
        {
            var health = await client.GetAsync("/health");
            if (health.IsSuccessStatusCode && await health.Content.ReadAsStringAsync() == "Healthy") break;
            if (waited > 120_000) throw new TimeoutException("the application did not become healthy within 2 minutes");
            await Task.Delay(100);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeDatabaseAsync();

    protected virtual async Task DisposeDatabaseAsync() => await base.DisposeAsync();

    /// <summary>An API client without credentials.</summary>
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>An API client with a bearer token of the demo user.</summary>
    public async Task<HttpClient> ClientFor(string userName, string password = DemoPassword)
    {
        if (!_tokens.TryGetValue(userName, out var token))
        {
            var response = await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
            response.EnsureSuccessStatusCode();
            token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.AccessToken;
            _tokens[userName] = token;
        }
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Forgets cached tokens (after a user's credentials change).</summary>
    public void ForgetToken(string userName) => _tokens.Remove(userName);

    /// <summary>Runs <paramref name="work"/> with a context of its own, straight on the database.</summary>
    public async Task<T> WithDb<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task WithDb(Func<AppDbContext, Task> work) => WithDb(async db => { await work(db); return 0; });

    /// <summary>
    /// The public credit look-up of <paramref name="creditCode"/>, anonymous, once every change committed before has
    /// reached the application's memory of answers (PublicCreditCache: on PostgreSQL it hears of changes a moment after
    /// their commit), so that a test reads its own writes.
    /// </summary>
    public async Task<HttpResponseMessage> PublicCreditAsync(string creditCode)
    {
        await Services.GetRequiredService<PublicCreditCache>().CatchUpAsync();
        return await Anonymous().GetAsync($"/api/v1/public/credit/{creditCode}");
    }

    public async Task<string> PublicCreditStringAsync(string creditCode)
    {
        var response = await PublicCreditAsync(creditCode);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private sealed record TokenBody(string AccessToken, int ExpiresIn);
}

/// <summary>The application on a SQLite file of its own.</summary>
public class SqliteApp : JianguanApp
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"jianguan-test-{Guid.NewGuid():N}.db");
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string ConnectionString => $"Data Source={_path}";

    protected override async Task DisposeDatabaseAsync()
    {
        await base.DisposeDatabaseAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
    }
}

/// <summary>
/// The application on a fresh database of the PostgreSQL server that build/test.sh starts
/// (its address in JIANGUAN_TEST_POSTGRES).
/// </summary>
public class PostgresApp : JianguanApp
{
    private readonly string _database = $"jg_test_{Guid.NewGuid():N}";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("JIANGUAN_TEST_POSTGRES")
        ?? throw new InvalidOperationException(
            "JIANGUAN_TEST_POSTGRES is not set: run the tests with build/test.sh, which starts a PostgreSQL server for them.");

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
    protected override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database }.ConnectionString;

    public override async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(ServerConnectionString))
        {
            await admin.OpenAsync();
            // A database name cannot be a parameter; this one is made here from a GUID, never from input.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        await base.InitializeAsync();
    }

    protected override async Task DisposeDatabaseAsync()
    {
        await base.DisposeDatabaseAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(ServerConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
