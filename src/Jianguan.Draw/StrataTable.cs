using System.Text;

namespace Jianguan.Draw;

/// <summary>
/// The pool's strata, numbered as first seen: a hash table from a key's UTF-8 bytes to its number, so that a key
/// read from a database as bytes is looked up without becoming a string. One thread at a time.
/// </summary>
internal sealed class StrataTable
{
    private readonly List<byte[]> _keys = [];
    private readonly List<string> _names = [];
    private int[] _slots = Enumerable.Repeat(-1, 64).ToArray();

    public int Count => _keys.Count;
    public IReadOnlyList<string> Names => _names;
    public ReadOnlySpan<byte> Key(int index) => _keys[index];

    /// <summary>The number of the key, or -1 when it is not in the table.</summary>
    public int Find(ReadOnlySpan<byte> key)
    {
        var mask = _slots.Length - 1;
        for (var slot = Hash(key) & mask; ; slot = (slot + 1) & mask)
        {
            var index = _slots[slot];
            if (index < 0 || _keys[index].AsSpan().SequenceEqual(key)) return index;
        }
    }

    /// <summary>Adds a key not yet in the table and returns its number.</summary>
    public int Add(ReadOnlySpan<byte> key)
    {
        if (_keys.Count * 2 >= _slots.Length) Grow();
        var index = _keys.Count;
        _keys.Add(key.ToArray());
        _names.Add(Encoding.UTF8.GetString(key));
        Place(index);
        return index;
    }

    private void Place(int index)
    {
        var mask = _slots.Length - 1;
        var slot = Hash(_keys[index]) & mask;
        while (_slots[slot] >= 0) slot = (slot + 1) & mask;
        _slots[slot] = index;
    }

    private void Grow()
    {
        _slots = Enumerable.Repeat(-1, _slots.Length * 2).ToArray();
        for (var i = 0; i < _keys.Count; i++) Place(i);
    }

    // FNV-1a: keys are short and few.
    private static int Hash(ReadOnlySpan<byte> key)
    {
        var h = 2166136261u;
        foreach (var b in key) h = (h ^ b) * 16777619u;
        return (int)(h ^ (h >> 15)) & int.MaxValue;
    }
}
