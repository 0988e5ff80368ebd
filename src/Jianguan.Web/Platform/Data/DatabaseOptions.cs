using System.ComponentModel.DataAnnotations;

namespace Jianguan.Web.Platform.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Which database the platform runs on. SQLite (a file under the data folder) unless configured otherwise.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite a path is enough ("Data Source=data/jianguan.db"); for PostgreSQL an Npgsql connection string.</summary>
    [Required(ErrorMessage = "Database:ConnectionString is required")]
    public string ConnectionString { get; set; } = "Data Source=data/jianguan.db";

    /// <summary>Apply migrations at start. On by default for SQLite; PostgreSQL is migrated with the explicit `migrate` command.</summary>
    public bool? MigrateOnStart { get; set; }

    public bool ShouldMigrateOnStart => MigrateOnStart ?? Provider == DatabaseProvider.Sqlite;
}
