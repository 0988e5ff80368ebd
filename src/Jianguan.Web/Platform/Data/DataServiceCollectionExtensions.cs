using Jianguan.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

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
        if (options.Provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => Configure(o.UseNpgsql(options.ConnectionString)));
        }
        else
        {
            var connectionString = SqliteConnectionStrings.Resolve(options.ConnectionString, builder.Environment.ContentRootPath);
            builder.Services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => Configure(o.UseSqlite(connectionString)));
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
