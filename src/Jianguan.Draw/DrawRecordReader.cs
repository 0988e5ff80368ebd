using System.Text.Json;

namespace Jianguan.Draw;

/// <summary>
/// A draw record as read: its content, and its pool frozen again from the entries it lists (or why the pool
/// was refused).
/// </summary>
public sealed class ReadDrawRecord(DrawRecord record, Task<ReadPool> pool)
{
    public DrawRecord Record { get; } = record;

    /// <summary>The pool, frozen on another thread as soon as its last entry was parsed.</summary>
    public Task<ReadPool> PoolTask { get; } = pool;

    public FrozenPool? Pool => PoolTask.Result.Pool;
    public DrawException? PoolRefusal => PoolTask.Result.Refusal;
}

/// <summary>The record's pool frozen again, or why it was refused; whether it was ranked with the record's seed while it was read.</summary>
public sealed record ReadPool(FrozenPool? Pool, DrawException? Refusal, bool SeedPresumed);

/// <summary>What has been read of a record so far, for a reader's caller that starts work before the end of the document.</summary>
/// <param name="Section">The top-level property just read.</param>
/// <param name="Seen">Every top-level property read so far.</param>
/// <param name="Pool">Once the pool has been read (with the strata known): its freezing.</param>
public sealed record RecordProgress(string Section, DrawRecord Record, IReadOnlySet<string> Seen, Task<ReadPool>? Pool);

/// <summary>
/// Reads a draw record from a stream without holding the document: small parts become a <see cref="DrawRecord"/>,
/// the pool's entries go straight into a <see cref="DrawBuilder"/> as they are parsed, which checks and hashes
/// them on another thread and, when the record's seed came before the pool (as the platform writes it), ranks
/// them too. Properties may come in any order; out of the usual order the pool is held until the strata are known.
/// A document that is not a draw record (bad JSON, a missing or mistyped field) is refused with a
/// <see cref="JsonException"/> naming what is wrong.
/// </summary>
public static class DrawRecordReader
{
    private static readonly string[] Required =
        ["version", "departments", "rules", "commitment", "secret", "entropy", "poolDigest", "seed", "strata", "pool", "selected", "officers", "assignments", "unassigned"];

    /// <param name="sectionRead">Called after each top-level property, on the reading thread.</param>
    public static ReadDrawRecord Read(Stream stream, Action<RecordProgress>? sectionRead = null)
    {
        var json = new JsonStream(stream) { Strings = new StringPool() };
        try
        {
            return Read(json, sectionRead);
        }
        catch (JsonException e)
        {
            var located = json.Located(e);
            if (located == e) throw;
            throw located;
        }
    }

