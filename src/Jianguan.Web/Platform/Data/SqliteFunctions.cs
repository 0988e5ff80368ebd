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
    public static void Register(SqliteConnection connection) => Modules.Registry.EntityNameIndex.RegisterSqliteFunction(connection);

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
