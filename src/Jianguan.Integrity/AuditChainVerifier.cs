using System.Security.Cryptography;

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
public sealed class AuditChainVerifier : IDisposable
{
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _checked;
    private long? _lastSequence;
    private string _lastHash = AuditChain.GenesisHash;

    public ChainBreak? FirstBreak { get; private set; }

    /// <summary>Checks the next entry. Returns false once the chain is broken (later entries are not looked at).</summary>
    public bool Check(AuditRecord record) => Check(record, HashMatches(record, _sha));

    /// <summary>Checks the next entries, in order. Returns false once the chain is broken.</summary>
    public bool CheckBatch(IReadOnlyList<AuditRecord> batch)
    {
        if (FirstBreak is not null) return false;
        var matches = new bool[batch.Count];
        var partitions = Math.Max(1, Math.Min(Environment.ProcessorCount, batch.Count / 1024));
        Parallel.For(0, partitions, p =>
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            for (var i = p * batch.Count / partitions; i < (p + 1) * batch.Count / partitions; i++)
                matches[i] = HashMatches(batch[i], sha);
        });
        for (var i = 0; i < batch.Count; i++)
            if (!Check(batch[i], matches[i])) return false;
        return true;
    }

    private bool Check(AuditRecord record, bool hashMatches)
    {
        if (FirstBreak is not null) return false;
        var expectedSequence = (_lastSequence ?? 0) + 1;
        if (record.Sequence > expectedSequence)
        {
            FirstBreak = new ChainBreak(expectedSequence, ChainProblem.Removed,
                record.Sequence - expectedSequence == 1
                    ? $"Entry {expectedSequence} is missing: it was removed."
                    : $"Entries {expectedSequence}–{record.Sequence - 1} are missing: they were removed.");
            return false;
        }
        if (record.Sequence < expectedSequence)
        {
            FirstBreak = new ChainBreak(record.Sequence, ChainProblem.Inserted,
                $"Entry {record.Sequence} appears again after entry {_lastSequence}: an entry was inserted.");
            return false;
        }
        if (!string.Equals(record.PreviousHash, _lastHash, StringComparison.OrdinalIgnoreCase))
        {
            FirstBreak = new ChainBreak(record.Sequence, ChainProblem.Inserted,
                $"Entry {record.Sequence} does not link to entry {_lastSequence?.ToString() ?? "(start)"}: an entry was inserted or replaced here.");
            return false;
        }
        if (!hashMatches)
        {
            FirstBreak = new ChainBreak(record.Sequence, ChainProblem.Altered,
                $"Entry {record.Sequence} does not match its hash: its content was altered.");
            return false;
        }
        _checked++;
        _lastSequence = record.Sequence;
        _lastHash = record.Hash;
        return true;
    }

    private static bool HashMatches(AuditRecord record, IncrementalHash sha)
    {
        Span<byte> computed = stackalloc byte[32];
        Span<byte> stored = stackalloc byte[32];
        AuditChain.ComputeHash(record, computed, sha);
        return AuditChain.TryDecodeHash(record.Hash, stored) && computed.SequenceEqual(stored);
    }

    /// <summary>The verdict so far.</summary>
    public ChainVerification Result() => new(_checked, _lastSequence, _lastHash, FirstBreak);

    /// <summary>Checks a whole sequence of entries, in the order given, in batches.</summary>
    public static ChainVerification Verify(IEnumerable<AuditRecord> records)
    {
        using var verifier = new AuditChainVerifier();
        foreach (var batch in records.Chunk(BatchSize))
            if (!verifier.CheckBatch(batch)) break;
        return verifier.Result();
    }

    /// <summary>Entries per batch: large enough to share among cores, small enough to stay in cache.</summary>
    public const int BatchSize = 8192;

    public void Dispose() => _sha.Dispose();
}
