using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Jianguan.Integrity;

/// <summary>
/// The hash chain of the audit trail. Each entry's hash is SHA-256 over a length-prefixed encoding of
/// its fields and the previous entry's hash, so that the encoding is unambiguous (no field can bleed
/// into the next) and an outside auditor can recompute it from an export alone.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string GenesisHash = new('0', 64);

    public const int HashHexLength = 64;

    /// <summary>Computes the hex hash of an entry from its content and the previous entry's hash.</summary>
    public static string ComputeHash(AuditRecord record)
    {
        Span<byte> hash = stackalloc byte[32];
        ComputeHash(record, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Writes the SHA-256 of the entry into <paramref name="destination"/> (32 bytes).</summary>
    public static void ComputeHash(AuditRecord record, Span<byte> destination)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        ComputeHash(record, destination, sha);
    }

    /// <summary>
    /// As <see cref="ComputeHash(AuditRecord, Span{byte})"/> with a reused hasher: creating one per entry
    /// costs more than hashing a short entry.
    /// </summary>
    public static void ComputeHash(AuditRecord record, Span<byte> destination, IncrementalHash sha)
    {
        ReadOnlySpan<string> strings = [record.ActorId ?? "", record.ActorName, record.Action, record.EntityType, record.EntityKey, record.Changes];
        // An upper bound (3 UTF-8 bytes per UTF-16 char) spares counting the bytes first; most entries fit on the stack.
        var bound = 8 + 8 + 1 + 4 + 32;
        foreach (var s in strings) bound += 4 + s.Length * 3;
        byte[]? rented = bound > StackLimit ? ArrayPool<byte>.Shared.Rent(bound) : null;
        try
        {
            var buffer = rented is null ? stackalloc byte[StackLimit] : rented.AsSpan();
            var at = 0;
            BinaryPrimitives.WriteInt64LittleEndian(buffer[at..], record.Sequence); at += 8;
            BinaryPrimitives.WriteInt64LittleEndian(buffer[at..], DateTime.SpecifyKind(record.OccurredAtUtc, DateTimeKind.Utc).Ticks); at += 8;
            // A null department and department 0 must hash differently.
            buffer[at++] = record.DepartmentId is null ? (byte)0 : (byte)1;
            BinaryPrimitives.WriteInt32LittleEndian(buffer[at..], record.DepartmentId ?? 0); at += 4;
            foreach (var s in strings)
            {
                var written = Encoding.UTF8.GetBytes(s, buffer[(at + 4)..]);
                BinaryPrimitives.WriteInt32LittleEndian(buffer[at..], written);
                at += 4 + written;
            }
            if (!TryDecodeHash(record.PreviousHash, buffer.Slice(at, 32)))
                buffer.Slice(at, 32).Fill(0xFF); // unreadable previous hash: hash it as a value no real chain has
            at += 32;
            sha.AppendData(buffer[..at]);
            sha.GetHashAndReset(destination);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private const int StackLimit = 2048;

    internal static bool TryDecodeHash(string hex, Span<byte> destination) =>
        hex.Length == HashHexLength
        && Convert.FromHexString(hex, destination, out _, out var written) == OperationStatus.Done
        && written == 32;
}
