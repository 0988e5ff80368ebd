using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Jianguan.Integrity;

namespace Jianguan.Draw;

/// <summary>
/// The hashes of the draw, byte for byte as docs/draw-record.md specifies them:
/// <list type="bullet">
/// <item>seed = SHA-256(LP("jianguan-draw-v1") ‖ LP(secret) ‖ LP(pool digest) ‖ LP(UTF-8 entropy)), where LP(x) is
/// the length of x as 4 bytes big-endian followed by x;</item>
/// <item>rank(message) = the first 8 bytes, read as an unsigned big-endian integer, of
/// SHA-256(RankLabel ‖ seed ‖ message): a 64-byte first block (the 32-byte label, zero-padded, then the seed)
/// followed by the message (a credit code, or "officer:" and an officer's id, in UTF-8).</item>
/// </list>
/// </summary>
public static class DrawHashes
{
    /// <summary>The version label: the first field of the seed, and the record's <c>version</c>.</summary>
    public const string Version = "jianguan-draw-v1";

    /// <summary>"jianguan-draw-v1/rank", zero-padded to 32 bytes: the start of every rank's first block.</summary>
    public static ReadOnlySpan<byte> RankLabel => "jianguan-draw-v1/rank\0\0\0\0\0\0\0\0\0\0\0"u8;

    /// <summary>The prefix of an officer's rank message, before the officer's id.</summary>
    public const string OfficerPrefix = "officer:";

    /// <summary>The longest entropy accepted, in UTF-8 bytes.</summary>
    public const int MaxEntropyBytes = 1024;

    /// <summary>The seed from the secret (32 bytes), the pool digest (32 bytes) and the witness's entropy (may be empty).</summary>
    public static byte[] Seed(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> poolDigest, string entropy)
    {
        if (secret.Length != 32 || poolDigest.Length != 32) throw new ArgumentException("The secret and the pool digest are 32 bytes each.");
        var label = Encoding.ASCII.GetBytes(Version);
        var entropyBytes = EntropyBytes(entropy);
        var input = new byte[4 * 4 + label.Length + 32 + 32 + entropyBytes.Length];
        var at = 0;
        foreach (var field in (byte[][])[label, secret.ToArray(), poolDigest.ToArray(), entropyBytes])
        {
            BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(at), (uint)field.Length);
            field.CopyTo(input, at + 4);
            at += 4 + field.Length;
        }
        return SHA256.HashData(input);
    }

    /// <summary>The entropy's UTF-8 bytes; refuses text that is not valid Unicode or longer than <see cref="MaxEntropyBytes"/>.</summary>
    public static byte[] EntropyBytes(string? entropy)
    {
        byte[] bytes;
        try
        {
            bytes = new UTF8Encoding(false, true).GetBytes(entropy ?? "");
        }
        catch (EncoderFallbackException)
        {
            throw new DrawException("bad-entropy", "The entropy is not valid Unicode text.", "见证人输入的随机数不是有效的文本。");
        }
        return bytes.Length <= MaxEntropyBytes ? bytes
            : throw new DrawException("bad-entropy", $"The entropy is longer than {MaxEntropyBytes} bytes.", $"见证人输入的随机数超过 {MaxEntropyBytes} 字节。");
    }
}

/// <summary>
/// Ranks under one seed. The first 64-byte block (label and seed) is the same for every message, so its
/// compression is done once here (the midstate); a message of up to 55 bytes (every credit code, most officer
/// messages) then costs one compression of SHA-256, where HMAC-SHA256 would cost two on top of its per-call
/// set-up (docs/draw-record.md, "Why this rank").
/// </summary>
public sealed class RankKey
{
    /// <summary>The longest message that fits the second block with SHA-256's padding (1 + 8 bytes).</summary>
    internal const int OneBlockMessage = 55;

    private readonly uint[] _midstate = new uint[8];
    private readonly byte[] _seed;

    public RankKey(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32) throw new ArgumentException("The seed is 32 bytes.", nameof(seed));
        _seed = seed.ToArray();
        Span<byte> first = stackalloc byte[64];
        DrawHashes.RankLabel.CopyTo(first);
        seed.CopyTo(first[32..]);
        Sha256.InitialState.CopyTo(_midstate);
        Sha256.Compress(_midstate, first);
    }

    public ReadOnlySpan<byte> Seed => _seed;

    /// <summary>The rank of a message (UTF-8 bytes).</summary>
    [SkipLocalsInit]
    public ulong Rank(ReadOnlySpan<byte> message)
    {
        if (message.Length > OneBlockMessage) return RankLong(message);
        Span<byte> block = stackalloc byte[64];
        Span<uint> state = stackalloc uint[8];
        return Rank(message, block, state);
    }

    /// <summary>
    /// One-block rank (a message of at most 55 bytes) with the caller's buffers, for loops: writes the second
    /// block (the message, 0x80, zeros, and the length in bits of label, seed and message) and compresses it
    /// from the midstate.
    /// </summary>
    internal ulong Rank(ReadOnlySpan<byte> message, Span<byte> block, Span<uint> state)
    {
        SecondBlock(message, block);
        _midstate.CopyTo(state);
        Sha256.Compress(state, block);
        return (ulong)state[0] << 32 | state[1];
    }

    /// <summary>The state after the first block (label and seed).</summary>
    internal ReadOnlySpan<uint> Midstate => _midstate;

    /// <summary>The second and last block of a message of at most 55 bytes: the message, 0x80, zeros, the length in bits of all 64 + n bytes.</summary>
    internal static void SecondBlock(ReadOnlySpan<byte> message, Span<byte> block)
    {
        message.CopyTo(block);
        block[message.Length] = 0x80;
        block[(message.Length + 1)..56].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(block[56..], (ulong)(64 + message.Length) * 8);
    }

    /// <summary>Rank of a message that needs more than one block after the first: SHA-256 of the whole input.</summary>
    private ulong RankLong(ReadOnlySpan<byte> message)
    {
        var input = new byte[64 + message.Length];
        DrawHashes.RankLabel.CopyTo(input);
        _seed.CopyTo(input, 32);
        message.CopyTo(input.AsSpan(64));
        return BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(input));
    }

    /// <summary>An officer's rank: of "officer:" followed by the id, in UTF-8.</summary>
    public ulong OfficerRank(string officerId) => Rank(Encoding.UTF8.GetBytes(DrawHashes.OfficerPrefix + officerId));

    /// <summary>A rank as the record writes it: 16 lowercase hex digits.</summary>
    public static string Format(ulong rank) => rank.ToString("x16");
}
