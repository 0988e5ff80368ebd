using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections;

namespace Jianguan.Web.Platform.Web;

/// <summary>
/// The memory Kestrel reads requests into and writes responses from, in blocks of <see cref="BlockSize"/> bytes.
/// Kestrel's own pool hands out 4 KB blocks, and its socket transport receives into one block at a time: a phone's
/// 2 MB photo arrived in about a thousand receive calls (2 KB on average, each with its wake-up through the thread
/// pool): 283,000 receive calls in 3 s of sync, 28,000 with 64 KB blocks (docs/benchmarks.md, sync throughput).
/// Kestrel takes the pool from this factory (ASP.NET Core 10's
/// <see cref="IMemoryPoolFactory{T}"/>, resolved from the services).
/// </summary>
public sealed class LargeBlockMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new LargeBlockMemoryPool();
}

/// <summary>
/// Pinned blocks of one size, kept for reuse when returned (up to <see cref="MaxRetained"/>, 16 MB; more are left to
/// the collector, so a burst does not hold its memory for ever). Pinned because the transport hands them to the
/// socket: pinning them at each receive would cost a GC handle each time.
/// </summary>
public sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    public const int BlockSize = 64 * 1024;
    public const int MaxRetained = 256;

    private readonly ConcurrentQueue<Block> _free = new();
    private int _retained;
    private volatile bool _disposed;

    public override int MaxBufferSize => BlockSize;

    /// <summary>How many returned blocks wait for reuse (for tests).</summary>
    public int Retained => Volatile.Read(ref _retained);

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        if (_free.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref _retained);
            block.Lease();
            return block;
        }
        return new Block(this);
    }

    private void Return(Block block)
    {
        if (_disposed) return;
        if (Interlocked.Increment(ref _retained) > MaxRetained)
        {
            Interlocked.Decrement(ref _retained);
            return;
        }
        _free.Enqueue(block);
    }

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _free.Clear();
    }

    private sealed class Block : IMemoryOwner<byte>
    {
        private readonly LargeBlockMemoryPool _pool;
        private readonly Memory<byte> _memory;
        private int _leased = 1;

        public Block(LargeBlockMemoryPool pool)
        {
            _pool = pool;
            _memory = MemoryMarshal.CreateFromPinnedArray(GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true), 0, BlockSize);
        }

        public Memory<byte> Memory => Volatile.Read(ref _leased) == 1 ? _memory : throw new ObjectDisposedException(nameof(Block), "内存块已归还。");

        public void Lease() => Volatile.Write(ref _leased, 1);

        // Returned once however often disposed: a second return would lend one block to two readers.
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _leased, 0) == 1) _pool.Return(this);
        }
    }
}
