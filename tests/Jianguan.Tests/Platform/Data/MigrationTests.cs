using Jianguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Jianguan.Web.Platform.Audit;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Modules.Credit;

namespace Jianguan.Tests.Platform.Data;

/// <summary>
/// Every schema change is a migration for both providers, and the compiled models follow the entity
/// classes (build/new-migration.sh does both). These fail when either lags behind.
/// </summary>
public abstract class MigrationTests(JianguanApp app)
{
    [Fact]
    public async Task The_migrations_match_the_model()
    {
        Assert.False(await app.WithDb(db => Task.FromResult(db.Database.HasPendingModelChanges())),
            "the model has changes no migration covers: run build/new-migration.sh NAME");
    }

    [Fact]
    public async Task The_compiled_model_matches_the_entity_classes()
    {
        var (compiled, fresh) = await app.WithDb(db =>
        {
            // The model as the entity classes and configurations make it today, bypassing the compiled one.
            var conventions = db.GetService<IConventionSetBuilder>().CreateConventionSet();
            var builder = new ModelBuilder(conventions, db.GetService<ModelDependencies>());
            db.BuildModelFromCode(builder);
            var model = db.GetService<IModelRuntimeInitializer>().Initialize(builder.FinalizeModel(), designTime: false);
            return Task.FromResult((Shape(db.Model), Shape(model)));
        });
        Assert.True(compiled.SetEquals(fresh),
            "the compiled model lags behind the entity classes (run build/new-migration.sh): " +
            string.Join("; ", fresh.Except(compiled).Concat(compiled.Except(fresh).Select(l => "only compiled: " + l))));
    }

    /// <summary>What the database sees of a model: tables, columns and their types, keys, indexes, foreign keys.</summary>
    private static HashSet<string> Shape(IModel model) =>
        model.GetEntityTypes().SelectMany(e => e.GetProperties()
                .Select(p => $"{e.GetTableName()}.{p.GetColumnName()} {p.ClrType.Name} null={p.IsNullable}")
            .Concat(e.GetKeys().Select(k => $"{e.GetTableName()} key({string.Join(",", k.Properties.Select(p => p.Name))})"))
            .Concat(e.GetIndexes().Select(i => $"{e.GetTableName()} index({string.Join(",", i.Properties.Select(p => p.Name))}) unique={i.IsUnique}"))
            .Concat(e.GetForeignKeys().Select(f => $"{e.GetTableName()} fk({string.Join(",", f.Properties.Select(p => p.Name))})->{f.PrincipalEntityType.GetTableName()} {f.DeleteBehavior}")))
        .ToHashSet();

    [Fact]
    public async Task The_database_has_every_migration_applied()
    {
        Assert.Empty(await app.WithDb(async db => (await db.Database.GetPendingMigrationsAsync()).ToList()));
    }

    /// <summary>A new, empty database of the provider, given to <paramref name="use"/> and removed after.</summary>
    protected abstract Task WithNewDatabaseAsync(Func<AppDbContext, Task> use);

