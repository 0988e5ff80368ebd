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
/// Reads audit_entries through SQLite's own C API (SQLitePCLRaw, under Microsoft.Data.Sqlite): text
/// columns arrive as UTF-8 spans into SQLite's row and are copied into the batch without becoming
/// strings. Through SqliteDataReader, making 9 strings an entry cost four times the hashing.
/// </summary>
internal static class SqliteAuditRows
{
    public static void Read(SqliteConnection connection, AuditBatchPipe pipe)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, AuditReader.SelectAll, out var statement), db);
        using (statement)
        {
            var batch = pipe.Empty();
            int rc;
            // The database is in WAL mode (DatabaseMigrator): a reader is not blocked by writers.
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var sequence = raw.sqlite3_column_int64(statement, 0);
                // Spans stay valid until the next step: Add copies them. A null actor id reads as empty,
                // which the hash treats the same.
                batch.Add(sequence, OccurredAtUtcTicks(connection, statement, sequence),
                    raw.sqlite3_column_type(statement, 4) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int(statement, 4),
                    raw.sqlite3_column_blob(statement, 2), raw.sqlite3_column_blob(statement, 3), raw.sqlite3_column_blob(statement, 5),
                    raw.sqlite3_column_blob(statement, 6), raw.sqlite3_column_blob(statement, 7), raw.sqlite3_column_blob(statement, 8),
                    raw.sqlite3_column_blob(statement, 9), raw.sqlite3_column_blob(statement, 10));
                if (batch.IsFull) batch = pipe.Submit(batch);
            }
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
            pipe.Last(batch);
        }
    }

    /// <summary>
    /// EF stores instants as TEXT "yyyy-MM-dd HH:mm:ss.FFFFFFF", parsed here from the bytes; any other
    /// form (edited by hand, say) is read by Microsoft.Data.Sqlite as the string path reads it.
    /// </summary>
    private static long OccurredAtUtcTicks(SqliteConnection connection, sqlite3_stmt statement, long sequence)
    {
        if (raw.sqlite3_column_type(statement, 1) == raw.SQLITE_TEXT && TryParseTimestamp(raw.sqlite3_column_blob(statement, 1), out var ticks))
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
