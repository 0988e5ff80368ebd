using Microsoft.Data.Sqlite;

namespace Jianguan.Web.Platform.Data;

public static class SqliteConnectionStrings
{
    /// <summary>
    /// Makes a relative SQLite file path absolute under the content root and creates its folder,
    /// so `dotnet run` from anywhere finds the same file.
    /// </summary>
    public static string Resolve(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is not (":memory:" or "") && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(builder.DataSource) ? builder.DataSource : Path.Combine(contentRoot, builder.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }
        // Several requests write at once: wait for the lock instead of failing at once.
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, 30);
        return builder.ToString();
    }
}