    [Fact]
    public async Task An_entitys_latest_assessment_moves_into_its_class_row_and_the_earlier_stays_history()
    {
        await WithNewDatabaseAsync(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            var all = db.Database.GetMigrations().ToList();
            var move = all.FindIndex(m => m.EndsWith("_LatestAssessmentInEntityRiskClass", StringComparison.Ordinal));
            await migrator.MigrateAsync(all[move - 1]);
            const string june = """{"factors":[{"code":"SER","name":"列入严重违法失信名单","value":1,"points":40,"recordIds":[],"listingIds":[12]}],"scoredClass":null,"observationTag":null}""";
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO risk_assessments ("Id", "RunId", "EntityId", "Class", "Score", "Explanation", "AsOf", "ModelId")
                VALUES (1, 10, 5, 1, '0', {1}, '2026-05-01', 3),
                       (2, 11, 5, 4, '40', {0}, '2026-06-01', 3);
                INSERT INTO entity_risk_classes ("EntityId", "Class", "Score", "AssessmentId", "Fingerprint", "Since") VALUES (5, 4, '40', 2, 0, '2026-06-01');
                """, june, """{"factors":[],"scoredClass":null,"observationTag":null}""");
            await migrator.MigrateAsync();
            var latest = await db.Set<EntityRiskClass>().AsNoTracking().SingleAsync();
            Assert.Equal((11L, new DateOnly(2026, 6, 1), 3, RiskClass.D), (latest.RunId, latest.AsOf, latest.ModelId, latest.Class));
            Assert.Equal(("SER", "列入严重违法失信名单"), (latest.Explanation.Factors[0].Code, latest.Explanation.Factors[0].Name));
            var history = await db.Set<RiskAssessment>().AsNoTracking().SingleAsync();
            Assert.Equal((1L, 10L, RiskClass.A), (history.Id, history.RunId, history.Class));
        });
    }
}

public sealed class MigrationTests_Sqlite(SqliteApp app) : MigrationTests(app), IClassFixture<SqliteApp>
{
    protected override async Task WithNewDatabaseAsync(Func<AppDbContext, Task> use) => await SchemaOfNewDatabaseAsync(use);

    [Fact]
    public async Task The_schema_script_of_a_new_database_is_what_EF_Core_generates_from_the_migrations()
    {
        var generated = await app.WithDb(db => Task.FromResult(db.GetService<IMigrator>().GenerateScript()));
        Assert.True(Normalize(generated) == Normalize(SqliteSchemaScript.Read()),
            "Platform/Data/Migrations/Sqlite/schema.sql lags behind the migrations: run build/new-migration.sh, or " +
            "dotnet ef migrations script --project src/Jianguan.Web --context SqliteAppDbContext --output src/Jianguan.Web/Platform/Data/Migrations/Sqlite/schema.sql");
    }

    private static string Normalize(string script) => script.ReplaceLineEndings("\n").Trim();

    [Fact]
    public async Task A_new_database_made_by_the_script_is_the_one_the_migrations_make()
    {
        var byMigrations = await SchemaOfNewDatabaseAsync(async db => await db.Database.MigrateAsync());
        var byScript = await SchemaOfNewDatabaseAsync(async db => Assert.True(await SqliteSchemaScript.TryCreateAsync(db)));
        Assert.NotEmpty(byMigrations);
        Assert.Equal(byMigrations, byScript);
    }

    [Fact]
    public async Task The_script_leaves_a_database_that_is_not_empty_to_the_migrations()
    {
        var schema = await SchemaOfNewDatabaseAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE someone_elses (id INTEGER)");
            Assert.False(await SqliteSchemaScript.TryCreateAsync(db));
        });
        Assert.Equal(["table someone_elses CREATE TABLE someone_elses (id INTEGER)", "rows someone_elses 0"], schema);
    }

    /// <summary>Every object's SQL in sqlite_master and every table's row count, after <paramref name="create"/> on a new file.</summary>
    private static async Task<List<string>> SchemaOfNewDatabaseAsync(Func<AppDbContext, Task> create)
    {
        var path = Path.Combine(Path.GetTempPath(), $"jianguan-schema-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={path}").Options;
            await using var db = new SqliteAppDbContext(options) { AuditTrail = new AuditTrail(new Microsoft.AspNetCore.Http.HttpContextAccessor(), TimeProvider.System) };
            await create(db);
            var objects = await db.Database.SqlQueryRaw<string>(
                "SELECT type || ' ' || name || ' ' || coalesce(sql, '') AS \"Value\" FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").ToListAsync();
            var tables = await db.Database.SqlQueryRaw<string>(
                "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_name_grams%' AND name <> '__EFMigrationsLock' ORDER BY name").ToListAsync();
            foreach (var table in tables)
            {
                // A table name read from sqlite_master just above, not input.
                var count = "SELECT count(*) AS \"Value\" FROM \"" + table + "\"";
                objects.Add($"rows {table} " + await db.Database.SqlQueryRaw<long>(count).SingleAsync());
            }
            return objects.Where(o => !o.Contains("__EFMigrationsLock")).ToList();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }
}
public sealed class MigrationTests_Postgres(PostgresApp app) : MigrationTests(app), IClassFixture<PostgresApp>
{
    protected override async Task WithNewDatabaseAsync(Func<AppDbContext, Task> use)
    {
        var name = $"jg_test_{Guid.NewGuid():N}";
        await using var admin = new Npgsql.NpgsqlConnection(PostgresApp.ServerConnectionString);
        await admin.OpenAsync();
        // A database name cannot be a parameter; this one is made here from a GUID, never from input.
        await using (var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin)) await create.ExecuteNonQueryAsync();
        try
        {
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(PostgresApp.ServerConnectionString) { Database = name }.ConnectionString;
            await using var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connection).Options)
                { AuditTrail = new AuditTrail(new Microsoft.AspNetCore.Http.HttpContextAccessor(), TimeProvider.System) };
            await use(db);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
