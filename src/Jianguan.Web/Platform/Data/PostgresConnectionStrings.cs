using System.Data.Common;
using Npgsql;

namespace Jianguan.Web.Platform.Data;

public static class PostgresConnectionStrings
{
    /// <summary>How many statements each connection keeps prepared when the connection string does not say.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// Two defaults for what the platform sends, each unless the connection string sets it itself:
    /// <list type="bullet">
    /// <item>Max Auto Prepare: statements sent again and again (the public look-up's above all) are prepared once a
    /// connection, so PostgreSQL plans them once instead of at each request (0 turns it off).</item>
    /// <item>No Reset On Close: a connection going back to the pool is not reset. The reset (RESET ALL, CLOSE ALL,
    /// UNLISTEN *, DISCARD …) went to the server with the next command on that connection, a statement parsed and run
    /// at every open, three or four times an evidence upload. The platform leaves no session state behind: its
    /// settings are transaction-local (SET LOCAL, advisory transaction locks) and the one LISTEN stops listening
    /// before its connection goes back (PublicCreditCache).</item>
    /// </list>
    /// </summary>
    public static string Resolve(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var resolved = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare")) resolved.MaxAutoPrepare = DefaultMaxAutoPrepare;
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose")) resolved.NoResetOnClose = true;
        return resolved.ConnectionString;
    }
}
