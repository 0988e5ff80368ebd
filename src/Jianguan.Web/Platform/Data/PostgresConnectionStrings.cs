using System.Data.Common;
using Npgsql;

namespace Jianguan.Web.Platform.Data;

public static class PostgresConnectionStrings
{
    /// <summary>How many statements each connection keeps prepared when the connection string does not say.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// Prepares statements the platform sends again and again (the public look-up's above all) once a connection,
    /// so PostgreSQL plans them once instead of at each request, unless the connection string sets Max Auto Prepare
    /// itself (0 turns it off).
    /// </summary>
    public static string Resolve(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare")) return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = DefaultMaxAutoPrepare }.ConnectionString;
    }
}
