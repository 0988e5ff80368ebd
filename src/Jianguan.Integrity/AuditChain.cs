using System.Buffers;
using System.Buffers.Binary;
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
        ReadOnlySpan<string> strings = [record.ActorId ?? "", record.ActorName, record.Action, record.EntityType, record.EntityKey, record.Changes];
        // An upper bound (3 UTF-8 bytes per UTF-16 char) spares counting the bytes first; most entries fit on the stack.
        var bound = EncodedEntry.FixedLength;
        foreach (var s in strings) bound += s.Length * 3;
        byte[]? rented = bound > StackLimit ? ArrayPool<byte>.Shared.Rent(bound) : null;
        try
        {
            var entry = new EncodedEntry(rented is null ? stackalloc byte[StackLimit] : rented.AsSpan(),
                record.Sequence, DateTime.SpecifyKind(record.OccurredAtUtc, DateTimeKind.Utc).Ticks, record.DepartmentId);
            foreach (var s in strings) entry.Field(s);
            entry.PreviousHash(TryDecodeHash(record.PreviousHash, entry.PreviousHashDestination));
            Sha256.Hash(entry.Written, destination);
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

    /// <summary>As <see cref="TryDecodeHash(string, Span{byte})"/> for hex read as UTF-8 (ASCII) bytes.</summary>
    internal static bool TryDecodeHash(ReadOnlySpan<byte> hex, Span<byte> destination) =>
        hex.Length == HashHexLength
        && Convert.FromHexString(hex, destination, out _, out var written) == OperationStatus.Done
        && written == 32;
}

/// <summary>
/// Writes the bytes an entry's hash covers, in this order: sequence (int64 LE), ticks (int64 LE), a
/// department flag and its id (int32 LE), six length-prefixed UTF-8 strings, then the 32 bytes of the
/// previous hash. The only writer of that encoding: from strings (<see cref="AuditChain"/>) and from
/// UTF-8 read straight from a database (<see cref="Utf8AuditBatch"/>) alike.
/// </summary>
internal ref struct EncodedEntry
{
    /// <summary>Bytes of an entry besides the six strings' own.</summary>
    public const int FixedLength = 8 + 8 + 1 + 4 + 6 * 4 + 32;

    private readonly Span<byte> _buffer;
    private int _at;

    /// <summary>Starts an entry in <paramref name="buffer"/>, which must hold it whole.</summary>
    public EncodedEntry(Span<byte> buffer, long sequence, long utcTicks, int? departmentId)
    {
        _buffer = buffer;
        BinaryPrimitives.WriteInt64LittleEndian(buffer, sequence);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[8..], utcTicks);
        // A null department and department 0 must hash differently.
        buffer[16] = departmentId is null ? (byte)0 : (byte)1;
        BinaryPrimitives.WriteInt32LittleEndian(buffer[17..], departmentId ?? 0);
        _at = 21;
    }

    /// <summary>The next string, from .NET text.</summary>
    public void Field(string value)
    {
        var written = Encoding.UTF8.GetBytes(value, _buffer[(_at + 4)..]);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer[_at..], written);
        _at += 4 + written;
    }

    /// <summary>The next string, as the UTF-8 bytes a database stores: the same bytes <see cref="Field(string)"/> writes.</summary>
    public void Field(ReadOnlySpan<byte> utf8)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer[_at..], utf8.Length);
        utf8.CopyTo(_buffer[(_at + 4)..]);
        _at += 4 + utf8.Length;
    }

    /// <summary>Where the caller decodes the previous hash, after the six strings.</summary>
    public readonly Span<byte> PreviousHashDestination => _buffer.Slice(_at, 32);

    /// <summary>Ends the entry once the previous hash is decoded into <see cref="PreviousHashDestination"/>.</summary>
    public void PreviousHash(bool decoded)
    {
        if (!decoded) PreviousHashDestination.Fill(0xFF); // unreadable previous hash: hash it as a value no real chain has
        _at += 32;
    }

    public readonly ReadOnlySpan<byte> Written => _buffer[.._at];
}
