using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace Jianguan.Draw;

/// <summary>
/// The elements of a long list that follow one the reader has just read, parsed straight from
/// <see cref="JsonStream"/>'s buffer while they are in the form <see cref="DrawRecordWriter"/> gives them: each on a
/// line of its own after a comma, no white space inside, strings without escapes or control characters, whole
/// numbers without sign, exponent or leading zero. A general JSON reader spent more on a line of ten million than
/// everything else the verifier does with it (docs/benchmarks.md, "Verifying a draw record").
/// <para>
/// The caller starts each element with <see cref="Next"/>, matches its parts, and commits it with
/// <see cref="Accept"/> only once all of it matched and was taken; the first element that does not match in every
/// part, the list's end or the end of the buffer stops the run, and <see cref="JsonStream.Advance"/> moves the
/// reader past the accepted elements (<see cref="Accepted"/>), in the state it was in after the first. The reader then reads on from there: anything in
/// another form (escapes, white space, a value the record's rules refuse) is read, and refused where it must be, as
/// before.
/// </para>
/// </summary>
internal ref struct WrittenElements
{
    private readonly ReadOnlySpan<byte> _bytes;
    private int _at, _accepted, _lines, _pendingLines;

    public WrittenElements(JsonStream json, ref Utf8JsonReader reader) => _bytes = json.Ahead(ref reader);

    /// <summary>Bytes that end a plain string (or make it one the reader must judge): the quote, a backslash, control characters.</summary>
    private static readonly SearchValues<byte> StringEnds = SearchValues.Create([(byte)'"', (byte)'\\', .. Enumerable.Range(0, 0x20).Select(b => (byte)b)]);

    /// <summary>Moves past the comma before the next element (and the line break and indentation around it); false at anything else.</summary>
    public bool Next()
    {
        _at = _accepted;
        if (_bytes.Length - _at >= WrittenSeparator.Length && _bytes.Slice(_at, WrittenSeparator.Length).SequenceEqual(WrittenSeparator))
        {
            _at += WrittenSeparator.Length;
            _pendingLines = 1;
            return true;
        }
        _pendingLines = WhiteSpace();
        if (_at >= _bytes.Length || _bytes[_at] != (byte)',') return false;
        _at++;
        _pendingLines += WhiteSpace();
        return true;
    }

    /// <summary>The comma and line start the writer puts before each element after the first.</summary>
    private static ReadOnlySpan<byte> WrittenSeparator => ",\n    "u8;

    private int WhiteSpace()
    {
        var breaks = 0;
        for (; _at < _bytes.Length; _at++)
        {
            var b = _bytes[_at];
            if (b == (byte)'\n') breaks++;
            else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) break;
        }
        return breaks;
    }

    /// <summary>Exactly these bytes next (punctuation, or a property's name with its quotes and colon).</summary>
    public bool Literal(ReadOnlySpan<byte> text)
    {
        if (!_bytes[_at..].StartsWith(text)) return false;
        _at += text.Length;
        return true;
    }

    /// <summary>A string without escapes or control characters: its bytes (valid until the next read of the stream).</summary>
    public bool String(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (_at >= _bytes.Length || _bytes[_at] != (byte)'"') return false;
        var length = _bytes[(_at + 1)..].IndexOfAny(StringEnds);
        if (length < 0 || _bytes[_at + 1 + length] != (byte)'"') return false;
        value = _bytes.Slice(_at + 1, length);
        _at += length + 2;
        return true;
    }

    /// <summary>
    /// A credit code as the pool writes it (a string of 1 to <see cref="PoolRules.MaxCodeLength"/> digits and capital
    /// letters), found sixteen bytes at a time: the general <see cref="String"/> cost more than the rest of a pool line.
    /// </summary>
    public bool Code(out ReadOnlySpan<byte> code)
    {
        code = default;
        if (_at >= _bytes.Length || _bytes[_at] != (byte)'"') return false;
        var text = _bytes[(_at + 1)..];
        var length = CodeLength(text[..Math.Min(text.Length, PoolRules.MaxCodeLength + 1)]);
        if (length is 0 or > PoolRules.MaxCodeLength || length == text.Length || text[length] != (byte)'"') return false;
        code = text[..length];
        _at += length + 2;
        return true;
    }

    /// <summary>How many bytes at the start are ASCII digits or capital letters.</summary>
    private static int CodeLength(ReadOnlySpan<byte> text)
    {
        var n = 0;
        ref var start = ref MemoryMarshal.GetReference(text);
        for (; Vector128.IsHardwareAccelerated && n + Vector128<byte>.Count <= text.Length; n += Vector128<byte>.Count)
        {
            var bytes = Vector128.LoadUnsafe(ref start, (nuint)n);
            // Unsigned: below '0' or 'A' wraps to a large number.
            var digits = Vector128.LessThan(bytes - Vector128.Create((byte)'0'), Vector128.Create((byte)10));
            var capitals = Vector128.LessThan(bytes - Vector128.Create((byte)'A'), Vector128.Create((byte)26));
            var codeBytes = (digits | capitals).ExtractMostSignificantBits();
            if (codeBytes != 0xFFFF) return n + BitOperations.TrailingZeroCount(~codeBytes);
        }
        while (n < text.Length && (uint)(text[n] - '0') <= 9 | (uint)(text[n] - 'A') <= 25) n++;
        return n;
    }

    /// <summary>A whole number from 0 to 999,999,999 written plainly (a larger one, a sign or a leading zero: the reader's to judge).</summary>
    public bool Number(out int value)
    {
        value = 0;
        var first = _at;
        while (_at < _bytes.Length && _at - first < 9 && (uint)(_bytes[_at] - '0') <= 9) value = value * 10 + (_bytes[_at++] - '0');
        var digits = _at - first;
        return digits > 0 && (digits == 1 || _bytes[first] != (byte)'0') && _at < _bytes.Length && (uint)(_bytes[_at] - '0') > 9;
    }

    /// <summary>The element matched and was taken: the run goes on after it.</summary>
    public void Accept()
    {
        _accepted = _at;
        _lines += _pendingLines;
    }

    /// <summary>The accepted elements' bytes and line breaks, for <see cref="JsonStream.Advance"/> to move the reader past.</summary>
    public readonly (int Bytes, int Lines) Accepted => (_accepted, _lines);
}
