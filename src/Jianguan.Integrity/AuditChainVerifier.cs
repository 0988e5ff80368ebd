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
/// Checks entries one by one in sequence order and stops at the first break. Used by the platform
/// itself and by the outside verify tool, so both reach the same verdict from the same rules.
/// </summary>
public sealed class AuditChainVerifier
{
    private long _checked;
    private long? _lastSequence;
    private string _lastHash = AuditChain.GenesisHash;

    public ChainBreak? FirstBreak { get; private set; }

    /// <summary>Checks the next entry. Returns false once the chain is broken (later entries are not looked at).</summary>
    public bool Check(AuditRecord record)
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
        Span<byte> computed = stackalloc byte[32];
        Span<byte> stored = stackalloc byte[32];
        AuditChain.ComputeHash(record, computed);
        if (!AuditChain.TryDecodeHash(record.Hash, stored) || !computed.SequenceEqual(stored))
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

    /// <summary>The verdict so far.</summary>
    public ChainVerification Result() => new(_checked, _lastSequence, _lastHash, FirstBreak);

    /// <summary>Checks a whole sequence of entries, in the order given.</summary>
    public static ChainVerification Verify(IEnumerable<AuditRecord> records)
    {
        var verifier = new AuditChainVerifier();
        foreach (var record in records)
            if (!verifier.Check(record)) break;
        return verifier.Result();
    }
}
