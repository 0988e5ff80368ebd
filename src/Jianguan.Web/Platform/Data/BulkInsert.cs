using System.Data.Common;
using Jianguan.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace Jianguan.Web.Platform.Data;

/// <summary>
/// Inserts many new rows of one table without change tracking, each with its "Created" audit entry, as the
/// context's save would write them: a registry import writes a million rows, and EF's change tracking and
/// one statement per row cost twenty times the reading of the file. PostgreSQL gets the rows by binary COPY
/// (keys reserved from the table's identity sequence first), SQLite through prepared statements of a hundred rows each,
/// bound by position.
/// The columns come from the EF model, so a new property is written without touching this class. Only
/// for plain rows: navigations are not followed, the caller inserts dependants after their principals.
/// </summary>
internal static class BulkInsert
{
    public static async Task InsertAsync<T>(AppDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var table = await WriteAsync(db, rows, ct);
        await db.AuditTrail.AppendAsync(db, [.. rows.Select(r => new AuditTrail.AuditItem(
            "Created", typeof(T).Name,
            AuditTrail.KeyOf(table.Key.Select(k => k.GetGetter().GetClrValue(r))),
            AuditTrail.RowValues(table.All.Select(p => (p.Name, p.GetGetter().GetClrValue(r))))))], ct);
    }

