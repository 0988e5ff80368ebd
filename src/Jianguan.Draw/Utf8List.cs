using System.Text;

namespace Jianguan.Draw;

/// <summary>
/// UTF-8 texts end to end in one array, numbered in the order added, with a hash index from a text to its first
/// number once <see cref="Index"/> is called. A record's credit codes and officer ids are kept as the bytes the
/// reader saw rather than as strings: a million strings are a million objects for the collector to trace, each
/// decoded and hashed as chars, where these are two arrays and a hash of bytes (docs/benchmarks.md, draw-verify).
/// Filled by one thread; once indexed, only read (<see cref="Find"/> takes the caller's hint, so readers share it).
/// </summary>
internal sealed class Utf8List
{
    private byte[] _bytes = new byte[256];
    private int[] _ends = new int[16];
    private int[]? _slots;

    public int Count { get; private set; }

    public ReadOnlySpan<byte> this[int i]
    {
        get
        {
            var start = i == 0 ? 0 : _ends[i - 1];
            return _bytes.AsSpan(start, _ends[i] - start);
        }
    }

    public string Text(int i) => Encoding.UTF8.GetString(this[i]);

    private int End => Count == 0 ? 0 : _ends[Count - 1];

    public void Add(ReadOnlySpan<byte> text)
    {
        if (_slots is not null) throw new InvalidOperationException("The list is indexed: nothing can be added to it.");
        var start = End;
        if (start + text.Length > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, start + text.Length));
        if (Count == _ends.Length) Array.Resize(ref _ends, Count * 2);
        text.CopyTo(_bytes.AsSpan(start));
        _ends[Count++] = start + text.Length;
    }

    /// <summary>Drops the texts from number <paramref name="count"/> on.</summary>
    public void Truncate(int count) => Count = Math.Min(Count, count);

    /// <summary>
    /// Builds the index from text to number and returns the first number whose text came before (a duplicate), or -1.
    /// A duplicate stays in the list; <see cref="Find"/> gives the first of its numbers.
    /// </summary>
    public int Index()
    {
        var size = 16;
        while (size < 2L * Count) size *= 2;
        var slots = new int[size];
        Array.Fill(slots, -1);
        var mask = size - 1;
        var duplicate = -1;
        for (var i = 0; i < Count; i++)
        {
            var text = this[i];
            var slot = Hash(text) & mask;
            while (slots[slot] >= 0 && !this[slots[slot]].SequenceEqual(text)) slot = (slot + 1) & mask;
            if (slots[slot] < 0) slots[slot] = i;
            else if (duplicate < 0) duplicate = i;
        }
        _slots = slots;
        return duplicate;
    }

    /// <summary>
    /// The number of <paramref name="text"/>, or -1 (in a list with duplicates, one of its numbers). A list
    /// that refers to this one in its own order (the links and assignments of a record follow its selection) mostly
    /// asks for the last number found again or the one after it: <paramref name="hint"/> (the caller's, -1 to start)
    /// tries those first, a comparison or two instead of a hash look-up that would wait for memory.
    /// </summary>
    public int Find(ReadOnlySpan<byte> text, ref int hint)
    {
        var slots = _slots ?? throw new InvalidOperationException("Index the list first.");
        if ((uint)hint < (uint)Count && this[hint].SequenceEqual(text)) return hint;
        var next = hint + 1;
        if ((uint)next < (uint)Count && this[next].SequenceEqual(text)) return hint = next;
        var mask = slots.Length - 1;
        for (var slot = Hash(text) & mask; ; slot = (slot + 1) & mask)
        {
            var i = slots[slot];
            if (i < 0) return -1;
            if (this[i].SequenceEqual(text)) return hint = i;
        }
    }

    // HashCode is seeded at random per process: a crafted record cannot pile its texts into one slot.
    private static int Hash(ReadOnlySpan<byte> text)
    {
        var hash = new HashCode();
        hash.AddBytes(text);
        return hash.ToHashCode() & int.MaxValue;
    }
}
