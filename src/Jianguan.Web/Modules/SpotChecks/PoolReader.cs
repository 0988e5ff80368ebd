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
            // The filters' settings live as long as a transaction: the caller's, or one of the reader's own.
            // Repeatable read: the classes and the pool, read apart for a large pool, come from one snapshot.
            var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct) : null;
            try
            {
                await ReadPostgresAsync((NpgsqlConnection)db.Database.GetDbConnection(), filters, task.Stratification, Row, ct);
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

    /// <summary>
    /// The pool by <c>COPY (SELECT …) TO STDOUT (FORMAT BINARY)</c>: the server's fastest way out, and a format of
    /// lengths without escapes, parsed here from the raw stream. COPY takes no bind parameters, so the filters' values
    /// go in as parameters of <c>set_config</c>, local to the transaction, and the query reads them with
    /// <c>current_setting</c>: no value is ever part of the SQL text.
    /// </summary>
    private static async Task ReadPostgresAsync(NpgsqlConnection connection, Filters filters, Stratification stratification, RawRow row, CancellationToken ct)
    {
        bool byteOrder;
        await using (var settings = connection.CreateCommand())
        {
            settings.CommandText = """
                SELECT set_config('jianguan.pool_remit', @remit, true), set_config('jianguan.pool_section', @section, true),
                       set_config('jianguan.pool_industry', @industry, true), set_config('jianguan.pool_division', @division, true),
                       set_config('jianguan.pool_type', @type, true), set_config('jianguan.pool_tag', @tag, true),
                       (SELECT coalesce(c.collname, '') FROM pg_attribute a LEFT JOIN pg_collation c ON c.oid = a.attcollation
                        WHERE a.attrelid = 'supervised_entities'::regclass AND a.attname = 'CreditCode'),
                       (SELECT datcollate FROM pg_database WHERE datname = current_database())
                """;
            settings.Parameters.AddWithValue("remit", filters.Remit);
            settings.Parameters.AddWithValue("section", filters.Section ?? "");
            settings.Parameters.AddWithValue("industry", filters.Industry ?? "");
            settings.Parameters.AddWithValue("division", filters.Division ?? "");
            settings.Parameters.AddWithValue("type", filters.Type?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
            settings.Parameters.AddWithValue("tag", filters.Tag ?? "");
            await using var reader = await settings.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var column = reader.GetString(6);
            var database = reader.GetString(7);
            // The column's own order is byte order when its collation, or the database's default it stands for, is C.
            byteOrder = column is "C" or "POSIX" || column is "default" && database is "C" or "POSIX";
        }
        // A pool of most of the registry gets its classes apart, all of them in one sequential read kept by entity id:
        // joined in the query, they cost PostgreSQL a hash of every class and then a sort of the whole pool (the join
        // breaks the code index's order), or a probe of the classes' key per row, each about twice the pool's own
        // reading. A special pool (a tag) is small: its few classes are joined in the query.
        var classes = filters.Tag is null ? new ClassTable() : null;
        if (classes is not null)
        {
            // The table's COPY, not a query's: PostgreSQL sends the columns from the scan without a projection step.
            using var all = connection.BeginRawBinaryCopy("""COPY entity_risk_classes ("EntityId", "Class") TO STDOUT (FORMAT BINARY)""");
            ParseBinaryCopy(all, classes.Add, ct);
            var inner = row;
            row = (id, code, _, part) => inner(id, code, classes.Of(id), part);
        }
        // Read synchronously, like SQLite's pool: asynchronous reads of the stream handed each buffer of it from the
        // socket's thread to the pool's and back, and the hand-overs cost the client more processor time than parsing.
        using var copy = connection.BeginRawBinaryCopy($"COPY ({PostgresQuery(filters, stratification, byteOrder, classes is null)}) TO STDOUT (FORMAT BINARY)");
        ParseBinaryCopy(copy, row, ct);
    }

    /// <summary>Risk classes by entity id: a byte per id up to 2^27, a dictionary beyond (ids are an identity, dense in practice).</summary>
    private sealed class ClassTable
    {
        private const long Dense = 1L << 27;
        private byte[] _byId = new byte[1 << 16];
        private Dictionary<long, int>? _far;

        public void Add(long id, ReadOnlySpan<byte> code, int riskClass, ReadOnlySpan<byte> part)
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

    private static string PostgresQuery(Filters f, Stratification stratification, bool byteOrder, bool joinClasses)
    {
        var where = new StringBuilder("""e."Status" = 1 AND starts_with(e."DivisionCode", current_setting('jianguan.pool_remit'))""");
        if (f.Section is not null) where.Append(""" AND e."IndustrySection" = current_setting('jianguan.pool_section')""");
        if (f.Industry is not null) where.Append(""" AND starts_with(e."IndustryCode", current_setting('jianguan.pool_industry'))""");
        if (f.Division is not null) where.Append(""" AND starts_with(e."DivisionCode", current_setting('jianguan.pool_division'))""");
        if (f.Type is not null) where.Append(""" AND e."Type" = current_setting('jianguan.pool_type')::integer""");
        if (f.Tag is not null) where.Append(""" AND e."Id" IN (SELECT t."EntityId" FROM entity_tags t WHERE t."Tag" = current_setting('jianguan.pool_tag'))""");
        // Under another collation byte order is asked for outright (correct, though the code's index cannot give it).
        var order = byteOrder ? "e.\"CreditCode\"" : "e.\"CreditCode\" COLLATE \"C\"";
        return joinClasses
            ? $"""
              SELECT e."Id", e."CreditCode", c."Class", {Part(stratification)}
              FROM supervised_entities e LEFT JOIN entity_risk_classes c ON c."EntityId" = e."Id"
              WHERE {where}
              ORDER BY {order}
              """
            : $"""
              SELECT e."Id", e."CreditCode", NULL::integer, {Part(stratification)}
              FROM supervised_entities e
              WHERE {where}
              ORDER BY {order}
              """;
    }

    private static readonly byte[] CopySignature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    /// <summary>
    /// Parses PostgreSQL's binary COPY format: a signature, flags and a header extension, then per row a 16-bit field
    /// count and each field as a 32-bit length (-1 for NULL) and its bytes, all big-endian; a count of -1 ends it.
    /// Fields: id (int8), credit code (text), class (int4 or NULL), part (text); or id and class alone.
    /// </summary>
    private static void ParseBinaryCopy(Stream copy, RawRow row, CancellationToken ct)
    {
        var buffer = new byte[1 << 20];
        int start = 0, end = 0;
        var ended = false;
        // Makes sure the buffer holds at least `bytes` unparsed bytes, then fills it on: the raw stream gives one COPY
        // message (one row) a read, and parsing from a full buffer keeps the moving of leftovers to once a buffer.
        bool Need(int bytes)
        {
            if (end - start >= bytes) return true;
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                (end, start) = (end - start, 0);
            }
            if (bytes > buffer.Length) Array.Resize(ref buffer, Math.Max(bytes, buffer.Length * 2));
            while (!ended && (end < bytes || end < buffer.Length - 4096))
            {
                var read = copy.Read(buffer, end, buffer.Length - end);
                if (read == 0) ended = true;
                end += read;
            }
            return end >= bytes;
        }

        if (!Need(19) || !buffer.AsSpan(0, 11).SequenceEqual(CopySignature)) throw Malformed("no COPY signature");
        var extension = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(15));
        start = 19;
        if (!Need(extension)) throw Malformed("a cut header");
        start += extension;
        while (true)
        {
            // Rows are parsed from the buffer while a whole one is in it; the stream is read again only at its edge.
            ct.ThrowIfCancellationRequested();
            var parsed = ParseRows(buffer.AsSpan(start, end - start), row, out var done);
            start += parsed;
            if (done) return;
            if (!Need(end - start + 1)) throw Malformed("a cut row");
        }
    }

    /// <summary>Parses the whole rows at the start of <paramref name="data"/>; returns the bytes they took.</summary>
    private static int ParseRows(ReadOnlySpan<byte> data, RawRow row, out bool done)
    {
        done = false;
        var at = 0;
        while (true)
        {
            if (data.Length - at < 2) return at;
            var fields = BinaryPrimitives.ReadInt16BigEndian(data[at..]);
            if (fields == -1)
            {
                done = true;
                return at + 2;
            }
            var p = at + 2;
            (int Start, int Length) id, code = default, riskClass, part = default;
            if (fields == 4)
            {
                if (!Field(data, ref p, out id) || !Field(data, ref p, out code) || !Field(data, ref p, out riskClass) || !Field(data, ref p, out part))
                    return at;
            }
            else if (fields == 2)
            {
                if (!Field(data, ref p, out id) || !Field(data, ref p, out riskClass)) return at;
            }
            else throw Malformed($"a row of {fields} fields");
            if (id.Length != 8 || code.Length < 0 || part.Length < 0) throw Malformed("an unexpected field");
            var klass = riskClass.Length < 0 ? NoClass : riskClass.Length == 4 ? BinaryPrimitives.ReadInt32BigEndian(data.Slice(riskClass.Start, 4)) : throw Malformed("a class of other than 4 bytes");
            row(BinaryPrimitives.ReadInt64BigEndian(data.Slice(id.Start, 8)), data.Slice(code.Start, code.Length), klass, data.Slice(part.Start, part.Length));
            at = p;
        }
    }

    /// <summary>A field's place in the buffer (Length -1 for NULL); false when it is not all there yet.</summary>
    private static bool Field(ReadOnlySpan<byte> data, ref int p, out (int Start, int Length) field)
    {
        field = default;
        if (data.Length - p < 4) return false;
        var length = BinaryPrimitives.ReadInt32BigEndian(data[p..]);
        if (length > data.Length - p - 4) return false;
        field = (p + 4, length);
        p += 4 + Math.Max(length, 0);
        return true;
    }

    private static InvalidDataException Malformed(string what) => new($"The pool's COPY stream is malformed: {what}.");

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
/// A pool as read, compactly: every entity's id, credit code bytes and stratum number. The draw needs the whole pool
/// before it can feed <see cref="DrawBuilder"/>, since the public labels of the strata are dealt at random over all of
/// them (<see cref="SpotCheckDraws.ReadAndDrawAsync"/>), and the labels are part of the lines the pool's digest covers.
/// Held this way a pool of ten million takes about 35 bytes an entity, where rows of strings took over a hundred.
/// </summary>
public sealed class PoolBuffer
{
    private byte[] _codes = new byte[1 << 16];
    private int[] _ends = new int[1 << 12];
    private long[] _ids = new long[1 << 12];
    private int[] _strata = new int[1 << 12];
    private int[]? _sorted;

    public int Count { get; private set; }

    /// <summary>Whether the codes came in byte order (the reader's order); otherwise look-ups sort an index first.</summary>
    public bool InOrder { get; private set; } = true;

    public void Add(long entityId, ReadOnlySpan<byte> creditCode, int stratum)
    {
        if (Count == _ids.Length)
        {
            Array.Resize(ref _ends, Count * 2);
            Array.Resize(ref _ids, Count * 2);
            Array.Resize(ref _strata, Count * 2);
        }
        var start = Count == 0 ? 0 : _ends[Count - 1];
        if (start + creditCode.Length > _codes.Length) Array.Resize(ref _codes, Math.Max(_codes.Length * 2, start + creditCode.Length));
        if (InOrder && Count > 0 && creditCode.SequenceCompareTo(Code(Count - 1)) <= 0) InOrder = false;
        creditCode.CopyTo(_codes.AsSpan(start));
        _ends[Count] = start + creditCode.Length;
        _ids[Count] = entityId;
        _strata[Count] = stratum;
        Count++;
        _sorted = null;
    }

    public ReadOnlySpan<byte> Code(int i) => _codes.AsSpan(i == 0 ? 0 : _ends[i - 1], _ends[i] - (i == 0 ? 0 : _ends[i - 1]));

    public long EntityId(int i) => _ids[i];

    public int Stratum(int i) => _strata[i];

    /// <summary>Entities per stratum number.</summary>
    public int[] Sizes(int strata)
    {
        var sizes = new int[strata];
        foreach (var s in _strata.AsSpan(0, Count)) sizes[s]++;
        return sizes;
    }

    /// <summary>Adds every entity to <paramref name="builder"/>, in the order read, under its stratum number.</summary>
    public void FeedTo(DrawBuilder builder)
    {
        for (var i = 0; i < Count; i++) builder.AddUtf8(Code(i), _strata[i]);
    }

    /// <summary>The index of the entity with this credit code, or -1: a binary search over the codes in byte order.</summary>
    public int IndexOf(string creditCode)
    {
        Span<byte> code = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(creditCode.Length, 64))];
        if (creditCode.Length > 64) return -1;
        code = code[..Encoding.UTF8.GetBytes(creditCode, code)];
        var order = InOrder ? null : _sorted ??= SortedIndex();
        int low = 0, high = Count - 1;
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            var i = order is null ? middle : order[middle];
            var c = Code(i).SequenceCompareTo(code);
            if (c == 0) return i;
            if (c < 0) low = middle + 1;
            else high = middle - 1;
        }
        return -1;
    }

    private int[] SortedIndex()
    {
        var order = Enumerable.Range(0, Count).ToArray();
        Array.Sort(order, (a, b) => Code(a).SequenceCompareTo(Code(b)));
        return order;
    }
}
