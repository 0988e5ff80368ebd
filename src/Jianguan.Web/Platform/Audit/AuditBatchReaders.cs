using System.Runtime.InteropServices;
using System.Threading.Channels;
using Jianguan.Integrity;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Jianguan.Web.Platform.Audit;

/// <summary>
/// Verification of the whole trail from the database. Reading and hashing overlap: readers fill
/// <see cref="Utf8AuditBatch"/>es on threads of their own while the verifier checks the batches before.
/// Each reader has a lane: batches go round in it, so no side allocates per batch, and the verifier takes
/// the lanes' batches in turn, so several readers may each read every n-th part of the trail while the
/// verifier still sees it in sequence order.
/// </summary>
internal sealed class AuditBatchPipe
{
    private readonly Lane[] _lanes;

    private AuditBatchPipe(int lanes, CancellationToken stop) =>
        _lanes = Enumerable.Range(0, lanes).Select(_ => new Lane(stop)).ToArray();

    /// <summary>
    /// Runs each of <paramref name="readers"/> on a dedicated thread with a lane of its own, and checks
    /// their batches taking one from each lane in turn. With one reader, it submits batches as they fill.
    /// With several, reader k reads the k-th, (k+n)-th … part and submits exactly one batch for each part,
    /// empty or not, and hashes it itself (<see cref="Utf8AuditBatch.Hash"/>). Readers are synchronous:
    /// they hold spans into the driver's buffers, which cannot live across an await, and a dedicated
    /// thread may block without starving the thread pool.
    /// </summary>
    public static async Task<ChainVerification> VerifyAsync(IReadOnlyList<Action<Lane>> readers, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pipe = new AuditBatchPipe(readers.Count, stop.Token);
        var running = readers.Select((read, k) => Task.Factory.StartNew(
            () => pipe._lanes[k].Run(read), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        try
        {
            var verifier = new AuditChainVerifier();
            for (var k = 0; await pipe._lanes[k].Full.Reader.WaitToReadAsync(ct); k = (k + 1) % readers.Count)
            {
                var batch = await pipe._lanes[k].Full.Reader.ReadAsync(ct);
                if (!verifier.CheckBatch(batch)) break;
                pipe._lanes[k].Recycle(batch);
            }
            return verifier.Result();
        }
        finally
        {
            // A break found (or the request gone): stop the readers, and let them finish with their
            // connections before the caller closes its own.
            await stop.CancelAsync();
            try { await Task.WhenAll(running); } catch (OperationCanceledException) { }
        }
    }

    /// <summary>One reader's batches: those it filled, waiting to be checked, and those to fill.</summary>
    internal sealed class Lane
    {
        internal readonly Channel<Utf8AuditBatch> Full = Channel.CreateBounded<Utf8AuditBatch>(1);
        private readonly Channel<Utf8AuditBatch> _empty = Channel.CreateUnbounded<Utf8AuditBatch>();
        private readonly CancellationToken _stop;

        public Lane(CancellationToken stop)
        {
            _stop = stop;
            // One being filled, one waiting, one being checked.
            for (var i = 0; i < 3; i++) _empty.Writer.TryWrite(new Utf8AuditBatch());
        }

        internal void Run(Action<Lane> read)
        {
            try
            {
                read(this);
                Full.Writer.Complete();
            }
            catch (Exception e)
            {
                Full.Writer.Complete(e);
            }
        }

        internal void Recycle(Utf8AuditBatch batch)
        {
            batch.Clear();
            _empty.Writer.TryWrite(batch);
        }

        /// <summary>An empty batch to fill first.</summary>
        public Utf8AuditBatch Empty() => _empty.Reader.ReadAsync(_stop).AsTask().GetAwaiter().GetResult();

        /// <summary>Hands a batch to the verifier, even an empty one, and returns an empty one, waiting while the verifier is behind.</summary>
        public Utf8AuditBatch Submit(Utf8AuditBatch batch)
        {
            Full.Writer.WriteAsync(batch, _stop).AsTask().GetAwaiter().GetResult();
            return Empty();
        }

        /// <summary>Hands the last batch to the verifier unless it is empty.</summary>
        public void Last(Utf8AuditBatch batch)
        {
            if (batch.Count > 0) Full.Writer.WriteAsync(batch, _stop).AsTask().GetAwaiter().GetResult();
        }
    }
}

/// <summary>
/// Reads audit_entries through SQLite's own C API, under Microsoft.Data.Sqlite: text columns arrive as
/// UTF-8 spans into SQLite's row and are copied into the batch without becoming strings. Through
/// SqliteDataReader, making 9 strings an entry cost four times the hashing.
/// </summary>
internal static unsafe class SqliteAuditRows
{
    private const double MaxRanges = 1 << 20;

    /// <summary>
    /// The readers of the whole trail: one per core, each on its own connection reading every n-th range
    /// of <paramref name="rangeSize"/> sequence numbers and hashing what it read, since reading a row costs
    /// SQLite about three times what hashing it does and one reader alone kept both cores half idle.
    /// One reader of everything for an in-memory database (it has no file to open again), a short
    /// trail, or one whose sequence numbers span more than <see cref="MaxRanges"/> ranges: only tampering
    /// leaves gaps, an empty range costs a few microseconds, and the verdict is the same either way.
    /// </summary>
    public static IReadOnlyList<Action<AuditBatchPipe.Lane>> Readers(SqliteConnection connection, int rangeSize)
    {
        if (rangeSize is < 1 or > AuditChainVerifier.BatchSize) throw new ArgumentOutOfRangeException(nameof(rangeSize));
        var shared = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var file = raw.sqlite3_db_filename(shared, "main").utf8_to_string();
        if (string.IsNullOrEmpty(file)) return [lane => ReadAll(shared, connection, lane)];

        // The bounds come from the ends of the key's b-tree, counting the entries would read the whole
        // table, and so would MIN and MAX in one SELECT: SQLite seeks only for a lone MIN or MAX.
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT (SELECT MIN("Sequence") FROM audit_entries), (SELECT MAX("Sequence") FROM audit_entries)""";
        long min, max;
        using (var bounds = command.ExecuteReader())
        {
            bounds.Read();
            if (bounds.IsDBNull(0)) return [lane => lane.Last(lane.Empty())];
            (min, max) = (bounds.GetInt64(0), bounds.GetInt64(1));
        }
        var readers = Math.Clamp(Environment.ProcessorCount, 1, 4);
        // A trail that grows while it is read is checked up to the last entry there was at the start.
        var ranges = ((double)max - min + 1) / rangeSize;
        if (readers == 1 || ranges < 2 || ranges > MaxRanges)
            return [lane => WithOwnConnection(file, db => ReadAll(db, connection, lane))];
        return Enumerable.Range(0, readers).Select(k => (Action<AuditBatchPipe.Lane>)(lane =>
            WithOwnConnection(file, db => ReadRanges(db, connection, lane, min + (long)k * rangeSize, max, rangeSize, (long)readers * rangeSize)))).ToArray();
    }

    /// <summary>
    /// Runs <paramref name="read"/> on a connection of its own to the same file, without SQLite's mutex:
    /// every call into a shared connection takes and releases it, a third of the cost of reading a row
    /// here. Only the calling thread uses the new connection.
    /// </summary>
    private static void WithOwnConnection(string file, Action<sqlite3> read)
    {
        var rc = raw.sqlite3_open_v2(file, out var own, raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX, null);
        using (own)
        {
            SqliteException.ThrowExceptionForRC(rc, own);
            read(own);
        }
    }

    private static void ReadAll(sqlite3 db, SqliteConnection connection, AuditBatchPipe.Lane lane)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, AuditReader.SelectAll, out var statement), db);
        using (statement)
        {
            var batch = lane.Empty();
            Step(db, statement, connection, ref batch, handOverWhenFull: lane);
            lane.Last(batch);
        }
    }

    /// <summary>Reads the ranges starting at <paramref name="first"/>, every <paramref name="stride"/>, up to <paramref name="last"/>: one batch each.</summary>
    private static void ReadRanges(sqlite3 db, SqliteConnection connection, AuditBatchPipe.Lane lane, long first, long last, int rangeSize, long stride)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, AuditReader.SelectRange, out var statement), db);
        using (statement)
        {
            var batch = lane.Empty();
            for (var from = first; from <= last; from += stride)
            {
                raw.sqlite3_reset(statement);
                raw.sqlite3_bind_int64(statement, 1, from);
                raw.sqlite3_bind_int64(statement, 2, Math.Min(from + rangeSize, last + 1));
                // Sequence numbers are the key: a range never holds more entries than a batch, and the
                // batch goes over whole, full or not, so that the verifier takes the ranges in turn.
                Step(db, statement, connection, ref batch, handOverWhenFull: null);
                batch.Hash();
                batch = lane.Submit(batch);
            }
        }
    }

    /// <summary>Adds the statement's rows to the batch, handing it over to <paramref name="handOverWhenFull"/> whenever it is full.</summary>
    private static void Step(sqlite3 db, sqlite3_stmt statement, SqliteConnection connection, ref Utf8AuditBatch batch, AuditBatchPipe.Lane? handOverWhenFull)
    {
        var row = new Row(statement.DangerousGetHandle());
        int rc;
        // The database is in WAL mode (DatabaseMigrator): a reader is not blocked by writers.
        while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
        {
            var sequence = row.Int64(0);
            // A null actor id reads as empty, which the hash treats the same.
            batch.Add(sequence, OccurredAtUtcTicks(connection, row, sequence), row.IsNull(4) ? null : (int)row.Int64(4),
                row.Utf8(2), row.Utf8(3), row.Utf8(5), row.Utf8(6), row.Utf8(7), row.Utf8(8), row.Utf8(9), row.Utf8(10));
            if (batch.IsFull && handOverWhenFull is not null) batch = handOverWhenFull.Submit(batch);
        }
        if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
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
        // Readers share the caller's connection for this rare case.
        lock (connection) return ReadOccurredAtUtcTicks(connection, sequence);
    }

    private static long ReadOccurredAtUtcTicks(SqliteConnection connection, long sequence)
    {
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
    public static void Read(NpgsqlConnection connection, AuditBatchPipe.Lane lane)
    {
        using var rows = connection.BeginBinaryExport($"COPY ({AuditReader.SelectAll}) TO STDOUT (FORMAT BINARY)");
        var batch = lane.Empty();
        while (rows.StartRow() != -1)
        {
            var sequence = rows.Read<long>(NpgsqlDbType.Bigint);
            var occurredAt = rows.Read<DateTime>(NpgsqlDbType.TimestampTz);
            var actorId = Utf8(rows);
            var actorName = Utf8(rows);
            int? departmentId = rows.IsNull ? Skip(rows) : rows.Read<int>(NpgsqlDbType.Integer);
            batch.Add(sequence, DateTime.SpecifyKind(occurredAt, DateTimeKind.Utc).Ticks, departmentId,
                actorId, actorName, Utf8(rows), Utf8(rows), Utf8(rows), Utf8(rows), Utf8(rows), Utf8(rows));
            if (batch.IsFull) batch = lane.Submit(batch);
        }
        lane.Last(batch);
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
