using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Jianguan.Draw;
using Jianguan.Integrity;

namespace Jianguan.Bench;

/// <summary>
/// How a keyed hash of ten million credit codes is best called (docs/draw-record.md, "Why this rank"): HMAC-SHA256
/// one call per code, HMAC-SHA256 through one reused instance per thread, HMAC-SHA256 from precomputed inner and
/// outer states (two compressions of SHA-256 per code), and the draw's rank (one compression per code from the
/// midstate of label and seed). Each on one thread and on every core (batches of 65,536 codes per task).
/// </summary>
public static class DrawHashBench
{
    public static int Run(int count)
    {
        var codes = new byte[count * 18];
        for (var i = 0; i < count; i++) Encoding.ASCII.GetBytes(DrawBench.Code(i), codes.AsSpan(i * 18, 18));
        var seed = SHA256.HashData("bench"u8);
        var key = new RankKey(seed);
        var results = new ulong[count];
        Console.WriteLine($"OpenSSL's SHA256_Transform in use: {Sha256.IsCompressDirect}; {Environment.ProcessorCount} cores");

        var ways = new (string Name, Action<int, int> Range)[]
        {
            ("HMACSHA256.HashData, one call per code", (from, to) =>
            {
                Span<byte> mac = stackalloc byte[32];
                for (var i = from; i < to; i++)
                {
                    HMACSHA256.HashData(seed, codes.AsSpan(i * 18, 18), mac);
                    results[i] = BinaryPrimitives.ReadUInt64BigEndian(mac);
                }
            }),
            ("one HMACSHA256 instance per thread, TryComputeHash", (from, to) =>
            {
                using var hmac = new HMACSHA256(seed);
                Span<byte> mac = stackalloc byte[32];
                for (var i = from; i < to; i++)
                {
                    hmac.TryComputeHash(codes.AsSpan(i * 18, 18), mac, out _);
                    results[i] = BinaryPrimitives.ReadUInt64BigEndian(mac);
                }
            }),
            ("one IncrementalHash (HMAC) per thread", (from, to) =>
            {
                using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, seed);
                Span<byte> mac = stackalloc byte[32];
                for (var i = from; i < to; i++)
                {
                    hmac.AppendData(codes.AsSpan(i * 18, 18));
                    hmac.GetHashAndReset(mac);
                    results[i] = BinaryPrimitives.ReadUInt64BigEndian(mac);
                }
            }),
            ("HMAC-SHA256 from precomputed inner/outer states (2 compressions)", MidstateHmac(seed, codes, results)),
            ("the draw's rank: SHA-256(label ‖ seed ‖ code) from its midstate (1 compression), one call per code", (from, to) =>
            {
                Span<byte> block = stackalloc byte[64];
                Span<uint> state = stackalloc uint[8];
                for (var i = from; i < to; i++) results[i] = key.Rank(codes.AsSpan(i * 18, 18), block, state);
            }),
            ("the draw's rank, 128 codes' blocks per call (as the draw runs it)", (from, to) =>
            {
                Span<byte> blocks = stackalloc byte[128 * 64];
                for (var at = from; at < to; at += 128)
                {
                    var n = Math.Min(128, to - at);
                    for (var k = 0; k < n; k++) RankKey.SecondBlock(codes.AsSpan((at + k) * 18, 18), blocks.Slice(k * 64, 64));
                    Sha256.CompressEach(key.Midstate, blocks[..(n * 64)], results.AsSpan(at, n));
                }
            }),
        };

        Console.WriteLine();
        Console.WriteLine($"| way of calling the hash | codes | one thread | codes/s | all {Environment.ProcessorCount} cores | codes/s | speed-up |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (name, range) in ways)
        {
            range(0, Math.Min(count, 100_000)); // warm-up
            var one = Stopwatch.StartNew();
            range(0, count);
            one.Stop();
            var all = Stopwatch.StartNew();
            const int batch = 1 << 16;
            Parallel.For(0, (count + batch - 1) / batch, b => range(b * batch, Math.Min(count, (b + 1) * batch)));
            all.Stop();
            Console.WriteLine($"| {name} | {count:N0} | {one.Elapsed.TotalSeconds:F2} s | {count / one.Elapsed.TotalSeconds:N0} | {all.Elapsed.TotalSeconds:F2} s | {count / all.Elapsed.TotalSeconds:N0} | {one.Elapsed / all.Elapsed:F2} |");
        }
        return 0;
    }

    /// <summary>HMAC as RFC 2104 defines it, with the key's inner and outer blocks compressed once.</summary>
    private static Action<int, int> MidstateHmac(byte[] key, byte[] codes, ulong[] results)
    {
        var inner = new uint[8];
        var outer = new uint[8];
        void Pad(uint[] state, byte xor)
        {
            var pad = new byte[64];
            for (var i = 0; i < 64; i++) pad[i] = (byte)((i < key.Length ? key[i] : 0) ^ xor);
            Sha256.InitialState.CopyTo(state);
            Sha256.Compress(state, pad);
        }
        Pad(inner, 0x36);
        Pad(outer, 0x5c);
        var check = HMACSHA256.HashData(key, codes.AsSpan(0, 18));
        return (from, to) =>
        {
            Span<byte> block = stackalloc byte[64];
            Span<byte> second = stackalloc byte[64];
            Span<uint> state = stackalloc uint[8];
            block.Clear();
            second.Clear();
            block[18] = 0x80;
            BinaryPrimitives.WriteUInt64BigEndian(block[56..], (64 + 18) * 8);
            second[32] = 0x80;
            BinaryPrimitives.WriteUInt64BigEndian(second[56..], (64 + 32) * 8);
            for (var i = from; i < to; i++)
            {
                codes.AsSpan(i * 18, 18).CopyTo(block);
                inner.CopyTo(state);
                Sha256.Compress(state, block);
                for (var w = 0; w < 8; w++) BinaryPrimitives.WriteUInt32BigEndian(second[(w * 4)..], state[w]);
                outer.CopyTo(state);
                Sha256.Compress(state, second);
                results[i] = (ulong)state[0] << 32 | state[1];
                if (i == 0 && BinaryPrimitives.ReadUInt64BigEndian(check) != results[0]) throw new InvalidOperationException("midstate HMAC differs from HMACSHA256");
            }
        };
    }
}
