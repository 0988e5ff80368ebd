using System.Text;

namespace Jianguan.Draw;

/// <summary>
/// A pool frozen by <see cref="DrawBuilder.Freeze"/>: its entries, its strata with their sizes (in key order,
/// as UTF-8 bytes), and its digest, SHA-256 over the canonical lines in credit-code order. The quotas can be shown
/// from it before the draw (<see cref="Quotas"/>); <see cref="Draw"/> then derives the seed and selects.
/// </summary>
public sealed class FrozenPool
{
    private readonly List<PoolChunk> _chunks;
    private readonly StrataTable _table;
    private readonly long[]? _order;
    // The strata in key order: _sorted[k] is a table number; _position[table number] = k.
    private readonly int[] _sorted;
    private readonly int[] _position;
    private readonly int[] _sizes;

    internal FrozenPool(List<PoolChunk> chunks, StrataTable table, int[] sizes, byte[] digest, long[]? order)
    {
        _chunks = chunks;
        _table = table;
        _sizes = sizes;
        _order = order;
        Digest = digest;
        _sorted = Enumerable.Range(0, table.Count).ToArray();
        Array.Sort(_sorted, (a, b) => table.Key(a).SequenceCompareTo(table.Key(b)));
        _position = new int[table.Count];
        for (var k = 0; k < _sorted.Length; k++) _position[_sorted[k]] = k;
        Strata = _sorted.Select(s => (table.Names[s], sizes[s])).ToArray();
        Count = sizes.Sum();
    }

    /// <summary>Entities in the pool.</summary>
    public int Count { get; }

    /// <summary>SHA-256 of the canonical serialisation (docs/draw-record.md).</summary>
    public byte[] Digest { get; }

    public string DigestHex => Convert.ToHexStringLower(Digest);

    /// <summary>Whether the entries arrived in credit-code order (if not, they were sorted at the freeze).</summary>
    public bool ArrivedInOrder => _order is null;

    /// <summary>Every stratum with a size, in key order (UTF-8 bytes); a stratum's index in this list is its number in the record.</summary>
    public IReadOnlyList<(string Key, int Size)> Strata { get; }

    /// <summary>The quotas the rules give this pool: what the platform shows before the draw.</summary>
    public IReadOnlyList<StratumQuota> Quotas(QuotaRules rules) => rules.Compute(Strata);

    /// <summary>
    /// The draw: the seed from the secret (64 hex digits), this pool's digest and the entropy, then each stratum's
    /// quota of lowest ranks.
    /// </summary>
    public DrawResult Draw(string secret, string entropy, QuotaRules rules)
    {
        var secretBytes = DrawSecret.Parse(secret);
        var quotas = Quotas(rules);
        var seed = DrawHashes.Seed(secretBytes, Digest, entropy);
        return new DrawResult(this, secret.ToLowerInvariant(), entropy, seed, quotas, Select(seed, quotas));
    }

    /// <summary>
    /// Each stratum's <c>quota</c> entities of lowest rank under <paramref name="seed"/> (ties by credit code),
    /// ordered by stratum key, then rank, then code. <paramref name="quotas"/> lists the strata in <see cref="Strata"/>'s order.
    /// Ranks are computed in parallel, a chunk per task, each task keeping its own candidates per stratum.
    /// </summary>
    public IReadOnlyList<SelectedEntry> Select(ReadOnlySpan<byte> seed, IReadOnlyList<StratumQuota> quotas)
    {
        if (quotas.Count != _sorted.Length) throw new ArgumentException("One quota per stratum.", nameof(quotas));
        var quota = new int[_sorted.Length];
        for (var k = 0; k < quota.Length; k++) quota[_sorted[k]] = quotas[k].Quota;
        var key = new RankKey(seed);
        var comparer = new CandidateComparer(_chunks);
        var partial = new List<Candidates?[]>();
        Parallel.For(0, _chunks.Count, () => new Candidates?[quota.Length], (c, _, mine) =>
        {
            var chunk = _chunks[c];
            var ranks = chunk.RanksUnder(key);
            var strata = chunk.Strata;
            for (var i = 0; i < chunk.Count; i++)
            {
                var s = strata[i];
                if (quota[s] > 0) (mine[s] ??= new Candidates(quota[s])).Offer(new Candidate(ranks[i], c, i), comparer);
            }
            return mine;
        }, mine => { lock (partial) partial.Add(mine); });

        var selected = new List<SelectedEntry>(quota.Sum());
        foreach (var s in _sorted)
        {
            if (quota[s] == 0) continue;
            var all = partial.Where(p => p[s] is not null).SelectMany(p => p[s]!.Items).ToArray();
            Array.Sort(all, comparer);
            var name = _table.Names[s];
            foreach (var candidate in all.Take(quota[s]))
                selected.Add(new SelectedEntry(Encoding.ASCII.GetString(_chunks[candidate.Chunk].Code(candidate.Index)), name, candidate.Rank));
        }
        return selected;
    }

