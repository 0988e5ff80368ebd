using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Jianguan.Web.Modules.Credit;

/// <summary>
/// How an explanation is stored: compact JSON, one array a factor, without the factor's name (the model version the
/// assessment names has it) and without empty lists:
/// <c>{"factors":[["PEN",1,5,[4]],["ABN",1,15,[],[7]],["IND",1,5]],"scoredClass":"D","observationTag":"观察期"}</c>
/// (code, value, points, record ids, listing ids; the class before the observation cap and the tag only when capped).
/// A first run stores a million of them: the earlier form (an object a factor, with names, escaped) was five times
/// longer and its writing most of the run. Both forms are read. The fingerprint a run compares is a hash of these bytes.
/// </summary>
public static class RiskExplanationFormat
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    [ThreadStatic] private static ArrayBufferWriter<byte>? buffer;
    [ThreadStatic] private static Utf8JsonWriter? writer;

    /// <summary>The stored form as UTF-8, valid until the thread's next call.</summary>
    public static ReadOnlySpan<byte> Utf8(RiskExplanation explanation)
    {
        var output = buffer ??= new ArrayBufferWriter<byte>(256);
        output.ResetWrittenCount();
        var json = writer ??= new Utf8JsonWriter(output, Options);
        json.Reset(output);
        json.WriteStartObject();
        json.WriteStartArray("factors");
        // Indexed loops: through the interfaces, foreach made an enumerator per list, a run's most frequent garbage.
        for (var i = 0; i < explanation.Factors.Count; i++)
        {
            var f = explanation.Factors[i];
            json.WriteStartArray();
            json.WriteStringValue(f.Code);
            json.WriteNumberValue(f.Value);
            json.WriteNumberValue(f.Points);
            var listings = f.ListingIds is { Count: > 0 } l ? l : null;
            if (f.RecordIds.Count > 0 || listings is not null)
            {
                json.WriteStartArray();
                for (var r = 0; r < f.RecordIds.Count; r++) json.WriteNumberValue(f.RecordIds[r]);
                json.WriteEndArray();
            }
            if (listings is not null)
            {
                json.WriteStartArray();
                for (var k = 0; k < listings.Count; k++) json.WriteNumberValue(listings[k]);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        json.WriteEndArray();
        if (explanation.ScoredClass is { } scored) json.WriteString("scoredClass", scored.ToString());
        if (explanation.ObservationTag is { } tag) json.WriteString("observationTag", tag);
        json.WriteEndObject();
        json.Flush();
        return output.WrittenSpan;
    }

    public static string Text(RiskExplanation explanation) => System.Text.Encoding.UTF8.GetString(Utf8(explanation));

    /// <summary>
    /// The XXH3 64-bit hash of the stored form: it only tells a run whether an explanation changed, so a fast
    /// non-cryptographic hash serves (SHA-256's set-up cost more than hashing these hundred bytes).
    /// </summary>
    public static long Fingerprint(RiskExplanation explanation) => unchecked((long)System.IO.Hashing.XxHash3.HashToUInt64(Utf8(explanation)));

    /// <summary>
    /// Reads either form. Factors read from the compact form have no name (empty): the caller takes it from the
    /// assessment's model version (<see cref="WithNames"/>).
    /// </summary>
    public static RiskExplanation Parse(string text)
    {
        if (text.Length == 0) return new([]); // a class row from before explanations moved into it, left without one
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var factors = root.GetProperty("factors");
        if (factors.GetArrayLength() > 0 && factors[0].ValueKind == JsonValueKind.Object)
            return JsonSerializer.Deserialize<RiskExplanation>(text, RiskModelDefinition.Json)!; // the earlier form
        var list = new List<FactorScore>(factors.GetArrayLength());
        foreach (var f in factors.EnumerateArray())
        {
            var length = f.GetArrayLength();
            list.Add(new FactorScore(f[0].GetString()!, "", f[1].GetInt32(), f[2].GetDecimal(),
                length > 3 ? [.. f[3].EnumerateArray().Select(id => id.GetInt64())] : [],
                length > 4 ? [.. f[4].EnumerateArray().Select(id => id.GetInt64())] : null));
        }
        return new RiskExplanation(list,
            // The earlier form wrote absent values as null.
            root.TryGetProperty("scoredClass", out var scored) && scored.ValueKind == JsonValueKind.String ? Enum.Parse<RiskClass>(scored.GetString()!) : null,
            root.TryGetProperty("observationTag", out var tag) && tag.ValueKind == JsonValueKind.String ? tag.GetString() : null);
    }

    /// <summary>The explanation with each factor's name from the model version that scored it, where it has none.</summary>
    public static RiskExplanation WithNames(RiskExplanation explanation, RiskModelDefinition model)
    {
        var names = model.Factors.ToDictionary(f => f.Code, f => f.Name);
        return explanation with
        {
            Factors = [.. explanation.Factors.Select(f => f.Name.Length > 0 ? f : f with { Name = names.GetValueOrDefault(f.Code, f.Code) })],
        };
    }
}
