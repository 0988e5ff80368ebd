using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Jianguan.Draw;

/// <summary>
/// Freezes a pool as it is read: the caller adds each entity (credit code and stratum) as its reader produces it,
/// and <see cref="Freeze"/> returns the frozen pool with its digest. Meant to be fed from a query ordered by
/// credit code (<c>ORDER BY credit_code</c> under a byte-order collation such as PostgreSQL's "C", SQLite's
/// default BINARY): then a second thread checks each entry, counts the strata and hashes the canonical lines
/// while the reader reads on, and the digest is ready when the reading ends. Entries in any other order are
/// accepted too: they are sorted when the pool is frozen, which costs a sort of the whole pool.
/// <para>
/// The adding thread only copies bytes into chunks of 65,536 entries; everything else happens on the checking
/// thread. One thread adds at a time. Refused entries (an invalid code or stratum, a duplicate code) surface as a
/// <see cref="DrawException"/> from <see cref="Freeze"/>, naming the entry.
/// </para>
/// </summary>
public sealed class DrawBuilder : IDisposable
{
    private readonly BlockingCollection<PoolChunk> _toCheck = new();
    private readonly Task _checker;

    // With a presumed seed: chunks checked, to be ranked on a thread of their own.
    private readonly BlockingCollection<PoolChunk> _toRank = new();
    private readonly Task _ranker;
    private readonly List<PoolChunk> _chunks = [];
    private PoolChunk _current = new(0);
    private readonly StrataTable _strata = new();
    private readonly int _registered;
    private readonly RankKey? _presumed;
    private bool _frozen;

    // Strata announced while adding (AddStratum): their keys on the adding thread, handed to the checking thread under the lock.
    private readonly List<byte[]> _announced = [];
    private readonly StrataTable _announcedKeys = new();
    private bool _textStrata;

    // Owned by the checking thread until it ends.
    private readonly IncrementalHash _digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _lines = new byte[1 << 20];
    private int _linesUsed;
    private bool _inOrder = true;
    private PoolChunk? _previousChunk;
    private int _previousIndex;
    private int[] _sizes = new int[16];
    private DrawException? _refusal;

