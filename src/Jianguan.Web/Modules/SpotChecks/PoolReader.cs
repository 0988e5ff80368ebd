using System.Buffers.Binary;
using System.Data;
using System.Text;
using Jianguan.Draw;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SQLitePCL;

namespace Jianguan.Web.Modules.SpotChecks;

/// <summary>One row of a task's pool as the reader hands it over: the entity's id, its credit code's bytes, its stratum's number.</summary>
public delegate void PoolRowVisitor(long entityId, ReadOnlySpan<byte> creditCode, int stratum);

/// <summary>What a read of the pool found besides its rows: the strata (a row's stratum number indexes them) and the codes left out at the yearly cap.</summary>
public sealed record PoolReadResult(IReadOnlyList<string> Strata, IReadOnlyList<string> Left, int Count);

/// <summary>
/// Reads a task's pool (检查对象名录) as <see cref="SpotCheckTasks.PoolAsync"/> defines it, the same rows in the same
/// order, without EF and without a string per row: a pool of ten million entities is read in seconds, and EF's
/// materialising of an object and three strings a row cost more than the draw itself. Rows come in credit-code order
/// under byte order (the draw's canonical order, so the draw need not sort): PostgreSQL sends them by binary COPY,
/// parsed straight from the stream; SQLite through its C API, the code's bytes read in place from its row. A row's
/// stratum is made from its risk class and the section or township (the first 9 characters of the division, cut by
/// the database) through a small cache, so each distinct stratum's key is built once, by
/// <see cref="SpotCheckTasks.StratumOf"/> itself.
/// </summary>
public sealed class PoolReader(AppDbContext db)
{
    /// <summary>PostgreSQL: entities a chunk (tests make it small to read a small pool in many chunks).</summary>
    internal int ChunkRows { get; init; } = PostgresChunkRows;

    /// <summary>PostgreSQL: where the second connection's half of the codes starts (tests set it; else the median of the statistics).</summary>
    internal string? SplitAt { get; init; }

    /// <summary>
    /// Calls <paramref name="visit"/> for every entity of the task's pool, in credit-code byte order, except those in
    /// <paramref name="excluded"/> (at the yearly cap), whose codes the result lists.
    /// </summary>
    public async Task<PoolReadResult> ReadAsync(SpotCheckTask task, HashSet<long> excluded, PoolRowVisitor visit, CancellationToken ct)
    {
        var remit = await db.Set<Department>().Where(d => d.Id == task.LeadDepartmentId).Select(d => d.DivisionCode).FirstAsync(ct);
        var filters = Filters.Of(task, remit);
        var strata = new StratumCache(task.Stratification);
        var left = new List<string>();
        var count = 0;
        void Row(long id, ReadOnlySpan<byte> code, int riskClass, ReadOnlySpan<byte> part)
        {
            if (excluded.Count > 0 && excluded.Contains(id))
            {
                left.Add(Encoding.UTF8.GetString(code));
                return;
            }
            visit(id, code, strata.IndexOf(riskClass, part));
            count++;
        }
        if (db.Database.IsNpgsql())
        {
            // Repeatable read: the classes and the pool's chunks, each a statement of its own, come from one snapshot
            // (the caller's transaction, or one of the reader's own), which a second connection can share.
            var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct) : null;
            try
            {
                await ReadPostgresAsync((NpgsqlConnection)db.Database.GetDbConnection(), filters, task.Stratification, Row, ChunkRows, SplitAt, ct);
                if (own is not null) await own.CommitAsync(ct);
            }
            finally
            {
                if (own is not null) await own.DisposeAsync();
            }
        }
        else
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                ReadSqlite((SqliteConnection)db.Database.GetDbConnection(), filters, task.Stratification, Row, ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        return new PoolReadResult(strata.Keys, left, count);
    }

    private delegate void RawRow(long id, ReadOnlySpan<byte> code, int riskClass, ReadOnlySpan<byte> part);

    /// <summary>No class yet: <see cref="SpotCheckTasks.StratumOf"/> counts the entity as B.</summary>
    private const int NoClass = 0;

