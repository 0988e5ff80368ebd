using Jianguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

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
}

public sealed class MigrationTests_Sqlite(SqliteApp app) : MigrationTests(app), IClassFixture<SqliteApp>;
public sealed class MigrationTests_Postgres(PostgresApp app) : MigrationTests(app), IClassFixture<PostgresApp>;
