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
        var selection = SelectEntries(seed, quotas);
        return new DrawResult(this, secret.ToLowerInvariant(), entropy, seed, quotas, SelectedEntries(selection), selection.AddedAt());
    }

    /// <summary>
    /// Each stratum's <c>quota</c> entities of lowest rank under <paramref name="seed"/> (ties by credit code),
    /// ordered by stratum key, then rank, then code. <paramref name="quotas"/> lists the strata in <see cref="Strata"/>'s order.
    /// Ranks are computed in parallel, a chunk per task, each task keeping its own candidates per stratum.
    /// </summary>
    public IReadOnlyList<SelectedEntry> Select(ReadOnlySpan<byte> seed, IReadOnlyList<StratumQuota> quotas) => SelectedEntries(SelectEntries(seed, quotas));

    private static SelectedEntry[] SelectedEntries(Selection selection)
    {
        var selected = new SelectedEntry[selection.Count];
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, selected.Length, 1 << 14), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++) selected[i] = selection[i];
        });
        return selected;
    }

    /// <summary>
    /// The selection of <see cref="Select"/> as references into the pool, no string made: what a verifier compares
    /// with a record's list.
    /// </summary>
    /// <param name="workers">Threads to rank and offer on: every core by default; a caller with other work under way gives fewer.</param>
    internal Selection SelectEntries(ReadOnlySpan<byte> seed, IReadOnlyList<StratumQuota> quotas, int? workers = null)
    {
        if (quotas.Count != _sorted.Length) throw new ArgumentException("One quota per stratum.", nameof(quotas));
        var quota = new int[_sorted.Length];
        for (var k = 0; k < quota.Length; k++) quota[_sorted[k]] = quotas[k].Quota;
        var key = new RankKey(seed);
        // One set of candidates per worker, each worker taking the next chunk: more sets (Parallel.For's local state
        // per task replica) would each hold twice the quotas before their first cut.
        var threads = Math.Max(1, Math.Min(workers ?? Environment.ProcessorCount, _chunks.Count));
        var partial = new Candidates?[threads][];
        var next = -1;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, w =>
        {
            var mine = partial[w] = new Candidates?[quota.Length];
            for (var c = Interlocked.Increment(ref next); c < _chunks.Count; c = Interlocked.Increment(ref next))
            {
                var chunk = _chunks[c];
                var ranks = chunk.RanksUnder(key);
                var strata = chunk.Strata;
                var at = (long)c << 16;
                for (var i = 0; i < chunk.Count; i++)
                {
                    var s = strata[i];
                    if (quota[s] > 0) (mine[s] ??= new Candidates(quota[s])).Offer(ranks[i], at | (uint)i);
                }
            }
        });

        // Each stratum's candidates from every task, cut to the quota and put in (rank, code) order; strata in parallel.
        var perStratum = new (ulong[] Ranks, long[] Entries, int Count)[_sorted.Length];
        Parallel.For(0, _sorted.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, k =>
        {
            var s = _sorted[k];
            var all = new Candidates(Math.Max(quota[s], 1));
            foreach (var p in partial)
                if (p[s] is { } mine) all.Take(mine);
            perStratum[k] = all.Lowest(quota[s], this);
        });
        var total = perStratum.Sum(p => p.Count);
        var entries = new long[total];
        var strataOf = new int[total];
        var rankOf = new ulong[total];
        var at = 0;
        for (var k = 0; k < perStratum.Length; k++)
        {
            var (ranks, refs, count) = perStratum[k];
            Array.Copy(refs, 0, entries, at, count);
            Array.Copy(ranks, 0, rankOf, at, count);
            strataOf.AsSpan(at, count).Fill(_sorted[k]);
            at += count;
        }
        return new Selection(this, entries, strataOf, rankOf);
    }

    /// <summary>The entities drawn, in the selected list's order, as references into the pool (entry, stratum, rank).</summary>
    internal sealed class Selection(FrozenPool pool, long[] entries, int[] strata, ulong[] ranks)
    {
        public int Count => entries.Length;
        public ReadOnlySpan<byte> Code(int i) => pool.Code(entries[i]);
        public string Stratum(int i) => pool._table.Names[strata[i]];
        public ulong Rank(int i) => ranks[i];
        public SelectedEntry this[int i] => new(Encoding.ASCII.GetString(Code(i)), Stratum(i), ranks[i]);

        /// <summary>Each entity's place in the order the entries were added (chunks fill up in turn).</summary>
        public int[] AddedAt()
        {
            var at = new int[entries.Length];
            for (var i = 0; i < at.Length; i++) at[i] = (int)(entries[i] >> 16) * PoolChunk.Capacity + (int)(entries[i] & 0xFFFF);
            return at;
        }
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

    /// <summary>The code of an entry given as (chunk &lt;&lt; 16 | index).</summary>
    private ReadOnlySpan<byte> Code(long entry) => _chunks[(int)(entry >> 16)].Code((int)(entry & 0xFFFF));

    /// <summary>
    /// A stratum's lowest-ranked candidates seen by one task, as ranks and entries (chunk &lt;&lt; 16 | index). Everything
    /// is taken until twice the quota is held; then the quota-th lowest rank is found (quickselect) and only ranks up
    /// to it are kept, and taken from then on. An entry costs one comparison; the cutting, a pass over 2 × quota
    /// ranks now and then.
    /// </summary>
    private sealed class Candidates(int quota)
    {
        private ulong[] _ranks = new ulong[Math.Min(2 * quota, 64)];
        private long[] _entries = new long[Math.Min(2 * quota, 64)];
        private ulong[]? _scratch;
        private int _count;
        private ulong _threshold = ulong.MaxValue;

        public void Offer(ulong rank, long entry)
        {
            if (rank > _threshold) return;
            if (_count == _ranks.Length)
            {
                if (_ranks.Length < 2L * quota) Grow((int)Math.Min(2L * quota, _ranks.Length * 2L));
                else
                {
                    Cut();
                    if (rank > _threshold) return;
                    // Ties at the threshold can leave it full: room for them.
                    if (_count == _ranks.Length) Grow(_ranks.Length * 2);
                }
            }
            _ranks[_count] = rank;
            _entries[_count++] = entry;
        }

        /// <summary>Takes another task's candidates for the same stratum.</summary>
        public void Take(Candidates other)
        {
            for (var i = 0; i < other._count; i++) Offer(other._ranks[i], other._entries[i]);
        }

        /// <summary>The <paramref name="take"/> lowest, in (rank, code) order.</summary>
        public (ulong[] Ranks, long[] Entries, int Count) Lowest(int take, FrozenPool pool)
        {
            if (_count > take) Cut(take);
            Array.Sort(_ranks, _entries, 0, _count);
            // Equal ranks (about one chance in 2^64 a pair) go by credit code.
            for (var i = 1; i < _count; i++)
            {
                if (_ranks[i] != _ranks[i - 1]) continue;
                var start = i - 1;
                while (i < _count && _ranks[i] == _ranks[start]) i++;
                Array.Sort(_entries, start, i - start, Comparer<long>.Create((a, b) => pool.Code(a).SequenceCompareTo(pool.Code(b))));
            }
            return (_ranks, _entries, Math.Min(_count, take));
        }

        private void Grow(int size)
        {
            Array.Resize(ref _ranks, size);
            Array.Resize(ref _entries, size);
        }

        /// <summary>Keeps the ranks up to the <paramref name="keep"/>-th lowest (all of them equal to it too).</summary>
        private void Cut(int? keep = null)
        {
            var k = keep ?? quota;
            _scratch ??= new ulong[_ranks.Length];
            if (_scratch.Length < _count) _scratch = new ulong[_ranks.Length];
            Array.Copy(_ranks, _scratch, _count);
            _threshold = Select(_scratch.AsSpan(0, _count), k - 1);
            var kept = 0;
            for (var i = 0; i < _count; i++)
                if (_ranks[i] <= _threshold)
                {
                    _ranks[kept] = _ranks[i];
                    _entries[kept++] = _entries[i];
                }
            _count = kept;
        }

        /// <summary>The <paramref name="n"/>-th smallest value (from 0), reordering <paramref name="values"/>: Hoare's quickselect.</summary>
        private static ulong Select(Span<ulong> values, int n)
        {
            int left = 0, right = values.Length - 1;
            while (left < right)
            {
                var pivot = values[left + (right - left) / 2];
                int i = left, j = right;
                while (i <= j)
                {
                    while (values[i] < pivot) i++;
                    while (values[j] > pivot) j--;
                    if (i <= j)
                    {
                        (values[i], values[j]) = (values[j], values[i]);
                        i++;
                        j--;
                    }
                }
                if (n <= j) right = j;
                else if (n >= i) left = i;
                else return values[n];
            }
            return values[n];
        }
    }
}

/// <summary>An entity drawn: its credit code, its stratum's key, and its rank.</summary>
public readonly record struct SelectedEntry(string CreditCode, string Stratum, ulong Rank)
{
    public string RankHex => RankKey.Format(Rank);
}

/// <summary>What a draw gives: the seed, the quotas per stratum, the entities drawn (by stratum, then rank).</summary>
public sealed class DrawResult(FrozenPool pool, string secret, string entropy, byte[] seed, IReadOnlyList<StratumQuota> strata, IReadOnlyList<SelectedEntry> selected,
    IReadOnlyList<int> addedAt)
{
    /// <summary>
    /// For each entity of <see cref="Selected"/>, its place (from 0) in the order the pool's entries were added to the
    /// builder: a caller that kept its own data in that order (the platform keeps entity ids) finds a drawn entity's at once.
    /// </summary>
    public IReadOnlyList<int> AddedAt { get; } = addedAt;

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
