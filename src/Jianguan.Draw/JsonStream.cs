using System.Text;
using System.Text.Json;

namespace Jianguan.Draw;

/// <summary>
/// A JSON document read from a stream in pieces, token by token, for records too large to hold: the caller's
/// <see cref="Utf8JsonReader"/> reads the buffer, and <see cref="Read"/> refills the buffer (carrying the
/// reader's state over) whenever the reader needs more. A token's value stays valid until the next <see cref="Read"/>.
/// </summary>
internal sealed class JsonStream(Stream stream)
{
    private byte[] _buffer = new byte[1 << 20];
    private int _length;
    private bool _final;

    // Where the reader's span starts in the buffer (after Advance), and the lines it did not count (see Advance).
    private int _start;
    private long _linesAdvanced;

    public Utf8JsonReader Start()
    {
        Fill(0);
        // A UTF-8 byte order mark is allowed before the document.
        if (_length >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
        {
            Buffer.BlockCopy(_buffer, 3, _buffer, 0, _length - 3);
            Fill(_length - 3);
        }
        return new Utf8JsonReader(_buffer.AsSpan(0, _length), _final, default);
    }

    /// <summary>The next token, refilling the buffer as needed; refuses the end of the stream.</summary>
    public void Read(ref Utf8JsonReader reader)
    {
        while (!reader.Read())
        {
            if (_final) throw new JsonException("The record ends too early.");
            var consumed = _start + (int)reader.BytesConsumed;
            var keep = _length - consumed;
            Buffer.BlockCopy(_buffer, consumed, _buffer, 0, keep);
            // A token longer than the whole buffer: make room.
            if (keep == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            Fill(keep);
            _start = 0;
            reader = new Utf8JsonReader(_buffer.AsSpan(0, _length), _final, reader.CurrentState);
        }
    }

    /// <summary>
    /// The reader's refusal of bad JSON with the line of the record it is on, counting the lines <see cref="Advance"/>
    /// skipped (the reader counts only those it read); anything else as it is.
    /// </summary>
    public Exception Located(JsonException e)
    {
        if (_linesAdvanced == 0 || e.LineNumber is not { } line) return e;
        var actual = line + _linesAdvanced;
        return new JsonException(e.Message.Replace($"LineNumber: {line} ", $"LineNumber: {actual} "), e.Path, actual, e.BytePositionInLine, e);
    }

    /// <summary>
    /// The bytes after the reader's last token that are in the buffer, for a caller that parses a run of simple,
    /// regular values itself (<see cref="Advance"/>); more may follow in the stream.
    /// </summary>
    public ReadOnlySpan<byte> Ahead(ref Utf8JsonReader reader)
    {
        var at = _start + (int)reader.BytesConsumed;
        return _buffer.AsSpan(at, _length - at);
    }

    /// <summary>
    /// Moves the reader past <paramref name="bytes"/> of <see cref="Ahead"/> that the caller parsed, holding
    /// <paramref name="lines"/> line breaks. The reader's state is carried over unchanged, so the bytes must be
    /// whole values that leave it as it was: e.g. more elements of an array just after one of the same shape.
    /// </summary>
    public void Advance(ref Utf8JsonReader reader, (int Bytes, int Lines) parsed)
    {
        var (bytes, lines) = parsed;
        if (bytes == 0) return;
        _start += (int)reader.BytesConsumed + bytes;
        _linesAdvanced += lines;
        reader = new Utf8JsonReader(_buffer.AsSpan(_start, _length - _start), _final, reader.CurrentState);
    }

    private void Fill(int from)
    {
        _length = from;
        while (_length < _buffer.Length)
        {
            var read = stream.Read(_buffer, _length, _buffer.Length - _length);
            if (read == 0)
            {
                _final = true;
                break;
            }
            _length += read;
        }
    }

    public void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        Read(ref reader);
        if (reader.TokenType != type) throw new JsonException($"{what}: expected {Name(type)}, found {Name(reader.TokenType)}.");
    }

    /// <summary>When set, strings read are shared: a record repeats its credit codes and officer ids many times.</summary>
    public StringPool? Strings { get; init; }

    public string String(ref Utf8JsonReader reader, string what)
    {
        Read(ref reader);
        return reader.TokenType == JsonTokenType.String ? Text(ref reader) : throw new JsonException($"{what}: expected a string, found {Name(reader.TokenType)}.");
    }

    /// <summary>The current string token's text, from the pool when there is one.</summary>
    private string Text(ref Utf8JsonReader reader) =>
        Strings is null ? reader.GetString()! : reader.ValueIsEscaped ? Strings.Get(reader.GetString()!) : Strings.Get(reader.ValueSpan);

    private byte[] _unescaped = new byte[256];

    /// <summary>
    /// The next token, a string, as its UTF-8 bytes (unescaped when it has escapes): no string made. Valid until the
    /// next <see cref="Read"/>.
    /// </summary>
    public ReadOnlySpan<byte> Utf8String(ref Utf8JsonReader reader, string what)
    {
        Read(ref reader);
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"{what}: expected a string, found {Name(reader.TokenType)}.");
        return CurrentUtf8(ref reader);
    }

