using Microsoft.Extensions.DependencyInjection;
using Jianguan.Web.Platform.Web;

namespace Jianguan.Tests.Platform.Web;

/// <summary>The memory Kestrel reads requests into: 64 KB blocks, reused, each lent to one reader at a time.</summary>
public sealed class LargeBlockMemoryPoolTests
{
    [Fact]
    public void Blocks_are_64_KB_and_a_returned_block_is_lent_again()
    {
        using var pool = new LargeBlockMemoryPool();
        Assert.Equal(64 * 1024, pool.MaxBufferSize);
        var first = pool.Rent();
        Assert.Equal(LargeBlockMemoryPool.BlockSize, first.Memory.Length);
        first.Memory.Span[0] = 42;
        first.Dispose();
        Assert.Equal(1, pool.Retained);
        using var second = pool.Rent(1000);
        Assert.Same(first, second);
        Assert.Equal(0, pool.Retained);
    }

    [Fact]
    public void A_block_disposed_twice_is_returned_once_and_unusable_until_lent_again()
    {
        using var pool = new LargeBlockMemoryPool();
        var block = pool.Rent();
        block.Dispose();
        block.Dispose();
        Assert.Equal(1, pool.Retained);
        Assert.Throws<ObjectDisposedException>(() => block.Memory);
        using var a = pool.Rent();
        using var b = pool.Rent();
        Assert.NotSame(a, b);
    }

    [Fact]
    public void A_request_larger_than_a_block_is_refused()
    {
        using var pool = new LargeBlockMemoryPool();
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(LargeBlockMemoryPool.BlockSize + 1));
    }

    [Fact]
    public void At_most_256_returned_blocks_are_kept()
    {
        using var pool = new LargeBlockMemoryPool();
        var blocks = Enumerable.Range(0, LargeBlockMemoryPool.MaxRetained + 10).Select(_ => pool.Rent()).ToList();
        foreach (var block in blocks) block.Dispose();
        Assert.Equal(LargeBlockMemoryPool.MaxRetained, pool.Retained);
    }

    [Fact]
    public void The_platform_gives_kestrel_this_pool()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.AddPlatformWeb();
        using var services = builder.Services.BuildServiceProvider();
        var factory = services.GetRequiredService<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>>();
        using var pool = factory.Create();
        Assert.IsType<LargeBlockMemoryPool>(pool);
    }
}
