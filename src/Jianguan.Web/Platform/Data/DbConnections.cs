using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Jianguan.Web.Platform.Data;

/// <summary>
/// Plain connections to the platform's database, for reads so frequent that creating a DbContext would cost more
/// than the read (the public credit look-up). On PostgreSQL they come from the data source the context uses too, so
/// both share one pool; on SQLite from the same connection string.
/// </summary>
public sealed class DbConnections
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqlite;

    public DbConnections(NpgsqlDataSource postgres) => _postgres = postgres;

    public DbConnections(string sqliteConnectionString) => _sqlite = sqliteConnectionString;

    public DbConnection Create() => _postgres is not null ? _postgres.CreateConnection() : new SqliteConnection(_sqlite);
}
