using System.Runtime.InteropServices;
using System.Threading.Channels;
using Jianguan.Integrity;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Jianguan.Web.Platform.Audit;

/// <summary>
/// Verification of the whole trail from the database. Reading and hashing overlap: a reader fills
/// <see cref="Utf8AuditBatch"/>es on a thread of its own while the verifier hashes the batch before on the
/// other cores. A few batches go round between the two, so neither side allocates per batch.
/// </summary>
internal sealed class AuditBatchPipe
{
    private readonly Channel<Utf8AuditBatch> _full = Channel.CreateBounded<Utf8AuditBatch>(1);
    private readonly Channel<Utf8AuditBatch> _empty = Channel.CreateUnbounded<Utf8AuditBatch>();
    private readonly CancellationToken _stop;

    private AuditBatchPipe(CancellationToken stop)
    {
        _stop = stop;
        // One being filled, one waiting, one being hashed.
        for (var i = 0; i < 3; i++) _empty.Writer.TryWrite(new Utf8AuditBatch());
    }

    /// <summary>
    /// Runs <paramref name="read"/> on a dedicated thread and checks what it submits. Readers are
    /// synchronous: they hold spans into the driver's buffers, which cannot live across an await, and a
    /// dedicated thread may block without starving the thread pool.
    /// </summary>
    public static async Task<ChainVerification> VerifyAsync(Action<AuditBatchPipe> read, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pipe = new AuditBatchPipe(stop.Token);
        var reader = Task.Factory.StartNew(() =>
        {
            try
            {
                read(pipe);
                pipe._full.Writer.Complete();
            }
            catch (Exception e)
            {
                pipe._full.Writer.Complete(e);
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            using var verifier = new AuditChainVerifier();
            await foreach (var batch in pipe._full.Reader.ReadAllAsync(ct))
            {
                if (!verifier.CheckBatch(batch)) break;
                batch.Clear();
                pipe._empty.Writer.TryWrite(batch);
            }
            return verifier.Result();
        }
        finally
        {
            // A break found (or the request gone): stop the reader, and let it finish with the connection
            // before the caller closes it.
            await stop.CancelAsync();
            try { await reader; } catch (OperationCanceledException) { }
        }
    }

    /// <summary>An empty batch to fill first.</summary>
    public Utf8AuditBatch Empty() => _empty.Reader.ReadAsync(_stop).AsTask().GetAwaiter().GetResult();

    /// <summary>Hands a full batch to the verifier and returns an empty one, waiting while the verifier is behind.</summary>
    public Utf8AuditBatch Submit(Utf8AuditBatch batch)
    {
        Last(batch);
        return Empty();
    }

    /// <summary>Hands the last batch, full or not, to the verifier.</summary>
    public void Last(Utf8AuditBatch batch)
    {
        if (batch.Count > 0) _full.Writer.WriteAsync(batch, _stop).AsTask().GetAwaiter().GetResult();
    }
}

/// <summary>
/// Reads audit_entries through SQLite's own C API, under Microsoft.Data.Sqlite: text columns arrive as
/// UTF-8 spans into SQLite's row and are copied into the batch without becoming strings. Through
/// SqliteDataReader, making 9 strings an entry cost four times the hashing.
/// </summary>
internal static unsafe class SqliteAuditRows
{
    public static void Read(SqliteConnection connection, AuditBatchPipe pipe)
    {
        var shared = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        // A connection of its own to the same file, without SQLite's mutex: every call into a shared
        // connection takes and releases it, a third of the cost of reading a row here. This thread alone
        // uses the new connection. An in-memory database has no file: read it through the shared one.
        var file = raw.sqlite3_db_filename(shared, "main").utf8_to_string();
        if (string.IsNullOrEmpty(file))
        {
            Read(shared, connection, pipe);
            return;
        }
        var rc = raw.sqlite3_open_v2(file, out var own, raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX, null);
        using (own)
        {
            SqliteException.ThrowExceptionForRC(rc, own);
            Read(own, connection, pipe);
        }
    }

    private static void Read(sqlite3 db, SqliteConnection connection, AuditBatchPipe pipe)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, AuditReader.SelectAll, out var statement), db);
        using (statement)
        {
            var row = new Row(statement.DangerousGetHandle());
            var batch = pipe.Empty();
            int rc;
            // The database is in WAL mode (DatabaseMigrator): a reader is not blocked by writers.
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var sequence = row.Int64(0);
                // A null actor id reads as empty, which the hash treats the same.
                batch.Add(sequence, OccurredAtUtcTicks(connection, row, sequence), row.IsNull(4) ? null : (int)row.Int64(4),
                    row.Utf8(2), row.Utf8(3), row.Utf8(5), row.Utf8(6), row.Utf8(7), row.Utf8(8), row.Utf8(9), row.Utf8(10));
                if (batch.IsFull) batch = pipe.Submit(batch);
            }
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
            pipe.Last(batch);
        }
    }

    /// <summary>
    /// The current row of a statement, read through the column functions of the very library SQLitePCLRaw
    /// loaded, called directly: through SQLitePCLRaw each call pins the statement's SafeHandle and goes
    /// through an interface, which cost as much as SQLite's own work. They only read the row in memory,
    /// so they need no transition to preemptive GC mode either. Spans stay valid until the next step.
    /// </summary>
    private readonly struct Row(nint statement)
    {
        public bool IsNull(int column) => Functions.ColumnType(statement, column) == raw.SQLITE_NULL;
        public long Int64(int column) => Functions.ColumnInt64(statement, column);
        public int Type(int column) => Functions.ColumnType(statement, column);

        /// <summary>The stored bytes of a text column: SQLite's text is UTF-8 here, as Microsoft.Data.Sqlite writes it.</summary>
        public ReadOnlySpan<byte> Utf8(int column)
        {
            // The pointer first, then the length, as SQLite asks.
            var bytes = Functions.ColumnBlob(statement, column);
            return new ReadOnlySpan<byte>(bytes, Functions.ColumnBytes(statement, column));
        }
    }

    private static class Functions
    {
        private static readonly nint Library = NativeLibrary.Load(raw.GetNativeLibraryName(), typeof(raw).Assembly, null);
        public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, int> ColumnType =
            (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, int>)NativeLibrary.GetExport(Library, "sqlite3_column_type");
        public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, long> ColumnInt64 =
            (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, long>)NativeLibrary.GetExport(Library, "sqlite3_column_int64");
        public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, byte*> ColumnBlob =
            (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, byte*>)NativeLibrary.GetExport(Library, "sqlite3_column_blob");
        public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, int> ColumnBytes =
            (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, int>)NativeLibrary.GetExport(Library, "sqlite3_column_bytes");
    }

    /// <summary>
    /// EF stores instants as TEXT "yyyy-MM-dd HH:mm:ss.FFFFFFF", parsed here from the bytes; any other
    /// form (edited by hand, say) is read by Microsoft.Data.Sqlite as the string path reads it.
    /// </summary>
    private static long OccurredAtUtcTicks(SqliteConnection connection, Row row, long sequence)
    {
        if (row.Type(1) == raw.SQLITE_TEXT && TryParseTimestamp(row.Utf8(1), out var ticks))
            return ticks;
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT "OccurredAtUtc" FROM audit_entries WHERE "Sequence" = $sequence""";
        command.Parameters.AddWithValue("$sequence", sequence);
        using var reader = command.ExecuteReader();
        reader.Read();
        return DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc).Ticks;
    }

    /// <summary>"yyyy-MM-dd HH:mm:ss" with an optional fraction of 1 to 7 digits, as DateTime.Parse reads it.</summary>
    internal static bool TryParseTimestamp(ReadOnlySpan<byte> text, out long ticks)
    {
        ticks = 0;
        if (text.Length is < 19 or 20 or > 27
            || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':'
            || (text.Length > 19 && text[19] != '.'))
            return false;
        int year = Digits(text[..4]), month = Digits(text[5..7]), day = Digits(text[8..10]),
            hour = Digits(text[11..13]), minute = Digits(text[14..16]), second = Digits(text[17..19]),
            fraction = text.Length > 20 ? Digits(text[20..]) : 0;
        if ((year | month | day | hour | minute | second | fraction) < 0
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
            return false;
        // The fraction's digits are tenths, hundredths ... of a second: "5" is 5,000,000 ticks.
        ticks = new DateTime(year, month, day, hour, minute, second).Ticks
            + (text.Length > 20 ? fraction * TicksPerFractionUnit[text.Length - 20] : 0);
        return true;
    }

    private static readonly int[] TicksPerFractionUnit = [0, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

    private static int Digits(ReadOnlySpan<byte> text)
    {
        var value = 0;
        foreach (var c in text)
        {
            if (c is < (byte)'0' or > (byte)'9') return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }
}

/// <summary>
/// Reads audit_entries by binary COPY: one stream of rows without a message per row. Text columns are
/// read as bytea, which in binary COPY is the same bytes (UTF-8, the client encoding Npgsql sets), so no
/// string is made per field.
/// </summary>
internal static class PostgresAuditRows
{
    public static void Read(NpgsqlConnection connection, AuditBatchPipe pipe)
    {
        using var rows = connection.BeginBinaryExport($"COPY ({AuditReader.SelectAll}) TO STDOUT (FORMAT BINARY)");
        var batch = pipe.Empty();
        while (rows.StartRow() != -1)
        {
            var sequence = rows.Read<long>(NpgsqlDbType.Bigint);
            var occurredAt = rows.Read<DateTime>(NpgsqlDbType.TimestampTz);
            var actorId = Utf8(rows);
            var actorName = Utf8(rows);
            int? departmentId = rows.IsNull ? Skip(rows) : rows.Read<int>(NpgsqlDbType.Integer);
            batch.Add(sequence, DateTime.SpecifyKind(occurredAt, DateTimeKind.Utc).Ticks, departmentId,
                actorId, actorName, Utf8(rows), Utf8(rows), Utf8(rows), Utf8(rows), Utf8(rows), Utf8(rows));
            if (batch.IsFull) batch = pipe.Submit(batch);
        }
        pipe.Last(batch);
    }

    // A null actor id reads as empty, which the hash treats the same.
    private static byte[] Utf8(NpgsqlBinaryExporter rows)
    {
        if (!rows.IsNull) return rows.Read<byte[]>(NpgsqlDbType.Bytea);
        rows.Skip();
        return [];
    }

    private static int? Skip(NpgsqlBinaryExporter rows)
    {
        rows.Skip();
        return null;
    }
}
