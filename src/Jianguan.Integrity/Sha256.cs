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

    /// <summary>Whether the direct OpenSSL functions are in use (for benchmarks and diagnostics).</summary>
    public static bool IsDirect { get; }

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
