using System.Runtime.CompilerServices;
using System.Text;

namespace Jianguan.Draw;

/// <summary>
/// Up to <see cref="Capacity"/> pool entries as the reader added them: the credit codes' bytes end to end, each
/// entry's stratum (an index, or -1 while its key is still text to look up), and once a seed is known its rank.
/// A chunk is filled by one thread, then only read.
/// </summary>
internal sealed class PoolChunk(int number)
{
    public const int Capacity = 1 << 16;

    public readonly int Number = number;
    // Not cleared: only what is added is read (clearing ten million entries' arrays cost a tenth of a verification).
    public byte[] Codes = GC.AllocateUninitializedArray<byte>(Capacity * 20);
    public readonly int[] Ends = GC.AllocateUninitializedArray<int>(Capacity);
    public readonly int[] Strata = GC.AllocateUninitializedArray<int>(Capacity);
    public int Count;

    // Stratum keys added as text, as UTF-8; TextEnds[i] is where entry i's key ends (entries with an index add none).
    public byte[]? Text;
    public int[]? TextEnds;

    public ulong[]? Ranks;
    public RankKey? RanksKey;

    public bool IsFull => Count == Capacity;

    public ReadOnlySpan<byte> Code(int i) => Codes.AsSpan(i == 0 ? 0 : Ends[i - 1], Ends[i] - (i == 0 ? 0 : Ends[i - 1]));

    public ReadOnlySpan<byte> StratumText(int i)
    {
        var start = i == 0 ? 0 : TextEnds![i - 1];
        return Text.AsSpan(start, TextEnds![i] - start);
    }

    private int CodeStart => Count == 0 ? 0 : Ends[Count - 1];
    private int TextStart => Count == 0 || TextEnds is null ? 0 : TextEnds[Count - 1];

    /// <summary>Reserves room for a code of <paramref name="length"/> bytes; a longer code than allowed is cut to one byte too long (still refused).</summary>
    private Span<byte> CodeRoom(int length)
    {
        var start = CodeStart;
        if (start + length > Codes.Length) Array.Resize(ref Codes, Math.Max(Codes.Length * 2, start + length));
        return Codes.AsSpan(start, length);
    }

    public void AddCode(ReadOnlySpan<byte> code)
    {
        var length = Math.Min(code.Length, PoolRules.MaxCodeLength + 1);
        code[..length].CopyTo(CodeRoom(length));
        Ends[Count] = CodeStart + length;
        if (length > LongestCode) LongestCode = length;
    }

    public void AddCode(ReadOnlySpan<char> code)
    {
        var length = Math.Min(code.Length, PoolRules.MaxCodeLength + 1);
        var room = CodeRoom(length);
        // Anything but ASCII is refused later; 0xFF marks it here.
        if (Ascii.FromUtf16(code[..length], room, out _) != System.Buffers.OperationStatus.Done)
            for (var k = 0; k < length; k++) room[k] = code[k] < 0x80 ? (byte)code[k] : (byte)0xFF;
        Ends[Count] = CodeStart + length;
        if (length > LongestCode) LongestCode = length;
    }

    /// <summary>Ends an entry whose stratum is an index (or -1 after <see cref="AddStratumText(ReadOnlySpan{byte})"/>).</summary>
    public void Commit(int stratum)
    {
        Strata[Count] = stratum;
        if (TextEnds is not null && stratum >= 0) TextEnds[Count] = TextStart;
        Count++;
    }

    private Span<byte> TextRoom(int length)
    {
        if (TextEnds is null)
        {
            TextEnds = new int[Capacity];
            Text = new byte[Capacity * 16];
        }
        var start = TextStart;
        if (start + length > Text!.Length) Array.Resize(ref Text, Math.Max(Text.Length * 2, start + length));
        return Text.AsSpan(start, length);
    }

    public void AddStratumText(ReadOnlySpan<byte> key)
    {
        var length = Math.Min(key.Length, PoolRules.MaxStratumBytes + 1);
        key[..length].CopyTo(TextRoom(length));
        TextEnds![Count] = TextStart + length;
    }

    public void AddStratumText(ReadOnlySpan<char> key)
    {
        var length = Math.Min(key.Length, PoolRules.MaxStratumBytes + 1);
        // Lone surrogates become U+FFFD here and the key is then a different one: refuse them instead.
        var room = TextRoom(length * 3);
        int written;
        try
        {
            written = StrictUtf8.GetBytes(key[..length], room);
        }
        catch (EncoderFallbackException)
        {
            room[0] = 0; // a control character: refused as a stratum key
            written = 1;
        }
        TextEnds![Count] = TextStart + written;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>The ranks of every code under <paramref name="key"/>, computed once per key.</summary>
    [SkipLocalsInit]
    public ulong[] RanksUnder(RankKey key)
    {
        if (RanksKey is not null && (ReferenceEquals(RanksKey, key) || RanksKey.Seed.SequenceEqual(key.Seed))) return Ranks!;
        var ranks = Ranks ?? GC.AllocateUninitializedArray<ulong>(Count);
        if (LongestCode > RankKey.OneBlockMessage)
            for (var i = 0; i < Count; i++) ranks[i] = key.Rank(Code(i));
        else
        {
            // The second blocks of a batch of codes, compressed from the midstate in one call.
            const int Batch = 128;
            Span<byte> blocks = stackalloc byte[Batch * 64];
            var start = 0;
            for (var from = 0; from < Count; from += Batch)
            {
                var n = Math.Min(Batch, Count - from);
                for (var k = 0; k < n; k++)
                {
                    var end = Ends[from + k];
                    RankKey.SecondBlock(Codes.AsSpan(start, end - start), blocks.Slice(k * 64, 64));
                    start = end;
                }
                Jianguan.Integrity.Sha256.CompressEach(key.Midstate, blocks[..(n * 64)], ranks.AsSpan(from, n));
            }
        }
        Ranks = ranks;
        RanksKey = key;
        return ranks;
    }

    /// <summary>The longest code added, in bytes.</summary>
    public int LongestCode;
}
