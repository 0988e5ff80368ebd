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
        // Contexts come from a pool: making one (EF's services for it, a scope of its own) was a fifth of a short
        // request's processor time, and its options once for the application. Each request leases one for its
        // scope, with the scope's audit trail, and returns it when the scope ends.
        if (options.Provider == DatabaseProvider.Postgres)
        {
            var connectionString = PostgresConnectionStrings.Resolve(options.ConnectionString);
            builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
            builder.Services.AddSingleton(s => new DbConnections(s.GetRequiredService<NpgsqlDataSource>()));
            builder.Services.AddPooledDbContextFactory<PostgresAppDbContext>((s, o) =>
                Configure(o.UseNpgsql(s.GetRequiredService<NpgsqlDataSource>()), CompiledModels.Postgres.PostgresAppDbContextModel.Instance)
                    .AddInterceptors(PostgresAppDbContext.Interceptors));
            builder.Services.AddScoped<AppDbContext>(Lease<PostgresAppDbContext>);
        }
        else
        {
            var connectionString = SqliteConnectionStrings.Resolve(options.ConnectionString, builder.Environment.ContentRootPath);
            builder.Services.AddSingleton(new DbConnections(connectionString));
            builder.Services.AddPooledDbContextFactory<SqliteAppDbContext>(o =>
                Configure(o.UseSqlite(connectionString), CompiledModels.Sqlite.SqliteAppDbContextModel.Instance)
                    .AddInterceptors(SqliteAppDbContext.Interceptors));
            builder.Services.AddScoped<AppDbContext>(Lease<SqliteAppDbContext>);
        }
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<Demo.DemoProgressHealthCheck>("demo-data");
        return builder;
    }

    private static AppDbContext Lease<TContext>(IServiceProvider services) where TContext : AppDbContext
    {
        var db = services.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
        db.AuditTrail = services.GetRequiredService<AuditTrail>();
        return db;
    }

    /// <summary>
    /// Migrating would otherwise diff the model against the migration snapshot at every start, which
    /// costs seconds; a test (MigrationTests) checks instead that both providers' migrations match the model.
    /// The compiled model is named rather than found: without it EF looks for it among the assembly's attributes
    /// each time a context is made, once a request (an eighth of a short API request's processor time).
    /// </summary>
    private static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, Microsoft.EntityFrameworkCore.Metadata.IModel model) =>
        options.UseModel(model).ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning));
}
