using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Jianguan.Integrity;

/// <summary>
/// SHA-256 of one short input, many times over: the audit chain hashes one entry of a few hundred bytes
/// per call. .NET's <see cref="SHA256"/> goes through OpenSSL 3's EVP interface, whose per-call work
/// (fetching the algorithm from a provider, clearing the error queue, allocating a context) costs about
/// three times the hashing of such an entry. Where OpenSSL's libcrypto is loadable (Linux), this calls its
/// direct SHA-256 functions instead: the same implementation (with the CPU's SHA instructions) without the
/// per-call work, measured four times as fast on a 260-byte entry. Anywhere else, and for long inputs,
/// it is <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>. The result is the same either way;
/// a known answer is checked before the direct functions are trusted.
/// </summary>
public static unsafe class Sha256
{
    public const int HashLength = 32;

    // Longer inputs gain nothing measurable, and these calls skip the runtime's GC transition, which
    // is only fair to the garbage collector for calls that return quickly.
    private const int DirectLimit = 64 * 1024;

    // OpenSSL's SHA256_CTX is 112 bytes; room to spare.
    private const int ContextSize = 256;

    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, int> Init;
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, nuint, int> Update;
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, int> Final;
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, void> Transform;

    /// <summary>Whether the direct OpenSSL functions are in use (for benchmarks and diagnostics).</summary>
    public static bool IsDirect { get; }

    /// <summary>Whether <see cref="Compress"/> calls OpenSSL's SHA256_Transform (else the managed compression function).</summary>
    public static bool IsCompressDirect { get; }