    private static ReadDrawRecord Read(JsonStream json, Action<RecordProgress>? sectionRead)
    {
        var reader = json.Start();
        // The long lists as the reader keeps them (RecordLists.cs): the verifier works on their UTF-8 rows.
        var record = new DrawRecord { Selected = new RecordSelections(), Conflicts = new RecordLinks(), PreviousInspectors = new RecordLinks(), Assignments = new RecordAssignments() };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        PoolReading? pool = null;
        json.Expect(ref reader, JsonTokenType.StartObject, "the record");
        while (true)
        {
            json.Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) break;
            var name = reader.GetString()!;
            if (!seen.Add(name)) throw new JsonException($"The record has '{name}' twice.");
            switch (name)
            {
                case "version": record.Version = json.String(ref reader, name); break;
                case "taskId": record.TaskId = json.String(ref reader, name); break;
                case "taskName": record.TaskName = json.String(ref reader, name); break;
                case "drawnAt": record.DrawnAt = json.String(ref reader, name); break;
                case "departments": record.Departments = json.StringList(ref reader, name); break;
                case "rules": ReadRules(json, ref reader, record); break;
                case "commitment": record.Commitment = json.String(ref reader, name); break;
                case "secret": record.Secret = json.String(ref reader, name); break;
                case "entropy": record.Entropy = json.String(ref reader, name); break;
                case "poolDigest": record.PoolDigest = json.String(ref reader, name); break;
                case "seed": record.Seed = json.String(ref reader, name); break;
                case "poolSize": record.PoolSize = json.Integer(ref reader, name); break;
                case "strata": record.Strata = ReadStrata(json, ref reader); break;
                case "pool":
                    pool = ReadPool(json, ref reader, seen.Contains("strata") ? record : null);
                    if (pool.Builder is not null) pool.Freezing = Task.Run(pool.Freeze);
                    break;
                case "selected": record.Selected = ReadSelected(json, ref reader); break;
                case "officers": record.Officers = ReadOfficers(json, ref reader); break;
                case "conflicts": record.Conflicts = ReadLinks(json, ref reader, name); break;
                case "previousInspectors": record.PreviousInspectors = ReadLinks(json, ref reader, name); break;
                case "assignments": record.Assignments = ReadAssignments(json, ref reader); break;
                case "unassigned": record.Unassigned = ReadUnassigned(json, ref reader); break;
                default: json.Skip(ref reader); break;
            }
            sectionRead?.Invoke(new RecordProgress(name, record, seen, pool?.Freezing));
        }
        if (Required.FirstOrDefault(r => !seen.Contains(r)) is { } missing) throw new JsonException($"The record has no '{missing}'.");
        if (record.Version != DrawHashes.Version) throw new JsonException($"The record's version is '{record.Version}'; this verifier knows '{DrawHashes.Version}'.");
        return new ReadDrawRecord(record, pool!.Finish(record));
    }

    /// <summary>The pool as parsed: fed to a builder at once when the strata are known, else held until they are.</summary>
    private sealed class PoolReading
    {
        public DrawBuilder? Builder;
        public DrawException? Refusal;
        public List<(string Code, int Stratum)>? Held;
        public bool SeedPresumed;

        public Task<ReadPool>? Freezing;

        /// <summary>The freezing under way, or (the pool held until the strata were known) the pool fed and frozen now.</summary>
        public Task<ReadPool> Finish(DrawRecord record)
        {
            if (Freezing is not null) return Freezing;
            if (Held is not null && Refusal is null)
            {
                Start(record);
                if (Builder is not null)
                    foreach (var (code, stratum) in Held) Builder.AddUtf8(System.Text.Encoding.UTF8.GetBytes(code), stratum);
            }
            return Task.FromResult(Freeze());
        }

        public ReadPool Freeze()
        {
            if (Builder is null) return new ReadPool(null, Refusal, false);
            try
            {
                return new ReadPool(Builder.Freeze(), null, SeedPresumed);
            }
            catch (DrawException e)
            {
                return new ReadPool(null, e, false);
            }
            finally
            {
                Builder.Dispose();
            }
        }

        public void Start(DrawRecord record)
        {
            try
            {
                var seed = Hex.TryParse32(record.Seed, out var bytes) ? bytes : [];
                Builder = new DrawBuilder(record.Strata.Select(s => s.Key), seed);
                SeedPresumed = seed.Length > 0;
            }
            catch (DrawException e)
            {
                Refusal = e;
            }
        }
    }

    private static PoolReading ReadPool(JsonStream json, ref Utf8JsonReader reader, DrawRecord? withStrata)
    {
        var pool = new PoolReading();
        if (withStrata is not null) pool.Start(withStrata);
        else pool.Held = [];
        var builder = pool.Builder;
        var scratch = new byte[4 * PoolRules.MaxCodeLength + 16];
        var code = new byte[PoolRules.MaxCodeLength + 1];
        json.Expect(ref reader, JsonTokenType.StartArray, "pool");
        while (true)
        {
            json.Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray) return pool;
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException($"pool: expected [creditCode, stratum] pairs, found {JsonStream.Name(reader.TokenType)}.");
            json.Read(ref reader);
            if (reader.TokenType != JsonTokenType.String) throw new JsonException($"pool: a pair starts with a credit code, not {JsonStream.Name(reader.TokenType)}.");
            // A code too long to be valid is cut (the builder refuses it). The code is copied out before the
            // next token is read, which may refill the buffer under the span.
            var token = reader.ValueIsEscaped && reader.ValueSpan.Length <= 4 * PoolRules.MaxCodeLength ? JsonStream.Utf8(ref reader, scratch) : reader.ValueSpan;
            var length = Math.Min(token.Length, PoolRules.MaxCodeLength + 1);
            token[..length].CopyTo(code);
            var stratum = StratumNumber(json, ref reader);
            if (builder is not null) builder.AddUtf8(code.AsSpan(0, length), stratum);
            else pool.Held?.Add((JsonStream.Show(code.AsSpan(0, length)), stratum));
            json.Read(ref reader);
            if (reader.TokenType != JsonTokenType.EndArray) throw new JsonException("pool: a pair has more than a credit code and a stratum.");
            if (builder is not null) ScanPairs(json, ref reader, builder);
        }
    }

    /// <summary>After a pair: the pairs that follow in the writer's form (<see cref="WrittenElements"/>).</summary>
    private static void ScanPairs(JsonStream json, ref Utf8JsonReader reader, DrawBuilder builder)
    {
        var run = new WrittenElements(json, ref reader);
        // A code of other characters or too long is left to the reader, which cuts it for the builder to refuse.
        while (run.Next() && run.Literal("["u8) && run.Code(out var code) && run.Literal(","u8) && run.Number(out var stratum) && run.Literal("]"u8))
        {
            builder.AddUtf8(code, stratum);
            run.Accept();
        }
        json.Advance(ref reader, run.Accepted);
    }

    private static int StratumNumber(JsonStream json, ref Utf8JsonReader reader)
    {
        json.Read(ref reader);
        if (reader.TokenType != JsonTokenType.Number) throw new JsonException($"pool: a pair's second item is the stratum's number, not {JsonStream.Name(reader.TokenType)}.");
        return reader.TryGetInt32(out var n) && n >= 0 ? n : int.MaxValue;
    }

    private static void ReadRules(JsonStream json, ref Utf8JsonReader reader, DrawRecord record)
    {
        json.Expect(ref reader, JsonTokenType.StartObject, "rules");
        while (true)
        {
            json.Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) return;
            var name = reader.GetString()!;
            switch (name)
            {
                case "stratifiedBy": record.StrataDefinition = json.String(ref reader, "rules.stratifiedBy"); break;
                case "ratios": record.Ratios = IntMap(json, ref reader, "rules.ratios"); break;
                case "quotas": record.ExplicitQuotas = IntMap(json, ref reader, "rules.quotas"); break;
                case "officersPerEntity": record.OfficersPerEntity = (int)json.Integer(ref reader, "rules.officersPerEntity"); break;
                case "qualifications":
                    var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                    json.Expect(ref reader, JsonTokenType.StartObject, "rules.qualifications");
                    while (true)
                    {
                        json.Read(ref reader);
                        if (reader.TokenType == JsonTokenType.EndObject) break;
                        var department = reader.GetString()!;
                        map[department] = json.StringList(ref reader, "rules.qualifications." + department);
                    }
                    record.Qualifications = map;
                    break;
                default: json.Skip(ref reader); break;
            }
        }
    }

    private static Dictionary<string, int> IntMap(JsonStream json, ref Utf8JsonReader reader, string what)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        json.Expect(ref reader, JsonTokenType.StartObject, what);
        while (true)
        {
            json.Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) return map;
            var key = reader.GetString()!;
            map[key] = (int)Math.Clamp(json.Integer(ref reader, $"{what}.{key}"), int.MinValue, int.MaxValue);
        }
    }

    private static List<StratumQuota> ReadStrata(JsonStream json, ref Utf8JsonReader reader)
    {
        var list = new List<StratumQuota>();
        json.Expect(ref reader, JsonTokenType.StartArray, "strata");
        while (NextObject(json, ref reader, "strata"))
        {
            string? key = null;
            long size = -1, quota = -1;
            while (NextProperty(json, ref reader))
            {
                if (reader.ValueTextEquals("key"u8)) key = json.String(ref reader, "strata.key");
                else if (reader.ValueTextEquals("size"u8)) size = json.Integer(ref reader, "strata.size");
                else if (reader.ValueTextEquals("quota"u8)) quota = json.Integer(ref reader, "strata.quota");
                else json.Skip(ref reader);
            }
            if (key is null || size < 0 || quota < 0) throw new JsonException("strata: each stratum has a key, a size and a quota (whole numbers from 0).");
            list.Add(new StratumQuota(key, (int)Math.Min(size, int.MaxValue), (int)Math.Min(quota, int.MaxValue)));
        }
        return list;
    }

    private static RecordSelections ReadSelected(JsonStream json, ref Utf8JsonReader reader)
    {
        var list = new RecordSelections();
        var code = new byte[64];
        var departments = new List<string>();
        json.Expect(ref reader, JsonTokenType.StartArray, "selected");
        while (NextObject(json, ref reader, "selected"))
        {
            var codeLength = -1;
            string? stratum = null;
            ulong? rank = null;
            var hasRank = false;
            var hasDepartments = false;
            while (NextProperty(json, ref reader))
            {
                if (reader.ValueTextEquals("creditCode"u8))
                {
                    // Copied out: the next token may refill the buffer under the span.
                    var text = json.Utf8String(ref reader, "selected.creditCode");
                    if (text.Length > code.Length) code = new byte[text.Length];
                    text.CopyTo(code);
                    codeLength = text.Length;
                }
                else if (reader.ValueTextEquals("stratum"u8)) stratum = json.String(ref reader, "selected.stratum");
                else if (reader.ValueTextEquals("rank"u8))
                {
                    rank = json.Hex64(ref reader, "selected.rank");
                    hasRank = true;
                }
                else if (reader.ValueTextEquals("departments"u8))
                {
                    departments.Clear();
                    departments.AddRange(json.StringList(ref reader, "selected.departments"));
                    hasDepartments = true;
                }
                else json.Skip(ref reader);
            }
            if (codeLength < 0 || stratum is null || !hasRank) throw new JsonException("selected: each entity has a creditCode, a stratum and a rank.");
            list.Add(code.AsSpan(0, codeLength), stratum, rank, hasDepartments ? departments : null);
            ScanSelected(json, ref reader, list, departments);
        }
        return list;
    }

    /// <summary>After an entity of <c>selected</c>: those that follow in the writer's form (<see cref="WrittenElements"/>).</summary>
    private static void ScanSelected(JsonStream json, ref Utf8JsonReader reader, RecordSelections list, List<string> departments)
    {
        var strings = json.Strings!;
        var run = new WrittenElements(json, ref reader);
        while (run.Next() && run.Literal("{\"creditCode\":"u8) && run.String(out var code) && run.Literal(",\"stratum\":"u8) && run.String(out var stratum)
               && run.Literal(",\"rank\":"u8) && run.String(out var rank))
        {
            var hasDepartments = false;
            if (run.Literal(",\"departments\":["u8))
            {
                departments.Clear();
                if (!run.Literal("]"u8))
                {
                    bool more;
                    do
                    {
                        if (!run.String(out var department)) goto stop;
                        departments.Add(strings.Get(department));
                        more = run.Literal(","u8);
                    }
                    while (more);
                    if (!run.Literal("]"u8)) break;
                }
                hasDepartments = true;
            }
            if (!run.Literal("}"u8)) break;
            list.Add(code, strings.Get(stratum), JsonStream.Hex64(rank), hasDepartments ? departments : null);
            run.Accept();
        }
        stop:
        json.Advance(ref reader, run.Accepted);
    }

    private static List<Officer> ReadOfficers(JsonStream json, ref Utf8JsonReader reader)
    {
        var list = new List<Officer>();
        json.Expect(ref reader, JsonTokenType.StartArray, "officers");
        while (NextObject(json, ref reader, "officers"))
        {
            string? id = null, department = null;
            List<string> qualifications = [];
            while (NextProperty(json, ref reader))
            {
                if (reader.ValueTextEquals("id"u8)) id = json.String(ref reader, "officers.id");
                else if (reader.ValueTextEquals("department"u8)) department = json.String(ref reader, "officers.department");
                else if (reader.ValueTextEquals("qualifications"u8)) qualifications = json.StringList(ref reader, "officers.qualifications");
                else json.Skip(ref reader);
            }
            if (id is null || department is null) throw new JsonException("officers: each officer has an id and a department.");
            list.Add(new Officer(id, department, qualifications));
        }
        return list;
    }

    private static RecordLinks ReadLinks(JsonStream json, ref Utf8JsonReader reader, string what)
    {
        var list = new RecordLinks();
        var code = new byte[64];
        string codeField = what + ".creditCode", officerField = what + ".officerId";
        json.Expect(ref reader, JsonTokenType.StartArray, what);
        while (NextObject(json, ref reader, what))
        {
            // The officer's id goes straight into the list; the code waits in a copy, as it may come first.
            var codeLength = -1;
            var officers = list.OfficerIds.Count;
            while (NextProperty(json, ref reader))
            {
                if (reader.ValueTextEquals("creditCode"u8))
                {
                    var text = json.Utf8String(ref reader, codeField);
                    if (text.Length > code.Length) code = new byte[text.Length];
                    text.CopyTo(code);
                    codeLength = text.Length;
                }
                else if (reader.ValueTextEquals("officerId"u8))
                {
                    list.OfficerIds.Truncate(officers);
                    list.OfficerIds.Add(json.Utf8String(ref reader, officerField));
                }
                else json.Skip(ref reader);
            }
            if (codeLength < 0 || list.OfficerIds.Count == officers) throw new JsonException($"{what}: each link has a creditCode and an officerId.");
            list.Codes.Add(code.AsSpan(0, codeLength));
            ScanLinks(json, ref reader, list);
        }
        return list;
    }

    /// <summary>After a link: those that follow in the writer's form (<see cref="WrittenElements"/>).</summary>
    private static void ScanLinks(JsonStream json, ref Utf8JsonReader reader, RecordLinks list)
    {
        var run = new WrittenElements(json, ref reader);
        while (run.Next() && run.Literal("{\"creditCode\":"u8) && run.String(out var code) && run.Literal(",\"officerId\":"u8)
               && run.String(out var officer) && run.Literal("}"u8))
        {
            list.Codes.Add(code);
            list.OfficerIds.Add(officer);
            run.Accept();
        }
        json.Advance(ref reader, run.Accepted);
    }

    private static RecordAssignments ReadAssignments(JsonStream json, ref Utf8JsonReader reader)
    {
        var list = new RecordAssignments();
        var code = new byte[64];
        json.Expect(ref reader, JsonTokenType.StartArray, "assignments");
        while (NextObject(json, ref reader, "assignments"))
        {
            var codeLength = -1;
            var hasOfficers = false;
            var start = list.OfficerIds.Count;
            while (NextProperty(json, ref reader))
            {
                if (reader.ValueTextEquals("creditCode"u8))
                {
                    var text = json.Utf8String(ref reader, "assignments.creditCode");
                    if (text.Length > code.Length) code = new byte[text.Length];
                    text.CopyTo(code);
                    codeLength = text.Length;
                }
                else if (reader.ValueTextEquals("officers"u8))
                {
                    // The ids straight into the list (a property given twice: the last one counts).
                    list.OfficerIds.Truncate(start);
                    json.Expect(ref reader, JsonTokenType.StartArray, "assignments.officers");
                    while (true)
                    {
                        json.Read(ref reader);
                        if (reader.TokenType == JsonTokenType.EndArray) break;
                        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"assignments.officers: expected strings, found {JsonStream.Name(reader.TokenType)}.");
                        list.OfficerIds.Add(json.CurrentUtf8(ref reader));
                    }
                    hasOfficers = true;
                }
                else json.Skip(ref reader);
            }
            if (codeLength < 0 || !hasOfficers) throw new JsonException("assignments: each has a creditCode and officers.");
            list.Codes.Add(code.AsSpan(0, codeLength));
            list.Ends.Add(list.OfficerIds.Count);
            ScanAssignments(json, ref reader, list);
        }
        return list;
    }

    /// <summary>After an assignment: those that follow in the writer's form (<see cref="WrittenElements"/>).</summary>
    private static void ScanAssignments(JsonStream json, ref Utf8JsonReader reader, RecordAssignments list)
    {
        var run = new WrittenElements(json, ref reader);
        while (run.Next() && run.Literal("{\"creditCode\":"u8) && run.String(out var code) && run.Literal(",\"officers\":["u8))
        {
            // The ids go straight into the list, taken back if the element turns out not to match.
            var start = list.OfficerIds.Count;
            var matched = run.Literal("]"u8);
            if (!matched)
            {
                while (run.String(out var officer))
                {
                    list.OfficerIds.Add(officer);
                    if (run.Literal(","u8)) continue;
                    matched = run.Literal("]"u8);
                    break;
                }
            }
            if (!matched || !run.Literal("}"u8))
            {
                list.OfficerIds.Truncate(start);
                break;
            }
            list.Codes.Add(code);
            list.Ends.Add(list.OfficerIds.Count);
            run.Accept();
        }
        json.Advance(ref reader, run.Accepted);
    }

    private static List<Unassigned> ReadUnassigned(JsonStream json, ref Utf8JsonReader reader)
    {
        var list = new List<Unassigned>();
        json.Expect(ref reader, JsonTokenType.StartArray, "unassigned");
        while (NextObject(json, ref reader, "unassigned"))
        {
            string? code = null, reason = null, message = null;
            while (NextProperty(json, ref reader))
            {
                if (reader.ValueTextEquals("creditCode"u8)) code = json.String(ref reader, "unassigned.creditCode");
                else if (reader.ValueTextEquals("reason"u8)) reason = json.String(ref reader, "unassigned.reason");
                else if (reader.ValueTextEquals("message"u8)) message = json.String(ref reader, "unassigned.message");
                else json.Skip(ref reader);
            }
            if (code is null || reason is null) throw new JsonException("unassigned: each has a creditCode and a reason.");
            list.Add(new Unassigned(code, reason, message ?? ""));
        }
        return list;
    }

    /// <summary>Moves to the next object of an array: false at the array's end.</summary>
    private static bool NextObject(JsonStream json, ref Utf8JsonReader reader, string what)
    {
        json.Read(ref reader);
        if (reader.TokenType == JsonTokenType.EndArray) return false;
        return reader.TokenType == JsonTokenType.StartObject ? true : throw new JsonException($"{what}: expected objects, found {JsonStream.Name(reader.TokenType)}.");
    }

    /// <summary>Moves to the next property name of an object: false at the object's end.</summary>
    private static bool NextProperty(JsonStream json, ref Utf8JsonReader reader)
    {
        json.Read(ref reader);
        return reader.TokenType != JsonTokenType.EndObject;
    }
}
