using System.Security.Cryptography;
using System.Text;

namespace Jianguan.Tests.Platform.Audit;

/// <summary>
/// The audit chain's SHA-256 (<see cref="Jianguan.Integrity.Sha256"/>) calls OpenSSL's direct functions
/// where it can; it must give .NET's answer for every length, and fall back for long inputs.
/// </summary>
public sealed class Sha256Tests
{
    [Fact]
    public void Gives_the_standard_digest_for_the_FIPS_180_example_and_every_length_around_the_block_size()
    {
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        var abc = new byte[32];
        Jianguan.Integrity.Sha256.Hash("abc"u8, abc);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(abc));

        var data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("现场检查 ok; ", 9000)));
        var digest = new byte[32];
        foreach (var length in (int[])[0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 260, 4096, 65_536, 65_537, data.Length])
        {
            Jianguan.Integrity.Sha256.Hash(data.AsSpan(0, length), digest);
            Assert.Equal(SHA256.HashData(data.AsSpan(0, length)), digest);
        }
    }

    [Fact]
    public void Uses_the_direct_functions_on_Linux_where_libcrypto_is_installed()
    {
        // The benchmark figure in docs/benchmarks.md depends on it; .NET itself needs libcrypto on Linux.
        Assert.Equal(OperatingSystem.IsLinux(), Jianguan.Integrity.Sha256.IsDirect);
    }

    [Fact]
    public void Refuses_a_destination_too_short_for_the_digest()
    {
        var e = Assert.Throws<ArgumentException>(() => Jianguan.Integrity.Sha256.Hash("abc"u8, new byte[31]));
        Assert.Contains("32 bytes", e.Message);
    }
}