    /// <summary>A callback over entries as bytes: the credit code and the stratum's index in <see cref="Strata"/>.</summary>
    public delegate void EntryVisitor(ReadOnlySpan<byte> creditCode, int stratum);

    /// <summary>Visits every entry in canonical (credit-code) order.</summary>
    public void ForEach(EntryVisitor visit)
    {
        if (_order is null)
        {
            foreach (var chunk in _chunks)
                for (var i = 0; i < chunk.Count; i++) visit(chunk.Code(i), _position[chunk.Strata[i]]);
            return;
        }
        foreach (var entry in _order)
        {
            var chunk = _chunks[(int)(entry >> 16)];
            var i = (int)(entry & 0xFFFF);
            visit(chunk.Code(i), _position[chunk.Strata[i]]);
        }
    }

    /// <summary>The entries as strings, in canonical order (for small pools and tests).</summary>
    public IReadOnlyList<PoolEntry> Entries()
    {
        var entries = new List<PoolEntry>(Count);
        ForEach((code, stratum) => entries.Add(new PoolEntry(Encoding.ASCII.GetString(code), Strata[stratum].Key)));
        return entries;
    }

    private readonly record struct Candidate(ulong Rank, int Chunk, int Index);

    private sealed class CandidateComparer(List<PoolChunk> chunks) : IComparer<Candidate>
    {
        public int Compare(Candidate a, Candidate b) =>
            a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank)
                : chunks[a.Chunk].Code(a.Index).SequenceCompareTo(chunks[b.Chunk].Code(b.Index));
    }

    /// <summary>
    /// A stratum's lowest-ranked candidates seen by one task: everything until twice the quota is held, then
    /// sorted down to the quota; after that only ranks up to the quota-th are taken. Each entry costs one
    /// comparison, and the few that pass are sorted in batches.
    /// </summary>
    private sealed class Candidates(int quota)
    {
        private Candidate[] _items = new Candidate[Math.Min(2 * quota, 64)];
        private int _count;
        private ulong _threshold = ulong.MaxValue;

        public IEnumerable<Candidate> Items => _items.Take(_count);

        public void Offer(Candidate candidate, CandidateComparer comparer)
        {
            if (candidate.Rank > _threshold) return;
            if (_count == _items.Length)
            {
                if (_items.Length < 2 * quota) Array.Resize(ref _items, (int)Math.Min(2L * quota, _items.Length * 2L));
                else
                {
                    Array.Sort(_items, 0, _count, comparer);
                    _count = quota;
                    _threshold = _items[quota - 1].Rank;
                    if (candidate.Rank > _threshold) return;
                }
            }
            _items[_count++] = candidate;
        }
    }
}

/// <summary>An entity drawn: its credit code, its stratum's key, and its rank.</summary>
public readonly record struct SelectedEntry(string CreditCode, string Stratum, ulong Rank)
{
    public string RankHex => RankKey.Format(Rank);
}

/// <summary>What a draw gives: the seed, the quotas per stratum, the entities drawn (by stratum, then rank).</summary>
public sealed class DrawResult(FrozenPool pool, string secret, string entropy, byte[] seed, IReadOnlyList<StratumQuota> strata, IReadOnlyList<SelectedEntry> selected)
{
    public FrozenPool Pool { get; } = pool;
    public string Secret { get; } = secret;
    public string Commitment => DrawSecret.Commitment(Secret);
    public string Entropy { get; } = entropy;
    public byte[] Seed { get; } = seed;
    public string SeedHex => Convert.ToHexStringLower(Seed);
    public string PoolDigestHex => Pool.DigestHex;
    public IReadOnlyList<StratumQuota> Strata { get; } = strata;
    public IReadOnlyList<SelectedEntry> Selected { get; } = selected;
}
