using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jianguan.Web.Platform.Data;

/// <summary>
/// Registers the platform's own SQL functions on every SQLite connection as it opens: the triggers that keep
/// the registry's name index call one (<see cref="Modules.Registry.EntityNameIndex.Grams"/>).
/// </summary>
public sealed class SqliteFunctions : DbConnectionInterceptor
{
    public static readonly SqliteFunctions Instance = new();

    private SqliteFunctions() { }

    /// <summary>For code that opens a connection of its own (benchmarks, tools).</summary>
    public static void Register(SqliteConnection connection)
    {
        Modules.Registry.EntityNameIndex.RegisterSqliteFunction(connection);
        // A writer that finds the database locked waits inside SQLite, which retries within milliseconds, rather than
        // in Microsoft.Data.Sqlite, which sleeps 150 ms between tries: with a few phones syncing at once that sleep
        // was most of an upload's time. The same limit as the connection's command timeout.
        SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, connection.DefaultTimeout * 1000);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection sqlite) Register(sqlite);
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ConnectionOpened(connection, eventData);
        return Task.CompletedTask;
    }
}