    /// <summary>The task's filters, each null when the task does not filter by it.</summary>
    private sealed record Filters(string Remit, string? Section, string? Industry, string? Division, int? Type, string? Tag)
    {
        public static Filters Of(SpotCheckTask task, string remit) => new(
            remit, task.IndustryCode is { Length: 1 } s ? s : null, task.IndustryCode is { Length: > 1 } i ? i : null,
            task.DivisionCode, task.EntityType is { } t ? (int)t : null, task.Tag);
    }

    /// <summary>The column that cuts the strata beside the risk class: the section, the township (9 characters of the division), or none.</summary>
    private static string Part(Stratification stratification) => stratification switch
    {
        Stratification.RiskClassIndustry => """e."IndustrySection" """,
        Stratification.RiskClassDivision => """substr(e."DivisionCode", 1, 9)""",
        _ => "''",
    };

    // ---------------------------------------------------------------- PostgreSQL

    /// <summary>Rows a chunk query asks for: a few megabytes of codes, read in one message.</summary>
    internal const int PostgresChunkRows = 1 << 17;

    /// <summary>
    /// The pool in chunks of up to <paramref name="chunkRows"/> entities, each chunk one row of a few aggregates
    /// (the codes, ids and parts of the chunk's entities in credit-code order) fetched by keyset, the next chunk
    /// starting after the chunk's greatest code. PostgreSQL sends every row of a result or of a COPY as a message of its own, and
    /// Npgsql's handling of a message cost the client about half a microsecond: more than everything else the
    /// draw does with an entity. A chunk is one message. Two connections share the work when the pool is large: the
    /// code range is cut at the median of PostgreSQL's statistics for the code, the second connection reads its half
    /// in the first one's snapshot (<c>pg_export_snapshot</c>), and the halves are handed over in order.
    /// </summary>
    private static async Task ReadPostgresAsync(NpgsqlConnection connection, Filters filters, Stratification stratification, RawRow row,
        int chunkRows, string? split, CancellationToken ct)
    {
        await using (var statistics = connection.CreateCommand())
        {
            statistics.CommandText = """
                SELECT (SELECT coalesce(c.collname, '') FROM pg_attribute a LEFT JOIN pg_collation c ON c.oid = a.attcollation
                        WHERE a.attrelid = 'supervised_entities'::regclass AND a.attname = 'CreditCode'),
                       (SELECT histogram_bounds::text::text[] FROM pg_stats WHERE tablename = 'supervised_entities' AND attname = 'CreditCode' LIMIT 1),
                       (SELECT reltuples FROM pg_class WHERE oid = 'supervised_entities'::regclass)
                """;
            await using var reader = await statistics.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            // The keyset and the order are byte order only under the C collation the migrations give the column.
            if (reader.GetString(0) != "C")
                throw new InvalidOperationException("supervised_entities.CreditCode is not in the C collation: the database lacks migration CreditCodeByteOrder.");
            // A second connection for a registry of several chunks' size: cut at the statistics' median code.
            if (split is null && !reader.IsDBNull(1) && reader.GetFieldValue<string[]>(1) is { Length: > 2 } bounds && reader.GetFloat(2) >= 4.0 * chunkRows)
                split = bounds[bounds.Length / 2];
        }
        // A special pool (a tag) is small: its few classes are joined in the query, and one connection reads it.
        var joinClasses = filters.Tag is not null;
        if (joinClasses) split = null;

        var second = split is null ? null : (NpgsqlConnection)((ICloneable)connection).Clone();
        // Each connection fetches into a queue of its own while this thread visits the rows, the first half's, then
        // the second's. Whatever ends the reading early stops the fetches, and waits for them, before it returns.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var halves = new List<(System.Threading.Channels.Channel<PoolChunkRow> Chunks, Task Fetch)>();
        try
        {
            if (second is not null)
            {
                string snapshot;
                await using (var export = connection.CreateCommand())
                {
                    export.CommandText = "SELECT pg_export_snapshot()";
                    snapshot = (string)(await export.ExecuteScalarAsync(ct))!;
                }
                // The snapshot's name is PostgreSQL's own (hex digits and dashes), checked all the same: SET takes no parameter.
                if (!System.Text.RegularExpressions.Regex.IsMatch(snapshot, "^[0-9A-Fa-f-]+$")) throw new InvalidOperationException("Unexpected snapshot name.");
                await second.OpenAsync(ct);
                await using var begin = second.CreateCommand();
                begin.CommandText = $"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '{snapshot}'";
                await begin.ExecuteNonQueryAsync(ct);
            }
            var classes = joinClasses ? null : new ClassTable();
            halves.Add(Half(async write =>
            {
                if (classes is not null) await FetchClassesAsync(connection, classes, stop.Token);
                await FetchPoolAsync(connection, filters, stratification, joinClasses, null, split, chunkRows, write, stop.Token);
            }));
            if (second is not null) halves.Add(Half(write => FetchPoolAsync(second, filters, stratification, joinClasses, split, null, chunkRows, write, stop.Token)));
            foreach (var (chunks, fetch) in halves)
            {
                await foreach (var chunk in chunks.Reader.ReadAllAsync(ct)) chunk.Visit(classes, row);
                await fetch;
            }
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await Task.WhenAll(halves.Select(h => h.Fetch));
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // The fetch's error, or its cancellation, when something else ended the reading: that is what the caller sees.
            }
            if (second is not null) await second.DisposeAsync();
        }
    }

    /// <summary>A fetch running on its own, writing its chunks to a queue completed (with its error, if any) when it ends.</summary>
    private static (System.Threading.Channels.Channel<PoolChunkRow>, Task) Half(Func<Func<PoolChunkRow, ValueTask>, Task> fetch)
    {
        var chunks = System.Threading.Channels.Channel.CreateUnbounded<PoolChunkRow>(new() { SingleReader = true, SingleWriter = true });
        var task = Task.Run(async () =>
        {
            try
            {
                await fetch(c => chunks.Writer.WriteAsync(c));
                chunks.Writer.Complete();
            }
            catch (Exception e)
            {
                chunks.Writer.Complete(e);
                throw;
            }
        });
        return (chunks, task);
    }

    /// <summary>
    /// The risk classes other than B, by entity id: the table in one sequential read, each class's ids an array in one
    /// message. An entity of class B is in the same stratum as one without a class (<see cref="SpotCheckTasks.StratumOf"/>),
    /// and B is the class of most: they need not be sent.
    /// </summary>
    private static async Task FetchClassesAsync(NpgsqlConnection connection, ClassTable classes, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Class", array_send(array_agg("EntityId")) FROM entity_risk_classes WHERE "Class" <> @b GROUP BY "Class" """;
        command.Parameters.AddWithValue("b", (int)RiskClass.B);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var riskClass = reader.GetInt32(0);
            foreach (var id in Int8Array(reader.GetFieldValue<byte[]>(1))) classes.Add(id, riskClass);
        }
    }

    /// <summary>
    /// The pool's entities with codes in [<paramref name="from"/>, <paramref name="before"/>) (null: unbounded), chunk
    /// after chunk in credit-code order. The filters' values and the bounds are bind parameters.
    /// </summary>
    private static async Task FetchPoolAsync(NpgsqlConnection connection, Filters f, Stratification stratification, bool joinClasses,
        string? from, string? before, int chunkRows, Func<PoolChunkRow, ValueTask> take, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        var where = new StringBuilder("""e."Status" = 1 AND starts_with(e."DivisionCode", @remit)""");
        command.Parameters.AddWithValue("remit", f.Remit);
        if (f.Section is not null) Condition(""" AND e."IndustrySection" = @section""", "section", f.Section);
        if (f.Industry is not null) Condition(""" AND starts_with(e."IndustryCode", @industry)""", "industry", f.Industry);
        if (f.Division is not null) Condition(""" AND starts_with(e."DivisionCode", @division)""", "division", f.Division);
        if (f.Type is not null) Condition(""" AND e."Type" = @type""", "type", f.Type.Value);
        if (f.Tag is not null) Condition(""" AND e."Id" IN (SELECT t."EntityId" FROM entity_tags t WHERE t."Tag" = @tag)""", "tag", f.Tag);
        if (before is not null) Condition(""" AND e."CreditCode" < @before""", "before", before);
        // The first chunk starts at the range's start (inclusive), each next one after the last code read.
        var after = command.Parameters.AddWithValue("after", from ?? "");
        string Sql(string start) => $"""
            SELECT array_send(array_agg(p.id)), convert_to(string_agg(p.c, ' '), 'UTF8'), convert_to(string_agg(p.t, ' '), 'UTF8'),
                   {(joinClasses ? "array_agg(p.k)" : "NULL::integer[]")}
            FROM (SELECT e."Id" AS id, e."CreditCode" AS c, {Part(stratification)} AS t, {(joinClasses ? "coalesce(k.\"Class\", 0)" : "0")} AS k
                  FROM supervised_entities e{(joinClasses ? " LEFT JOIN entity_risk_classes k ON k.\"EntityId\" = e.\"Id\"" : "")}
                  WHERE {where}{start}
                  ORDER BY e."CreditCode" LIMIT @rows) p
            """;
        command.Parameters.AddWithValue("rows", chunkRows);
        var first = Sql(from is null ? "" : """ AND e."CreditCode" >= @after""");
        var next = Sql(""" AND e."CreditCode" > @after""");
        command.CommandText = first;
        while (true)
        {
            PoolChunkRow chunk;
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                await reader.ReadAsync(ct);
                if (reader.IsDBNull(0)) return;
                var ids = Int8Array(reader.GetFieldValue<byte[]>(0));
                chunk = new PoolChunkRow(ids.Length, reader.GetFieldValue<byte[]>(1), ids, reader.GetFieldValue<byte[]>(2), joinClasses ? reader.GetFieldValue<int[]>(3) : null);
            }
            // The next chunk starts after this one's greatest code, found here: PostgreSQL's max() of a text copies each greater value.
            after.Value = Encoding.UTF8.GetString(chunk.GreatestCode());
            await take(chunk);
            if (chunk.Count < chunkRows) return;
            command.CommandText = next;
        }

        void Condition(string sql, string name, object value)
        {
            where.Append(sql);
            command.Parameters.AddWithValue(name, value);
        }
    }

    /// <summary>
    /// A bigint[] in PostgreSQL's binary array format (<c>array_send</c>: dimensions, a null flag, the element type,
    /// each dimension's length and lower bound, then each element as a 4-byte length and 8 bytes, all big-endian).
    /// The same bytes PostgreSQL sends for an array column, parsed here: Npgsql's array reading took a sixth of the
    /// draw's processor time (an asynchronous step for each element).
    /// </summary>
    private static long[] Int8Array(byte[] bytes)
    {
        var data = bytes.AsSpan();
        if (data.Length < 12) throw MalformedArray();
        var dimensions = BinaryPrimitives.ReadInt32BigEndian(data);
        if (dimensions == 0) return [];
        if (dimensions != 1 || data.Length < 20 || BinaryPrimitives.ReadUInt32BigEndian(data[8..]) != 20) throw MalformedArray();
        var count = BinaryPrimitives.ReadInt32BigEndian(data[12..]);
        if (count < 0 || data.Length != 20 + 12L * count) throw MalformedArray();
        var values = new long[count];
        for (int i = 0, at = 20; i < count; i++, at += 12)
        {
            if (BinaryPrimitives.ReadInt32BigEndian(data[at..]) != 8) throw MalformedArray();
            values[i] = BinaryPrimitives.ReadInt64BigEndian(data[(at + 4)..]);
        }
        return values;
    }

    private static InvalidDataException MalformedArray() => new("An array of ids from PostgreSQL is not a one-dimensional bigint[] without nulls.");

    /// <summary>One chunk as fetched: its codes and parts each joined by spaces (codes and parts hold none), its ids and, joined in, its classes.</summary>
    private sealed record PoolChunkRow(int Count, byte[] Codes, long[] Ids, byte[] Parts, int[]? Classes)
    {
        public ReadOnlySpan<byte> GreatestCode()
        {
            ReadOnlySpan<byte> greatest = default, rest = Codes;
            while (true)
            {
                var space = rest.IndexOf((byte)' ');
                var code = space < 0 ? rest : rest[..space];
                if (code.SequenceCompareTo(greatest) > 0) greatest = code;
                if (space < 0) return greatest;
                rest = rest[(space + 1)..];
            }
        }

        public void Visit(ClassTable? classes, RawRow row)
        {
            if (Ids.Length != Count || Classes is not null && Classes.Length != Count) throw Malformed("lists of different lengths");
            int code = 0, part = 0;
            for (var i = 0; i < Count; i++)
            {
                var codeEnd = End(Codes, code, i);
                var partEnd = End(Parts, part, i);
                row(Ids[i], Codes.AsSpan(code, codeEnd - code), Classes?[i] ?? classes?.Of(Ids[i]) ?? NoClass, Parts.AsSpan(part, partEnd - part));
                (code, part) = (codeEnd + 1, partEnd + 1);
            }
            if (code != Codes.Length + 1 || part != Parts.Length + 1) throw Malformed("more values than entities");
        }

        /// <summary>Where the i-th value starting at <paramref name="start"/> ends: at the next space, or at the end for the last one.</summary>
        private int End(byte[] values, int start, int i)
        {
            if (start > values.Length) throw Malformed("fewer values than entities");
            var space = values.AsSpan(start).IndexOf((byte)' ');
            if (i == Count - 1) return space < 0 ? values.Length : throw Malformed("more values than entities");
            return space >= 0 ? start + space : throw Malformed("fewer values than entities");
        }

        private static InvalidDataException Malformed(string what) => new($"A chunk of the pool is malformed: {what} (a code or a division with a space?).");
    }

    /// <summary>Risk classes by entity id: a byte per id up to 2^27, a dictionary beyond (ids are an identity, dense in practice).</summary>
    private sealed class ClassTable
    {
        private const long Dense = 1L << 27;
        private byte[] _byId = new byte[1 << 16];
        private Dictionary<long, int>? _far;

        public void Add(long id, int riskClass)
        {
            if (id is >= 0 and < Dense && riskClass is > 0 and < 256)
            {
                if (id >= _byId.Length) Array.Resize(ref _byId, (int)Math.Min(Dense, Math.Max(_byId.Length * 2L, id + 1)));
                _byId[id] = (byte)riskClass;
            }
            else (_far ??= [])[id] = riskClass;
        }

        public int Of(long id) =>
            id >= 0 && id < _byId.Length && _byId[id] != 0 ? _byId[id] : _far is not null && _far.TryGetValue(id, out var c) ? c : NoClass;
    }

    // ---------------------------------------------------------------- SQLite

    /// <summary>
    /// The pool through SQLite's own C API on the context's connection, parameters bound by name: the code and the part
    /// are spans into SQLite's row (it keeps text as UTF-8, and its default BINARY collation is byte order). Microsoft.Data.Sqlite's
    /// data reader cost six times the statement's own work here, a row's values each fetched through several layers.
    /// </summary>
    private static void ReadSqlite(SqliteConnection connection, Filters f, Stratification stratification, RawRow row, CancellationToken ct)
    {
        // substr(…) = prefix, not LIKE: SQLite's LIKE ignores the case of ASCII letters.
        var where = new StringBuilder("""e."Status" = 1 AND substr(e."DivisionCode", 1, length($remit)) = $remit""");
        if (f.Section is not null) where.Append(""" AND e."IndustrySection" = $section""");
        if (f.Industry is not null) where.Append(""" AND substr(e."IndustryCode", 1, length($industry)) = $industry""");
        if (f.Division is not null) where.Append(""" AND substr(e."DivisionCode", 1, length($division)) = $division""");
        if (f.Type is not null) where.Append(""" AND e."Type" = $type""");
        if (f.Tag is not null) where.Append(""" AND e."Id" IN (SELECT t."EntityId" FROM entity_tags t WHERE t."Tag" = $tag)""");
        var sql = $"""
            SELECT e."Id", e."CreditCode", c."Class", {Part(stratification)}
            FROM supervised_entities e LEFT JOIN entity_risk_classes c ON c."EntityId" = e."Id"
            WHERE {where}
            ORDER BY e."CreditCode"
            """;
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        using (statement)
        {
            Bind("$remit", f.Remit);
            if (f.Section is not null) Bind("$section", f.Section);
            if (f.Industry is not null) Bind("$industry", f.Industry);
            if (f.Division is not null) Bind("$division", f.Division);
            if (f.Type is { } type) SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int(statement, raw.sqlite3_bind_parameter_index(statement, "$type"), type), db);
            if (f.Tag is not null) Bind("$tag", f.Tag);
            int rc;
            var n = 0;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var riskClass = raw.sqlite3_column_type(statement, 2) == raw.SQLITE_NULL ? NoClass : raw.sqlite3_column_int(statement, 2);
                row(raw.sqlite3_column_int64(statement, 0), raw.sqlite3_column_blob(statement, 1), riskClass, raw.sqlite3_column_blob(statement, 3));
                if (++n % 65536 == 0) ct.ThrowIfCancellationRequested();
            }
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
        }

        void Bind(string name, string value) =>
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text(statement, raw.sqlite3_bind_parameter_index(statement, name), value), db);
    }

    // ---------------------------------------------------------------- strata

    /// <summary>
    /// From a row's risk class and part (section or township) to its stratum's number: a dictionary keyed by the class
    /// and the part's bytes packed into 128 bits (a part is a letter or 9 digits; longer ones, never seen, are keyed by text), so a row costs one look-up and no
    /// allocation; each new pair's key is made by <see cref="SpotCheckTasks.StratumOf"/>, and pairs giving the same key
    /// (no class and B) share its number.
    /// </summary>
    private sealed class StratumCache(Stratification stratification)
    {
        private readonly Dictionary<UInt128, int> _packed = [];
        private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal);
        private readonly List<string> _keys = [];

        public IReadOnlyList<string> Keys => _keys;

        public int IndexOf(int riskClass, ReadOnlySpan<byte> part)
        {
            if (part.Length <= 11)
            {
                UInt128 packed = (uint)riskClass;
                packed = packed << 8 | (uint)part.Length;
                foreach (var b in part) packed = packed << 8 | b;
                if (_packed.TryGetValue(packed, out var index)) return index;
                return _packed[packed] = Number(riskClass, part);
            }
            return Number(riskClass, part);
        }

        private int Number(int riskClass, ReadOnlySpan<byte> part)
        {
            var text = Encoding.UTF8.GetString(part);
            var key = SpotCheckTasks.StratumOf(stratification, riskClass == NoClass ? null : (RiskClass)riskClass, text, text);
            if (_byKey.TryGetValue(key, out var index)) return index;
            _keys.Add(key);
            return _byKey[key] = _keys.Count - 1;
        }
    }
}

/// <summary>
/// A pool as read, compactly: every entity's id and stratum number, in the order read, which is the order the draw's
/// builder was fed (<see cref="DrawResult.AddedAt"/> finds a drawn entity's place here). The codes themselves are in
/// the builder.
/// </summary>
public sealed class PoolBuffer
{
    private long[] _ids = new long[1 << 12];
    private int[] _strata = new int[1 << 12];

    public int Count { get; private set; }

    public void Add(long entityId, int stratum)
    {
        if (Count == _ids.Length)
        {
            Array.Resize(ref _ids, Count * 2);
            Array.Resize(ref _strata, Count * 2);
        }
        _ids[Count] = entityId;
        _strata[Count] = stratum;
        Count++;
    }

    public long EntityId(int i) => _ids[i];

    public int Stratum(int i) => _strata[i];

    /// <summary>Entities per stratum number.</summary>
    public int[] Sizes(int strata)
    {
        var sizes = new int[strata];
        foreach (var s in _strata.AsSpan(0, Count)) sizes[s]++;
        return sizes;
    }
}
