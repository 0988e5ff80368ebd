using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Platform.Data;

/// <summary>
/// Creates the schema of an empty SQLite database from the script of all migrations, which
/// build/new-migration.sh writes with <c>dotnet ef migrations script</c> (Migrations/Sqlite/schema.sql).
/// Applying the migrations one by one makes EF Core build each migration's target model first, most of
/// a second at the first start of the demo; the script is the same SQL without that. MigrationTests check
/// that the script is what EF Core generates from the migrations today and that it makes the same schema.
/// Anything but an empty database (or a script that lags behind) goes through EF Core's migrations.
/// </summary>
public static class SqliteSchemaScript
{
    private const string ResourceName = "Jianguan.Web.Platform.Data.Migrations.Sqlite.schema.sql";

    /// <summary>The script as build/new-migration.sh wrote it.</summary>
    public static string Read()
    {
        using var stream = typeof(SqliteSchemaScript).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Runs the script if the database is SQLite and empty and the script covers exactly the migrations
    /// there are; false (nothing done) otherwise.
    /// </summary>
    public static async Task<bool> TryCreateAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (!db.Database.IsSqlite()) return false;
        var script = Read();
        var migrations = db.Database.GetMigrations().ToList();
        if (migrations.Count == 0 || migrations.Any(id => !script.Contains($"VALUES ('{id}', ", StringComparison.Ordinal))
            || CountOf(script, "INSERT INTO \"__EFMigrationsHistory\"") != migrations.Count)
            return false;

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            // One transaction for the whole script instead of one per migration: a second instance
            // starting on the same new file waits, then finds the tables and leaves them alone.
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            if (await ScalarAsync(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'", ct) != 0)
                return false;
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = WithoutTransactions(script);
                await command.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // The script wraps each migration in BEGIN TRANSACTION; … COMMIT; on lines of their own.
    private static string WithoutTransactions(string script) =>
        string.Join('\n', script.ReplaceLineEndings("\n").Split('\n').Where(line => line.Trim() is not ("BEGIN TRANSACTION;" or "COMMIT;")));

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    private static async Task<long> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }
}
