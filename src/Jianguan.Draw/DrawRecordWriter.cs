using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Jianguan.Draw;

/// <summary>
/// Writes a draw record as UTF-8 JSON (docs/draw-record.md): indented, with each element of the long lists (pool,
/// selected, assignments …) on one line, and Chinese as itself rather than \u escapes. The pool is streamed from
/// the frozen pool, so a record of ten million entries is written without building it in memory.
/// </summary>
public static class DrawRecordWriter
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private const int FlushAt = 1 << 20;
    private static ReadOnlySpan<byte> LineStart => "\n    "u8;

    public static void Write(Stream stream, DrawRecord record, FrozenPool pool)
    {
        using var json = new Utf8JsonWriter(stream, Indented);
        json.WriteStartObject();
        json.WriteString("version", record.Version);
        json.WriteString("taskId", record.TaskId);
        json.WriteString("taskName", record.TaskName);
        if (record.DrawnAt is not null) json.WriteString("drawnAt", record.DrawnAt);
        StringArray(json, "departments", record.Departments);
        json.WriteStartObject("rules");
        json.WriteString("stratifiedBy", record.StrataDefinition);
        IntMap(json, "ratios", record.Ratios);
        IntMap(json, "quotas", record.ExplicitQuotas);
        json.WriteNumber("officersPerEntity", record.OfficersPerEntity);
        json.WriteStartObject("qualifications");
        foreach (var (department, qualifications) in record.Qualifications.OrderBy(p => p.Key, PoolRules.Utf8Order)) StringArray(json, department, qualifications);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("commitment", record.Commitment);
        json.WriteString("secret", record.Secret);
        json.WriteString("entropy", record.Entropy);
        json.WriteString("poolDigest", record.PoolDigest);
        json.WriteString("seed", record.Seed);
        json.WriteNumber("poolSize", pool.Count);

        var line = new ArrayBufferWriter<byte>(256);
        using var compact = new Utf8JsonWriter(line, Compact);
        // A raw value comes without the indented writer's line break: each element brings its own (white space
        // between tokens is JSON's to ignore).
        void Element(Action<Utf8JsonWriter> write)
        {
            line.ResetWrittenCount();
            line.Write(LineStart);
            compact.Reset(line);
            write(compact);
            compact.Flush();
            json.WriteRawValue(line.WrittenSpan, skipInputValidation: true);
            if (json.BytesPending > FlushAt) json.Flush();
        }

        json.WriteStartArray("strata");
        foreach (var s in record.Strata)
            Element(w =>
            {
                w.WriteStartObject();
                w.WriteString("key", s.Key);
                w.WriteNumber("size", s.Size);
                w.WriteNumber("quota", s.Quota);
                w.WriteEndObject();
            });
        json.WriteEndArray();

        // Credit codes are digits and capital letters: nothing to escape, so the pool's lines are written as bytes.
        json.WriteStartArray("pool");
        var entry = new byte[PoolRules.MaxCodeLength + 32];
        LineStart.CopyTo(entry);
        pool.ForEach((code, stratum) =>
        {
            var at = LineStart.Length;
            entry[at++] = (byte)'[';
            entry[at++] = (byte)'"';
            code.CopyTo(entry.AsSpan(at));
            at += code.Length;
            entry[at++] = (byte)'"';
            entry[at++] = (byte)',';
            stratum.TryFormat(entry.AsSpan(at), out var written);
            at += written;
            entry[at++] = (byte)']';
            json.WriteRawValue(entry.AsSpan(0, at), skipInputValidation: true);
            if (json.BytesPending > FlushAt) json.Flush();
        });
        json.WriteEndArray();

        json.WriteStartArray("selected");
        foreach (var s in record.Selected)
            Element(w =>
            {
                w.WriteStartObject();
                w.WriteString("creditCode", s.CreditCode);
                w.WriteString("stratum", s.Stratum);
                w.WriteString("rank", s.RankText);
                if (s.Departments is not null) StringArray(w, "departments", s.Departments);
                w.WriteEndObject();
            });
        json.WriteEndArray();

        json.WriteStartArray("officers");
        foreach (var o in record.Officers)
            Element(w =>
            {
                w.WriteStartObject();
                w.WriteString("id", o.Id);
                w.WriteString("department", o.Department);
                StringArray(w, "qualifications", o.Qualifications);
                w.WriteEndObject();
            });
        json.WriteEndArray();

        foreach (var (name, links) in new[] { ("conflicts", record.Conflicts), ("previousInspectors", record.PreviousInspectors) })
        {
            json.WriteStartArray(name);
            foreach (var l in links)
                Element(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("creditCode", l.CreditCode);
                    w.WriteString("officerId", l.OfficerId);
                    w.WriteEndObject();
                });
            json.WriteEndArray();
        }

        json.WriteStartArray("assignments");
        foreach (var a in record.Assignments)
            Element(w =>
            {
                w.WriteStartObject();
                w.WriteString("creditCode", a.CreditCode);
                StringArray(w, "officers", a.OfficerIds);
                w.WriteEndObject();
            });
        json.WriteEndArray();

        json.WriteStartArray("unassigned");
        foreach (var u in record.Unassigned)
            Element(w =>
            {
                w.WriteStartObject();
                w.WriteString("creditCode", u.CreditCode);
                w.WriteString("reason", u.Reason);
                w.WriteString("message", u.Message);
                w.WriteEndObject();
            });
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    private static void StringArray(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }

    private static void IntMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, int> values)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in values.OrderBy(p => p.Key, PoolRules.Utf8Order)) json.WriteNumber(key, value);
        json.WriteEndObject();
    }
}
