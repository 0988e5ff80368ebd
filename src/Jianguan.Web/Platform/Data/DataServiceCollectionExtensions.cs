using Jianguan.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Jianguan.Web.Platform.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers <see cref="AppDbContext"/> on the configured provider.</summary>
    public static WebApplicationBuilder AddPlatformData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditTrail>();
        // The options once for the application, not once a request: building them (and finding EF's services for
        // them) was a fifth of a short request's time. Nothing in them depends on the request.
        if (options.Provider == DatabaseProvider.Postgres)
        {
            var connectionString = PostgresConnectionStrings.Resolve(options.ConnectionString);
            builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
            builder.Services.AddSingleton(s => new DbConnections(s.GetRequiredService<NpgsqlDataSource>()));
            builder.Services.AddDbContext<AppDbContext, PostgresAppDbContext>((s, o) => Configure(o.UseNpgsql(s.GetRequiredService<NpgsqlDataSource>())),
                ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        }
        else
        {
            var connectionString = SqliteConnectionStrings.Resolve(options.ConnectionString, builder.Environment.ContentRootPath);
            builder.Services.AddSingleton(new DbConnections(connectionString));
            builder.Services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => Configure(o.UseSqlite(connectionString)), ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        }
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<Demo.DemoProgressHealthCheck>("demo-data");
        return builder;
    }

    /// <summary>
    /// Migrating would otherwise diff the model against the migration snapshot at every start, which
    /// costs seconds; a test (MigrationTests) checks instead that both providers' migrations match the model.
    /// </summary>
    private static void Configure(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning));
}
