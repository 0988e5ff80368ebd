using System.Text;

namespace Jianguan.Integrity;

/// <summary>What is wrong at the first entry where the chain fails.</summary>
public enum ChainProblem
{
    /// <summary>The entry's content no longer matches its hash: it was altered.</summary>
    Altered,
    /// <summary>One or more sequence numbers are missing before this entry: entries were removed.</summary>
    Removed,
    /// <summary>The entry does not link to the one before it: an entry was inserted (or replaced) here.</summary>
    Inserted,
}

/// <summary>The first break in a chain.</summary>
public sealed record ChainBreak(long Sequence, ChainProblem Problem, string Message);

/// <summary>The outcome of checking a whole chain.</summary>
public sealed record ChainVerification(long EntriesChecked, long? LastSequence, string HeadHash, ChainBreak? FirstBreak)
{
    public bool IsIntact => FirstBreak is null;
}

/// <summary>
/// Checks entries in sequence order and stops at the first break. Used by the platform itself and by
/// the outside verify tool, so both reach the same verdict from the same rules. Entries may be given
/// one by one or in batches; a batch's hashes are recomputed on all cores, since each entry's hash
/// depends only on its own stored fields.
/// </summary>
public sealed class AuditChainVerifier
{
    private long _checked;
    private long? _lastSequence;
    // The last good entry's hash, as stored (for the verdict) and decoded (to link UTF-8 batches to it).
    private string _lastHash = AuditChain.GenesisHash;
    private readonly byte[] _lastHashBytes = new byte[32];

    public ChainBreak? FirstBreak { get; private set; }

    /// <summary>Checks the next entry. Returns false once the chain is broken (later entries are not looked at).</summary>
    public bool Check(AuditRecord record) => Check(record, HashMatches(record));

    /// <summary>Checks the next entries, in order. Returns false once the chain is broken.</summary>
    public bool CheckBatch(IReadOnlyList<AuditRecord> batch)
    {
        if (FirstBreak is not null) return false;
        var matches = HashAll(batch.Count, i => HashMatches(batch[i]));
        for (var i = 0; i < batch.Count; i++)
            if (!Check(batch[i], matches[i])) return false;
        return true;
    }

    /// <summary>As <see cref="CheckBatch(IReadOnlyList{AuditRecord})"/> for entries read as UTF-8: the same verdict.</summary>
    public bool CheckBatch(Utf8AuditBatch batch)
    {
        if (FirstBreak is not null) return false;
        var matches = batch.IsHashed ? batch.Matches : HashAll(batch.Count, i => HashMatches(batch, i));
        var good = 0;
        for (; good < batch.Count; good++)
        {
            // The stored hash of the last good entry is readable hex (it matched), so comparing the decoded
            // bytes is the same test as the case-insensitive text comparison of the record path.
            var links = batch.TryGetPreviousHash(good, out var previous) && previous.SequenceEqual(_lastHashBytes);
            if (!Check(batch.Sequence(good), links, matches[good])) break;
            batch.StoredHash(good).CopyTo(_lastHashBytes);
        }
        // One string per batch for the verdict, not one per entry.
        if (good > 0) _lastHash = Encoding.ASCII.GetString(batch.HashHex(good - 1));
        return FirstBreak is null;
    }

    private bool Check(AuditRecord record, bool hashMatches)
    {
        if (!Check(record.Sequence, string.Equals(record.PreviousHash, _lastHash, StringComparison.OrdinalIgnoreCase), hashMatches))
            return false;
        _lastHash = record.Hash;
        AuditChain.TryDecodeHash(record.Hash, _lastHashBytes);
        return true;
    }

    /// <summary>The rules, in the order they are reported; the caller records the entry's hash if true.</summary>
    private bool Check(long sequence, bool linksToLast, bool hashMatches)
    {
        if (FirstBreak is not null) return false;
        var expectedSequence = (_lastSequence ?? 0) + 1;
        if (sequence > expectedSequence)
        {
            FirstBreak = new ChainBreak(expectedSequence, ChainProblem.Removed,
                sequence - expectedSequence == 1
                    ? $"Entry {expectedSequence} is missing: it was removed."
                    : $"Entries {expectedSequence}–{sequence - 1} are missing: they were removed.");
            return false;
        }
        if (sequence < expectedSequence)
        {
            FirstBreak = new ChainBreak(sequence, ChainProblem.Inserted,
                $"Entry {sequence} appears again after entry {_lastSequence}: an entry was inserted.");
            return false;
        }
        if (!linksToLast)
        {
            FirstBreak = new ChainBreak(sequence, ChainProblem.Inserted,
                $"Entry {sequence} does not link to entry {_lastSequence?.ToString() ?? "(start)"}: an entry was inserted or replaced here.");
            return false;
        }
        if (!hashMatches)
        {
            FirstBreak = new ChainBreak(sequence, ChainProblem.Altered,
                $"Entry {sequence} does not match its hash: its content was altered.");
            return false;
        }
        _checked++;
        _lastSequence = sequence;
        return true;
    }

    /// <summary>
    /// Whether each entry's content matches its stored hash, on all cores. Each hash depends only on its
    /// own entry. Small chunks rather than one slice a core: when a reader fills the next batch on one
    /// core meanwhile, the thread sharing that core takes fewer chunks instead of holding the batch up.
    /// </summary>
    private static bool[] HashAll(int count, Func<int, bool> hashMatches)
    {
        var matches = new bool[count];
        Parallel.For(0, (count + ChunkSize - 1) / ChunkSize, chunk =>
        {
            for (var i = chunk * ChunkSize; i < Math.Min(count, (chunk + 1) * ChunkSize); i++)
                matches[i] = hashMatches(i);
        });
        return matches;
    }

    private const int ChunkSize = 256;

    private static bool HashMatches(AuditRecord record)
    {
        Span<byte> computed = stackalloc byte[32];
        Span<byte> stored = stackalloc byte[32];
        AuditChain.ComputeHash(record, computed);
        return AuditChain.TryDecodeHash(record.Hash, stored) && computed.SequenceEqual(stored);
    }

    internal static bool HashMatches(Utf8AuditBatch batch, int i)
    {
        Span<byte> computed = stackalloc byte[32];
        Sha256.Hash(batch.Encoded(i), computed);
        return batch.TryDecodeStoredHash(i) && computed.SequenceEqual(batch.StoredHash(i));
    }

    /// <summary>The verdict so far.</summary>
    public ChainVerification Result() => new(_checked, _lastSequence, _lastHash, FirstBreak);

    /// <summary>Checks a whole sequence of entries, in the order given, in batches.</summary>
    public static ChainVerification Verify(IEnumerable<AuditRecord> records)
    {
        var verifier = new AuditChainVerifier();
        foreach (var batch in records.Chunk(BatchSize))
            if (!verifier.CheckBatch(batch)) break;
        return verifier.Result();
    }

    /// <summary>Entries per batch: large enough to share among cores, small enough to stay in cache.</summary>
    public const int BatchSize = 8192;
}