    /// <summary>The current string token's UTF-8 bytes, unescaped when it has escapes. Valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<byte> CurrentUtf8(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped) return reader.ValueSpan;
        if (_unescaped.Length < reader.ValueSpan.Length) _unescaped = new byte[reader.ValueSpan.Length];
        return _unescaped.AsSpan(0, reader.CopyString(_unescaped));
    }

    /// <summary>A string of 16 hex digits as a number; null for any other string.</summary>
    public ulong? Hex64(ref Utf8JsonReader reader, string what)
    {
        Read(ref reader);
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"{what}: expected a string, found {Name(reader.TokenType)}.");
        return reader.ValueIsEscaped ? null : Hex64(reader.ValueSpan);
    }

    /// <summary>Sixteen hex digits as a number; null for anything else.</summary>
    public static ulong? Hex64(ReadOnlySpan<byte> text) =>
        text.Length == 16 && !text.ContainsAnyExcept(HexDigits) && ulong.TryParse(text, System.Globalization.NumberStyles.AllowHexSpecifier, null, out var value) ? value : null;

    private static readonly System.Buffers.SearchValues<byte> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF"u8);

    public long Integer(ref Utf8JsonReader reader, string what)
    {
        Read(ref reader);
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value
            : throw new JsonException($"{what}: expected a whole number, found {Name(reader.TokenType)}.");
    }

    public List<string> StringList(ref Utf8JsonReader reader, string what)
    {
        Expect(ref reader, JsonTokenType.StartArray, what);
        var list = new List<string>();
        while (true)
        {
            Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray) return list;
            list.Add(reader.TokenType == JsonTokenType.String ? Text(ref reader) : throw new JsonException($"{what}: expected strings, found {Name(reader.TokenType)}."));
        }
    }

    /// <summary>Skips the value after a property name (an object or array whole).</summary>
    public void Skip(ref Utf8JsonReader reader)
    {
        Read(ref reader);
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        var depth = reader.CurrentDepth;
        do Read(ref reader);
        while (reader.CurrentDepth > depth || reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray));
    }

    /// <summary>The string token's UTF-8 bytes, unescaped into <paramref name="scratch"/> when the token has escapes.</summary>
    public static ReadOnlySpan<byte> Utf8(ref Utf8JsonReader reader, byte[] scratch)
    {
        if (!reader.ValueIsEscaped) return reader.ValueSpan;
        var length = reader.CopyString(scratch);
        return scratch.AsSpan(0, length);
    }

    public static string Name(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "true or false",
        JsonTokenType.Null => "null",
        JsonTokenType.PropertyName => "a property",
        _ => "the end of " + (type == JsonTokenType.EndArray ? "an array" : "an object"),
    };

    public static string Show(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}

/// <summary>
/// Strings by their text, so that a text read many times is one string: a look-up of the UTF-8 bytes (decoded on the
/// stack) instead of a new string that would live as long as the record.
/// </summary>
internal sealed class StringPool
{
    private const int Longest = 128;
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > Longest) return Encoding.UTF8.GetString(utf8);
        Span<char> chars = stackalloc char[Longest];
        return Get(chars[..Encoding.UTF8.GetChars(utf8, chars)]);
    }

    public string Get(ReadOnlySpan<char> text)
    {
        if (text.Length > Longest) return new string(text);
        if (_lookup.TryGetValue(text, out var known)) return known;
        var added = new string(text);
        _strings[added] = added;
        return added;
    }
}