    /// <summary>
    /// Inserts rows without audit entries: only for rows derived from audited ones and reproducible from them
    /// (a reclassification's assessments, from the records and the model version its audited run names).
    /// </summary>
    public static Task InsertDerivedAsync<T>(AppDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class =>
        WriteAsync(db, rows, ct);

    private static async Task<Table> WriteAsync<T>(AppDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Bulk inserts run inside a transaction.");
        var table = TableOf<T>(db);
        if (rows.Count == 0) return table;
        if (db.Database.IsNpgsql()) await CopyAsync(db, table, rows, ct);
        else await InsertManyAsync(db, table, rows, ct);
        return table;
    }

    private sealed record Table(string Name, IProperty[] All, IProperty[] Key, IProperty? Generated, Column[] Columns);

    private sealed record Column(IProperty Property, string Name, ValueConverter? Converter);

    private static Table TableOf<T>(AppDbContext db)
    {
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var name = type.GetTableName()!;
        var store = StoreObjectIdentifier.Table(name, type.GetSchema());
        var all = type.GetProperties().ToArray();
        var key = type.FindPrimaryKey()!.Properties.ToArray();
        var generated = key is [{ ValueGenerated: ValueGenerated.OnAdd } k] ? k : null;
        return new Table(name, all, key, generated,
            [.. all.Select(p => new Column(p, p.GetColumnName(store)!, p.GetTypeMapping().Converter))]);
    }

    private static object? ProviderValue(Column column, object row)
    {
        var value = column.Property.GetGetter().GetClrValue(row);
        return value is null ? null : column.Converter is { } c ? c.ConvertToProvider(value) : value;
    }

    private static async Task CopyAsync<T>(AppDbContext db, Table table, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (table.Generated is { } generated)
        {
            // COPY returns nothing: the keys are taken from the identity sequence beforehand and written explicitly.
            await using var reserve = connection.CreateCommand();
            reserve.CommandText = "SELECT nextval(pg_get_serial_sequence(@table, @column)) FROM generate_series(1, @count)";
            reserve.Parameters.AddWithValue("table", Quote(table.Name));
            reserve.Parameters.AddWithValue("column", generated.GetColumnName());
            reserve.Parameters.AddWithValue("count", rows.Count);
            await using var keys = await reserve.ExecuteReaderAsync(ct);
            var setter = generated.PropertyInfo!;
            foreach (var row in rows)
            {
                await keys.ReadAsync(ct);
                setter.SetValue(row, Convert.ChangeType(keys.GetInt64(0), setter.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        // The column's store type names the wire format (bigint, not integer, for a long), so the binary rows
        // cannot disagree with the columns the migrations created. Facets such as "(128)" are not part of it.
        var columns = table.Columns.Select(c => ColumnCopy<T>.Of(c, WithoutFacets(c.Property.GetColumnType()))).ToArray();
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {Quote(table.Name)} ({string.Join(", ", table.Columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            foreach (var column in columns) await column.WriteAsync(copy, row, ct);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>
    /// Writes one column of a row to a binary COPY with its value typed from the property's getter to Npgsql, through
    /// EF's typed converter where the column has one: a million rows of nine columns were nine million boxes and as
    /// many look-ups of the wire type by the value's runtime type. Made once a column and kept.
    /// </summary>
    private abstract class ColumnCopy<TRow> where TRow : class
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<(IProperty, string), ColumnCopy<TRow>> Made = new();

        public abstract Task WriteAsync(NpgsqlBinaryImporter copy, TRow row, CancellationToken ct);

        public static ColumnCopy<TRow> Of(Column column, string type) => Made.GetOrAdd((column.Property, type), _ => Make(column, type));

        private static ColumnCopy<TRow> Make(Column column, string type)
        {
            var property = column.Property.PropertyInfo;
            if (property?.GetMethod is not { } getter || property.DeclaringType?.IsAssignableFrom(typeof(TRow)) != true) return new Boxed(column, type);
            if (column.Converter is { } converter)
            {
                // A converter of the property's own type; a nullable property's converter is of the underlying type, left boxed.
                if (converter.ModelClrType != property.PropertyType) return new Boxed(column, type);
                return (ColumnCopy<TRow>)Activator.CreateInstance(
                    typeof(Converted<,>).MakeGenericType(typeof(TRow), converter.ModelClrType, converter.ProviderClrType), getter, converter, type)!;
            }
            var copier = Nullable.GetUnderlyingType(property.PropertyType) is { } underlying
                ? typeof(NullableValue<>).MakeGenericType(typeof(TRow), underlying)
                : typeof(Plain<>).MakeGenericType(typeof(TRow), property.PropertyType);
            return (ColumnCopy<TRow>)Activator.CreateInstance(copier, getter, type)!;
        }

        private static Func<TRow, TValue> Getter<TValue>(System.Reflection.MethodInfo getter) =>
            (Func<TRow, TValue>)Delegate.CreateDelegate(typeof(Func<TRow, TValue>), getter);

        private sealed class Plain<TValue>(System.Reflection.MethodInfo getter, string type) : ColumnCopy<TRow>
        {
            private readonly Func<TRow, TValue> _get = Getter<TValue>(getter);

            public override Task WriteAsync(NpgsqlBinaryImporter copy, TRow row, CancellationToken ct) =>
                _get(row) is { } value ? copy.WriteAsync(value, type, ct) : copy.WriteNullAsync(ct);
        }

        private sealed class NullableValue<TValue>(System.Reflection.MethodInfo getter, string type) : ColumnCopy<TRow> where TValue : struct
        {
            private readonly Func<TRow, TValue?> _get = Getter<TValue?>(getter);

            public override Task WriteAsync(NpgsqlBinaryImporter copy, TRow row, CancellationToken ct) =>
                _get(row) is { } value ? copy.WriteAsync(value, type, ct) : copy.WriteNullAsync(ct);
        }

        private sealed class Converted<TModel, TProvider>(System.Reflection.MethodInfo getter, ValueConverter converter, string type) : ColumnCopy<TRow>
        {
            private readonly Func<TRow, TModel> _get = Getter<TModel>(getter);
            private readonly Func<TModel, TProvider> _convert = ((ValueConverter<TModel, TProvider>)converter).ConvertToProviderTyped;

            public override Task WriteAsync(NpgsqlBinaryImporter copy, TRow row, CancellationToken ct) =>
                _get(row) is { } value && _convert(value) is { } provider ? copy.WriteAsync(provider, type, ct) : copy.WriteNullAsync(ct);
        }

        /// <summary>Anything else (a shadow property, a converter of a nullable property): the value boxed, as before.</summary>
        private sealed class Boxed(Column column, string type) : ColumnCopy<TRow>
        {
            public override Task WriteAsync(NpgsqlBinaryImporter copy, TRow row, CancellationToken ct) =>
                ProviderValue(column, row) is { } value ? copy.WriteAsync(value, type, ct) : copy.WriteNullAsync(ct);
        }
    }

    /// <summary>
    /// Rows per statement on SQLite. Triggers (the name index's FTS5 table) flush their work at the end of
    /// every statement, so one row a statement costs ~0.3 ms where a hundred share it.
    /// </summary>
    private const int SqliteRowsPerStatement = 100;

    /// <summary>
    /// SQLite's rows go through its C API on the context's connection (inside its transaction), each value bound by
    /// position: Microsoft.Data.Sqlite binds a parameter by looking its name up in the statement
    /// (<c>sqlite3_bind_parameter_index</c>, a linear search of the statement's names), so a statement of a hundred rows
    /// of nine columns spent some 12 ms finding its 900 parameters, 19 µs a row against 1.6 µs bound by position.
    /// Values are bound as Microsoft.Data.Sqlite binds them (<see cref="SqliteValue"/>), so the stored rows are the ones
    /// a context's save writes (<c>BulkInsertTests</c>).
    /// </summary>
    private static Task InsertManyAsync<T>(AppDbContext db, Table table, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle
            ?? throw new InvalidOperationException("The connection is not open.");
        var columns = table.Columns.Where(c => c.Property != table.Generated).ToArray();
        var setter = table.Generated?.PropertyInfo;
        sqlite3_stmt? full = null;
        try
        {
            var keys = new List<long>(SqliteRowsPerStatement);
            foreach (var chunk in rows.Chunk(SqliteRowsPerStatement))
            {
                ct.ThrowIfCancellationRequested();
                // One prepared statement for the full chunks, another for the last, shorter one.
                var statement = chunk.Length == SqliteRowsPerStatement ? full ??= Prepare(handle, table, columns, chunk.Length) : Prepare(handle, table, columns, chunk.Length);
                try
                {
                    for (var r = 0; r < chunk.Length; r++)
                        for (var i = 0; i < columns.Length; i++)
                            SqliteValue.Bind(handle, statement, r * columns.Length + i + 1, ProviderValue(columns[i], chunk[r]));
                    keys.Clear();
                    int rc;
                    while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW) keys.Add(raw.sqlite3_column_int64(statement, 0));
                    if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, handle);
                    if (setter is null) continue;
                    // SQLite numbers the rows of one statement in the order of its VALUES, but does not promise
                    // to return them in that order: sorted, the keys line up with the rows again.
                    keys.Sort();
                    for (var r = 0; r < chunk.Length; r++)
                        setter.SetValue(chunk[r], Convert.ChangeType(keys[r], setter.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
                }
                finally
                {
                    if (statement != full) statement.Dispose();
                    else raw.sqlite3_reset(statement);
                }
            }
        }
        finally
        {
            full?.Dispose();
        }
        return Task.CompletedTask;
    }

    private static sqlite3_stmt Prepare(sqlite3 handle, Table table, Column[] columns, int rowCount)
    {
        // Names from the model, values bound by position: nothing from the rows enters the SQL text.
        var row = "(" + string.Join(", ", columns.Select(_ => "?")) + ")";
        var sql = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) VALUES {string.Join(", ", Enumerable.Repeat(row, rowCount))}" +
                  (table.Generated is { } g ? $" RETURNING {Quote(g.GetColumnName())}" : "");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(handle, sql, out var statement), handle);
        return statement;
    }

    private static string WithoutFacets(string storeType) =>
        storeType.IndexOf('(') is var open and >= 0 ? (storeType[..open] + storeType[(storeType.IndexOf(')') + 1)..]).Trim() : storeType;

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
