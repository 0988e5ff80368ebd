using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Jianguan.Web.Platform.Data;

/// <summary>
/// Binds a provider value to a statement's parameter by position through SQLite's C API, storing it as
/// Microsoft.Data.Sqlite stores a parameter of no declared <c>SqliteType</c> (what EF Core's save sends): integers and
/// booleans as integers, dates and decimals as the text EF Core compares them by, byte arrays as blobs. A type it does
/// not know is refused rather than stored in a form the rest of the application would not read.
/// </summary>
internal static class SqliteValue
{
    public static void Bind(sqlite3 db, sqlite3_stmt statement, int position, object? value)
    {
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(statement, position),
            string text => raw.sqlite3_bind_text(statement, position, text),
            long number => raw.sqlite3_bind_int64(statement, position, number),
            int number => raw.sqlite3_bind_int64(statement, position, number),
            short number => raw.sqlite3_bind_int64(statement, position, number),
            byte number => raw.sqlite3_bind_int64(statement, position, number),
            bool flag => raw.sqlite3_bind_int64(statement, position, flag ? 1 : 0),
            double number when double.IsNaN(number) => throw new InvalidOperationException("SQLite cannot store NaN."),
            double number => raw.sqlite3_bind_double(statement, position, number),
            byte[] bytes => raw.sqlite3_bind_blob(statement, position, bytes),
            decimal number => raw.sqlite3_bind_text(statement, position, number.ToString("0.0###########################", CultureInfo.InvariantCulture)),
            DateOnly day => raw.sqlite3_bind_text(statement, position, day.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
            DateTime time => raw.sqlite3_bind_text(statement, position, time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            DateTimeOffset time => raw.sqlite3_bind_text(statement, position, time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
            Enum member => raw.sqlite3_bind_int64(statement, position, Convert.ToInt64(member, CultureInfo.InvariantCulture)),
            Guid id => raw.sqlite3_bind_text(statement, position, id.ToString().ToUpperInvariant()),
            _ => throw new NotSupportedException($"A bulk insert into SQLite cannot store a {value.GetType().Name}: add it to {nameof(SqliteValue)}."),
        };
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
    }
}
