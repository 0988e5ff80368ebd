namespace Jianguan.Integrity;

/// <summary>
/// Entries read straight from a database as UTF-8 bytes, kept already encoded for hashing. Reading
/// text columns as .NET strings (UTF-8 to UTF-16 and back for the hash) costs several times the SHA-256
/// itself; a reader that fills this batch from the database's own bytes makes no string per field.
/// Hashes the same bytes as <see cref="AuditChain.ComputeHash(AuditRecord)"/>, so the verdict is the same.
/// Reusable: <see cref="Clear"/> keeps the buffers.
/// </summary>
public sealed class Utf8AuditBatch
{
    private byte[] _bytes = new byte[AuditChainVerifier.BatchSize * 512];
    private int _used;
    private int _count;
    private readonly int[] _ends = new int[AuditChainVerifier.BatchSize];
    private readonly long[] _sequences = new long[AuditChainVerifier.BatchSize];
    // The previous hash was readable hex: only then can it link to the entry before.
    private readonly bool[] _previousReadable = new bool[AuditChainVerifier.BatchSize];
    // The stored hash as read (hex); not 64 bytes long means unreadable.
    private readonly byte[] _hashHex = new byte[AuditChainVerifier.BatchSize * AuditChain.HashHexLength];
    private readonly bool[] _hashLengthRight = new bool[AuditChainVerifier.BatchSize];
    // Filled while checking: the stored hashes decoded.
    internal readonly byte[] StoredHashes = new byte[AuditChainVerifier.BatchSize * 32];

    public int Count => _count;
    public bool IsFull => _count == AuditChainVerifier.BatchSize;

    public void Clear()
    {
        _used = _count = 0;
        IsHashed = false;
    }

    // Filled by Hash: whether each entry's content matches its stored hash.
    internal readonly bool[] Matches = new bool[AuditChainVerifier.BatchSize];

    /// <summary>Whether <see cref="Hash"/> has run since the last entry was added.</summary>
    public bool IsHashed { get; private set; }

    /// <summary>
    /// Recomputes every entry's hash on the calling thread. A reader that hashes its own batches spares
    /// the verifier; otherwise the verifier hashes each batch on all cores.
    /// </summary>
    public void Hash()
    {
        for (var i = 0; i < _count; i++) Matches[i] = AuditChainVerifier.HashMatches(this, i);
        IsHashed = true;
    }

    /// <summary>
    /// Adds the next entry. Text fields are the stored UTF-8 bytes (a null actor id as empty, as the
    /// hash treats it); <paramref name="previousHash"/> and <paramref name="hash"/> the stored hex.
    /// </summary>
    public void Add(long sequence, long occurredAtUtcTicks, int? departmentId,
        ReadOnlySpan<byte> actorId, ReadOnlySpan<byte> actorName, ReadOnlySpan<byte> action,
        ReadOnlySpan<byte> entityType, ReadOnlySpan<byte> entityKey, ReadOnlySpan<byte> changes,
        ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> hash)
    {
        if (IsFull) throw new InvalidOperationException("The batch is full.");
        var length = EncodedEntry.FixedLength + actorId.Length + actorName.Length + action.Length + entityType.Length + entityKey.Length + changes.Length;
        if (_used + length > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + length));

        var entry = new EncodedEntry(_bytes.AsSpan(_used, length), sequence, occurredAtUtcTicks, departmentId);
        entry.Field(actorId);
        entry.Field(actorName);
        entry.Field(action);
        entry.Field(entityType);
        entry.Field(entityKey);
        entry.Field(changes);
        _previousReadable[_count] = AuditChain.TryDecodeHash(previousHash, entry.PreviousHashDestination);
        entry.PreviousHash(_previousReadable[_count]);

        _used += length;
        _ends[_count] = _used;
        _sequences[_count] = sequence;
        _hashLengthRight[_count] = hash.Length == AuditChain.HashHexLength;
        if (_hashLengthRight[_count]) hash.CopyTo(_hashHex.AsSpan(_count * AuditChain.HashHexLength));
        _count++;
        IsHashed = false;
    }

    internal long Sequence(int i) => _sequences[i];

    /// <summary>The bytes the entry's hash covers.</summary>
    internal ReadOnlySpan<byte> Encoded(int i)
    {
        var start = i == 0 ? 0 : _ends[i - 1];
        return _bytes.AsSpan(start, _ends[i] - start);
    }

    /// <summary>The stored previous hash, decoded, if it was readable: the last 32 bytes of the encoding.</summary>
    internal bool TryGetPreviousHash(int i, out ReadOnlySpan<byte> previous)
    {
        previous = _bytes.AsSpan(_ends[i] - 32, 32);
        return _previousReadable[i];
    }

    /// <summary>Decodes the stored hash into <see cref="StoredHashes"/>; false if it is not a hash.</summary>
    internal bool TryDecodeStoredHash(int i) =>
        _hashLengthRight[i] && AuditChain.TryDecodeHash(HashHex(i), StoredHashes.AsSpan(i * 32, 32));

    internal ReadOnlySpan<byte> StoredHash(int i) => StoredHashes.AsSpan(i * 32, 32);

    internal ReadOnlySpan<byte> HashHex(int i) => _hashHex.AsSpan(i * AuditChain.HashHexLength, AuditChain.HashHexLength);
}