    static Sha256()
    {
        if (!OperatingSystem.IsLinux()
            || !(NativeLibrary.TryLoad("libcrypto.so.3", out var library) || NativeLibrary.TryLoad("libcrypto.so", out library))
            || !NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
            || !NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
            || !NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
            return;
        Init = (delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, int>)init;
        Update = (delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, nuint, int>)update;
        Final = (delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, int>)final;
        IsDirect = AgreesWithDotNet();
        if (IsDirect && NativeLibrary.TryGetExport(library, "SHA256_Transform", out var transform))
        {
            Transform = (delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, void>)transform;
            IsCompressDirect = CompressAgreesWithDotNet(direct: true);
        }
    }

    /// <summary>The initial state H(0) of FIPS 180-4 §5.3.3.</summary>
    public static ReadOnlySpan<uint> InitialState =>
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    /// <summary>
    /// SHA-256's compression function (FIPS 180-4 §6.2.2): updates <paramref name="state"/> (the eight words
    /// H0..H7) with one 64-byte <paramref name="block"/>. A caller that hashes many short messages after the
    /// same first block computes that block once (the midstate) and then one compression per message, where a
    /// whole SHA-256 would redo the first block every time. OpenSSL's SHA256_Transform (with the CPU's SHA
    /// instructions) where loadable, checked against .NET's SHA-256 first; a managed implementation elsewhere.
    /// </summary>
    [SkipLocalsInit]
    public static void Compress(Span<uint> state, ReadOnlySpan<byte> block)
    {
        if (state.Length < 8) throw new ArgumentException("The state holds fewer than 8 words.", nameof(state));
        if (block.Length < 64) throw new ArgumentException("The block holds fewer than 64 bytes.", nameof(block));
        if (IsCompressDirect) CompressDirect(state, block);
        else CompressManaged(state, block);
    }

    /// <summary>
    /// For each 64-byte block of <paramref name="blocks"/>, compresses it from <paramref name="midstate"/> and writes
    /// the first 64 bits of the resulting state (H0 and H1, as a big-endian reading of the digest's first 8 bytes
    /// would give them) to <paramref name="first64"/>: a batch of one-block hashes after a common first block, with
    /// the per-call work of <see cref="Compress"/> paid once.
    /// </summary>
    [SkipLocalsInit]
    public static void CompressEach(ReadOnlySpan<uint> midstate, ReadOnlySpan<byte> blocks, Span<ulong> first64)
    {
        if (midstate.Length < 8) throw new ArgumentException("The midstate holds fewer than 8 words.", nameof(midstate));
        var count = blocks.Length / 64;
        if (blocks.Length % 64 != 0 || first64.Length < count) throw new ArgumentException("Whole 64-byte blocks, one result each.", nameof(blocks));
        if (!IsCompressDirect)
        {
            Span<uint> state = stackalloc uint[8];
            for (var i = 0; i < count; i++)
            {
                midstate[..8].CopyTo(state);
                CompressManaged(state, blocks.Slice(i * 64, 64));
                first64[i] = (ulong)state[0] << 32 | state[1];
            }
            return;
        }
        var context = stackalloc byte[ContextSize];
        var words = (ulong*)context;
        fixed (uint* initial = midstate)
        fixed (byte* input = blocks)
        {
            var from = (ulong*)initial;
            for (var i = 0; i < count; i++)
            {
                SetState(words, from);
                Transform(context, input + i * 64);
                var h = (uint*)context;
                first64[i] = (ulong)h[0] << 32 | h[1];
            }
        }
    }

    /// <summary>
    /// The state into OpenSSL's context as four 8-byte stores. Not Buffer.MemoryCopy nor Span.CopyTo: they store
    /// 32 bytes with one AVX instruction, and the SHA instructions that follow (SSE) then ran three times slower on
    /// this project's machines (measured: 180–250 ns a block against 60 ns).
    /// </summary>
    private static void SetState(ulong* context, ulong* state)
    {
        context[0] = state[0];
        context[1] = state[1];
        context[2] = state[2];
        context[3] = state[3];
    }

    private static void CompressDirect(Span<uint> state, ReadOnlySpan<byte> block)
    {
        // SHA256_CTX starts with the eight state words in native order; SHA256_Transform updates only them.
        var context = stackalloc byte[ContextSize];
        fixed (uint* words = state)
        {
            SetState((ulong*)context, (ulong*)words);
            fixed (byte* input = block) Transform(context, input);
            SetState((ulong*)words, (ulong*)context);
        }
    }

    private static ReadOnlySpan<uint> K =>
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private static void CompressManaged(Span<uint> state, ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[64];
        for (var t = 0; t < 16; t++) w[t] = BinaryPrimitives.ReadUInt32BigEndian(block[(t * 4)..]);
        for (var t = 16; t < 64; t++)
        {
            uint s0 = BitOperations.RotateRight(w[t - 15], 7) ^ BitOperations.RotateRight(w[t - 15], 18) ^ (w[t - 15] >> 3);
            uint s1 = BitOperations.RotateRight(w[t - 2], 17) ^ BitOperations.RotateRight(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        var k = K;
        for (var t = 0; t < 64; t++)
        {
            var t1 = h + (BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25))
                     + ((e & f) ^ (~e & g)) + k[t] + w[t];
            var t2 = (BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22))
                     + ((a & b) ^ (a & c) ^ (b & c));
            h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }
        state[0] += a; state[1] += b; state[2] += c; state[3] += d;
        state[4] += e; state[5] += f; state[6] += g; state[7] += h;
    }

    /// <summary>SHA-256 of <paramref name="data"/> through <see cref="Compress"/> and FIPS 180-4's padding: for checking it.</summary>
    internal static void HashByBlocks(ReadOnlySpan<byte> data, Span<byte> destination, bool direct)
    {
        Span<uint> state = stackalloc uint[8];
        InitialState.CopyTo(state);
        var padded = new byte[(data.Length + 9 + 63) / 64 * 64];
        data.CopyTo(padded);
        padded[data.Length] = 0x80;
        BinaryPrimitives.WriteUInt64BigEndian(padded.AsSpan(padded.Length - 8), (ulong)data.Length * 8);
        for (var at = 0; at < padded.Length; at += 64)
        {
            if (direct) CompressDirect(state, padded.AsSpan(at, 64));
            else CompressManaged(state, padded.AsSpan(at, 64));
        }
        for (var i = 0; i < 8; i++) BinaryPrimitives.WriteUInt32BigEndian(destination[(i * 4)..], state[i]);
    }

    /// <summary>Whether the direct (else the managed) compression function agrees with .NET's SHA-256 at the lengths that matter.</summary>
    internal static bool CompressAgreesWithDotNet(bool direct)
    {
        Span<byte> hash = stackalloc byte[HashLength];
        foreach (var length in (int[])[0, 3, 55, 56, 63, 64, 65, 300])
        {
            var data = new byte[length];
            for (var i = 0; i < length; i++) data[i] = (byte)(i * 31 + 7);
            HashByBlocks(data, hash, direct);
            if (!hash.SequenceEqual(SHA256.HashData(data))) return false;
        }
        return true;
    }

    /// <summary>Writes the SHA-256 of <paramref name="data"/> into <paramref name="destination"/> (32 bytes).</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < HashLength) throw new ArgumentException("The destination holds fewer than 32 bytes.", nameof(destination));
        if (IsDirect && data.Length <= DirectLimit && TryHashDirect(data, destination)) return;
        SHA256.HashData(data, destination);
    }

    private static bool TryHashDirect(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var context = stackalloc byte[ContextSize];
        fixed (byte* input = data)
        fixed (byte* output = destination)
            return Init(context) == 1 && Update(context, input, (nuint)data.Length) == 1 && Final(output, context) == 1;
    }

    private static bool AgreesWithDotNet()
    {
        // Lengths around the 64-byte block and its padding boundary, and the longest the direct path takes.
        Span<byte> direct = stackalloc byte[HashLength];
        foreach (var length in (int[])[0, 3, 55, 56, 63, 64, 65, 300, DirectLimit])
        {
            var data = new byte[length];
            for (var i = 0; i < length; i++) data[i] = (byte)(i * 31 + 7);
            if (!TryHashDirect(data, direct) || !direct.SequenceEqual(SHA256.HashData(data))) return false;
        }
        return true;
    }
}
