using Jianguan.Web.Platform.Audit;
using Jianguan.Web.Platform.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jianguan.Web.Platform.Data;

/// <summary>Brings the database to the current schema and, in demo mode, fills an empty one.</summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // MigrateAsync also diffs the model against the snapshot, which costs seconds at start-up;
        // an up-to-date database (the usual start) needs only the cheap look at the history table.
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0) return;
        if (pending.Count < db.Database.GetMigrations().Count() || !await SqliteSchemaScript.TryCreateAsync(db, ct))
            await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            // WAL lets readers go on while one request writes; the setting stays with the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    /// <summary>Start-up work before serving: migrate when configured to.</summary>
    public static async Task MigrateIfConfiguredAsync(IServiceProvider services, CancellationToken ct = default)
    {
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ShouldMigrateOnStart)
            await MigrateAsync(services, ct);
    }

    /// <summary>
    /// Start-up work that overlaps with serving: the demo district (the gate waits for it), then the
    /// catalog and the registry's businesses in the background (health reports Degraded until they are in).
    /// </summary>
    public static Task SeedDemoAsync(IServiceProvider services, bool demo)
    {
        var progress = services.GetRequiredService<DemoProgress>();
        if (!demo)
        {
            progress.Background = Task.CompletedTask;
            return Task.CompletedTask;
        }
        var district = Task.Run(() => SeedAsync(services, s => s.GetRequiredService<DemoSeeder>().SeedDistrictIfEmptyAsync(default)));
        progress.Background = district.ContinueWith(async _ =>
            {
                await SeedAsync(services, s => s.GetRequiredService<DemoSeeder>().SeedCatalogAndRegistryIfEmptyAsync(default));
                await SeedAsync(services, s => s.GetRequiredService<DemoCredit>().SeedIfEmptyAsync(default));
                await SeedAsync(services, s => s.GetRequiredService<DemoSpotChecks>().SeedIfEmptyAsync(default));
            },
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default).Unwrap();
        return district;
    }

    private static async Task SeedAsync(IServiceProvider services, Func<IServiceProvider, Task> seed)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditTrail>().ActAs(AuditActor.System);
        try
        {
            await seed(scope.ServiceProvider);
        }
        catch (Exception e)
        {
            // The background part has no request to fail: say it here (health also turns Unhealthy).
            scope.ServiceProvider.GetRequiredService<ILogger<DemoSeeder>>().LogError(e, "Seeding demo data failed");
            throw;
        }
    }

    /// <summary>
    /// Holds every request until <paramref name="preparation"/> has finished; stops the application
    /// if it fails, since a half-prepared database must not be served.
    /// </summary>
    public static WebApplication UseReadinessGate(this WebApplication app, Task preparation)
    {
        preparation.ContinueWith(t =>
        {
            app.Logger.LogCritical(t.Exception, "Preparing the database failed; stopping");
            Environment.ExitCode = 1;
            app.Lifetime.StopApplication();
        }, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        app.Use(async (context, next) =>
        {
            if (!preparation.IsCompletedSuccessfully) await preparation;
            await next(context);
        });
        return app;
    }
}