    /// <param name="strata">
    /// Stratum keys known in advance, numbered from 0 in this order for <see cref="AddUtf8(ReadOnlySpan{byte}, int)"/>.
    /// </param>
    /// <param name="presumedSeed">
    /// A seed to rank with while reading, when it is known before the pool is (a verifier reading a published
    /// record takes the record's seed and checks it afterwards): the checking thread ranks each chunk it checks. The platform's own draw cannot know its seed
    /// before the pool's digest, and passes none.
    /// </param>
    public DrawBuilder(IEnumerable<string>? strata = null, ReadOnlySpan<byte> presumedSeed = default)
    {
        foreach (var key in strata ?? [])
        {
            var bytes = Encoding.UTF8.GetBytes(key);
            if (PoolRules.StratumProblem(bytes) is { } problem)
                throw new DrawException("bad-stratum", $"Stratum '{key}' is refused: {problem}.", $"层 '{key}' 不符合要求：{problem}。");
            if (_strata.Find(bytes) >= 0)
                throw new DrawException("duplicate-stratum", $"Stratum '{key}' is listed twice.", $"层 '{key}' 重复。");
            _strata.Add(bytes);
        }
        _registered = _strata.Count;
        if (_sizes.Length < _registered) _sizes = new int[_registered];
        if (!presumedSeed.IsEmpty) _presumed = new RankKey(presumedSeed);
        _checker = Task.Factory.StartNew(CheckAll, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _ranker = _presumed is null ? Task.CompletedTask : Task.Factory.StartNew(RankAll, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Entries added so far.</summary>
    public long Count => _handedOver + _current.Count;

    private long _handedOver;

    public void Add(string creditCode, string stratum) => Add(creditCode.AsSpan(), stratum.AsSpan());

    public void Add(PoolEntry entry) => Add(entry.CreditCode, entry.Stratum);

    public void Add(ReadOnlySpan<char> creditCode, ReadOnlySpan<char> stratum)
    {
        var chunk = TextRoom();
        chunk.AddCode(creditCode);
        chunk.AddStratumText(stratum);
        chunk.Commit(-1);
    }

    /// <summary>An entry as UTF-8 bytes, as a database reader can hand them over without making strings.</summary>
    public void AddUtf8(ReadOnlySpan<byte> creditCode, ReadOnlySpan<byte> stratum)
    {
        var chunk = TextRoom();
        chunk.AddCode(creditCode);
        chunk.AddStratumText(stratum);
        chunk.Commit(-1);
    }

    /// <summary>
    /// Registers a stratum met while adding, numbered after those given to the constructor and those announced before:
    /// for a reader that learns the strata as it reads, and then adds each entry under its stratum's number. Not for a
    /// builder fed strata as text (the checking thread numbers those).
    /// </summary>
    public int AddStratum(ReadOnlySpan<byte> key)
    {
        if (_frozen) throw new InvalidOperationException("The pool is frozen: nothing can be added to it.");
        if (_textStrata) throw new InvalidOperationException("Strata are given as text to this builder: they cannot also be announced.");
        if (PoolRules.StratumProblem(key) is { } problem)
            throw new DrawException("bad-stratum", $"Stratum '{Show(key)}' is refused: {problem}.", $"层 '{Show(key)}' 不符合要求：{problem}。");
        if (_announcedKeys.Find(key) >= 0 || _registered > 0 && RegisteredBefore(key))
            throw new DrawException("duplicate-stratum", $"Stratum '{Show(key)}' is listed twice.", $"层 '{Show(key)}' 重复。");
        _announcedKeys.Add(key);
        lock (_announced) _announced.Add(key.ToArray());
        return _registered + _announcedKeys.Count - 1;
    }

    /// <summary>Whether a key is one of the constructor's (the table holds only those until the checking thread takes announced ones).</summary>
    private bool RegisteredBefore(ReadOnlySpan<byte> key)
    {
        lock (_announced) return _strata.Find(key) is var index && index >= 0 && index < _registered;
    }

    /// <summary>An entry whose stratum is the <paramref name="stratumIndex"/>-th of those given to the constructor or announced.</summary>
    public void AddUtf8(ReadOnlySpan<byte> creditCode, int stratumIndex)
    {
        var chunk = Room();
        chunk.AddCode(creditCode);
        // Checked on the checking thread; -1 is how a chunk marks a key still to look up.
        chunk.Commit(stratumIndex >= 0 ? stratumIndex : int.MaxValue);
    }

    private PoolChunk TextRoom()
    {
        if (_announcedKeys.Count > 0) throw new InvalidOperationException("Strata are announced to this builder: entries give their stratum's number.");
        _textStrata = true;
        return Room();
    }

    private PoolChunk Room()
    {
        if (_frozen) throw new InvalidOperationException("The pool is frozen: nothing can be added to it.");
        if (_current.IsFull) HandOver();
        return _current;
    }

    private void HandOver()
    {
        var chunk = _current;
        if (chunk.Count == 0) return;
        _chunks.Add(chunk);
        _handedOver += chunk.Count;
        _toCheck.Add(chunk);
        _current = new PoolChunk(_chunks.Count);
    }

    /// <summary>
    /// Ends the adding and returns the frozen pool with its digest. Refuses an empty pool, an invalid entry and a
    /// duplicate credit code.
    /// </summary>
    public FrozenPool Freeze()
    {
        if (_frozen) throw new InvalidOperationException("The pool is already frozen.");
        HandOver();
        _frozen = true;
        _toCheck.CompleteAdding();
        _checker.GetAwaiter().GetResult();
        _ranker.GetAwaiter().GetResult();
        if (_refusal is not null) throw _refusal;
        TakeAnnounced(0);
        if (_chunks.Count == 0)
            throw new DrawException("empty-pool", "The pool is empty: there is nothing to draw.", "检查对象名录为空，无法抽取。");
        long[]? order = null;
        if (!_inOrder)
        {
            order = SortedOrder();
            foreach (var entry in order) Line(_chunks[(int)(entry >> 16)], (int)(entry & 0xFFFF));
        }
        FlushLines();
        var digest = _digest.GetHashAndReset();
        var sizes = _sizes.AsSpan(0, _strata.Count).ToArray();
        return new FrozenPool(_chunks, _strata, sizes, digest, order);
    }

    private void CheckAll()
    {
        try
        {
            foreach (var chunk in _toCheck.GetConsumingEnumerable())
                if (_refusal is null)
                {
                    try
                    {
                        Check(chunk);
                        if (_presumed is not null) _toRank.Add(chunk);
                    }
                    catch (DrawException e)
                    {
                        _refusal = e;
                    }
                }
        }
        finally
        {
            _toRank.CompleteAdding();
        }
    }

    /// <summary>
    /// Ranks each checked chunk under the presumed seed, on a thread of its own: checking and hashing the lines is
    /// one thread's work in order, ranking the other half of the pool's work, and on the checking thread it made that
    /// thread what the whole verification waited for.
    /// </summary>
    private void RankAll()
    {
        foreach (var chunk in _toRank.GetConsumingEnumerable()) chunk.RanksUnder(_presumed!);
    }

    private void Check(PoolChunk chunk)
    {
        var (codes, ends, strata) = (chunk.Codes, chunk.Ends, chunk.Strata);
        var previous = _previousChunk is null ? default : _previousChunk.Code(_previousIndex);
        var hasPrevious = _previousChunk is not null;
        var from = 0;
        for (var i = 0; i < chunk.Count; from = ends[i++])
        {
            var code = codes.AsSpan(from, ends[i] - from);
            if (!PoolRules.IsValidCode(code)) throw Refused(chunk, i, "bad-code",
                $"its credit code '{Show(code)}' is not 1 to {PoolRules.MaxCodeLength} digits and capital letters",
                $"统一社会信用代码 '{Show(code)}' 应为 1 至 {PoolRules.MaxCodeLength} 位数字或大写字母");
            var stratum = strata[i];
            if (stratum < 0) strata[i] = stratum = StratumOf(chunk, i);
            else if (stratum >= _strata.Count && !TakeAnnounced(stratum)) throw Refused(chunk, i, "bad-stratum",
                $"its stratum number {stratum} is not one of the {_strata.Count} strata", $"层序号 {stratum} 不在 {_strata.Count} 个层之内");
            _sizes[stratum]++;
            if (hasPrevious)
            {
                var order = code.SequenceCompareTo(previous);
                if (order == 0) throw Duplicate(code);
                if (order < 0 && _inOrder)
                {
                    // Out of order: the lines are hashed after sorting, at the freeze.
                    _inOrder = false;
                    _digest.GetHashAndReset();
                    _linesUsed = 0;
                }
            }
            previous = code;
            hasPrevious = true;
            if (_inOrder) Line(code, _strata.Key(stratum));
        }
        if (chunk.Count > 0) (_previousChunk, _previousIndex) = (chunk, chunk.Count - 1);
        // The keys are numbers now: their text is not needed again.
        chunk.Text = null;
        chunk.TextEnds = null;
    }

    /// <summary>On the checking thread: takes the strata announced so far into the table; whether <paramref name="stratum"/> is now in it.</summary>
    private bool TakeAnnounced(int stratum)
    {
        lock (_announced)
            for (var k = _strata.Count - _registered; k < _announced.Count; k++)
                _strata.Add(_announced[k]);
        if (_sizes.Length < _strata.Count) Array.Resize(ref _sizes, Math.Max(_sizes.Length * 2, _strata.Count));
        return stratum < _strata.Count;
    }

    private int StratumOf(PoolChunk chunk, int i)
    {
        var key = chunk.StratumText(i);
        var index = _strata.Find(key);
        if (index >= 0) return index;
        if (PoolRules.StratumProblem(key) is { } problem)
            throw Refused(chunk, i, "bad-stratum", $"its stratum '{Show(key)}' is refused: {problem}", $"层 '{Show(key)}' 不符合要求：{problem}");
        index = _strata.Add(key);
        if (index >= _sizes.Length) Array.Resize(ref _sizes, _sizes.Length * 2);
        return index;
    }

    /// <summary>Appends the entry's canonical line: code, TAB, stratum key, LF, in UTF-8.</summary>
    private void Line(ReadOnlySpan<byte> code, ReadOnlySpan<byte> key)
    {
        if (_linesUsed + code.Length + key.Length + 2 > _lines.Length) FlushLines();
        var line = _lines.AsSpan(_linesUsed, code.Length + key.Length + 2);
        code.CopyTo(line);
        line[code.Length] = (byte)'\t';
        key.CopyTo(line[(code.Length + 1)..]);
        line[^1] = (byte)'\n';
        _linesUsed += line.Length;
    }

    private void Line(PoolChunk chunk, int i) => Line(chunk.Code(i), _strata.Key(chunk.Strata[i]));

    private void FlushLines()
    {
        _digest.AppendData(_lines, 0, _linesUsed);
        _linesUsed = 0;
    }

    /// <summary>Every entry as (chunk &lt;&lt; 16 | index), in credit-code order; refuses a duplicate.</summary>
    private long[] SortedOrder()
    {
        var order = new long[Count];
        var n = 0;
        foreach (var chunk in _chunks)
            for (var i = 0; i < chunk.Count; i++) order[n++] = (long)chunk.Number << 16 | (uint)i;
        var chunks = _chunks;
        Array.Sort(order, (a, b) => chunks[(int)(a >> 16)].Code((int)(a & 0xFFFF)).SequenceCompareTo(chunks[(int)(b >> 16)].Code((int)(b & 0xFFFF))));
        for (var k = 1; k < order.Length; k++)
        {
            var code = chunks[(int)(order[k] >> 16)].Code((int)(order[k] & 0xFFFF));
            if (code.SequenceEqual(chunks[(int)(order[k - 1] >> 16)].Code((int)(order[k - 1] & 0xFFFF)))) throw Duplicate(code);
        }
        return order;
    }

    private static DrawException Duplicate(ReadOnlySpan<byte> code) =>
        new("duplicate-code", $"Credit code {Show(code)} is in the pool twice.", $"统一社会信用代码 {Show(code)} 在名录中出现了两次。");

    private static DrawException Refused(PoolChunk chunk, int i, string code, string english, string chinese)
    {
        var entry = (long)chunk.Number * PoolChunk.Capacity + i + 1;
        return new DrawException(code, $"Pool entry {entry:N0} is refused: {english}.", $"名录第 {entry} 条不符合要求：{chinese}。");
    }

    private static string Show(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes).ReplaceLineEndings("\\n").Replace("\t", "\\t");

    public void Dispose()
    {
        if (!_toCheck.IsAddingCompleted) _toCheck.CompleteAdding();
        _checker.Wait();
        _ranker.Wait();
        _toCheck.Dispose();
        _toRank.Dispose();
        _digest.Dispose();
    }
}

/// <summary>An entity of the pool: its credit code and the key of its stratum (risk class first, e.g. "C|F|330702001").</summary>
public readonly record struct PoolEntry(string CreditCode, string Stratum);
