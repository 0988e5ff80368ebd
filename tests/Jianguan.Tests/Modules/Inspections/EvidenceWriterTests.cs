using System.Runtime.InteropServices;
using Jianguan.Web.Modules.Inspections;

namespace Jianguan.Tests.Modules.Inspections;

/// <summary>
/// The evidence file writer, with direct I/O and through the page cache: the file holds exactly the bytes appended,
/// whatever their length against the disk's blocks and the writer's buffer, in whatever pieces they arrive.
/// </summary>
public sealed class EvidenceWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jianguan-evidence-writer-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    public static TheoryData<bool, int> Sizes()
    {
        var data = new TheoryData<bool, int>();
        foreach (var direct in new[] { true, false })
            foreach (var size in new[] { 1, 511, 4095, 4096, 4097, EvidenceWriter.BufferBytes - 1, EvidenceWriter.BufferBytes, EvidenceWriter.BufferBytes + 1, 2 * 1024 * 1024 + 123 })
                data.Add(direct, size);
        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_file_holds_exactly_the_bytes_appended(bool direct, int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        var path = Path.Combine(_folder, $"{direct}-{size}");
        using (var writer = EvidenceWriter.Create(path, direct))
        {
            // In the uneven pieces a network delivers: a block of Kestrel's, then a few bytes, and again.
            for (var at = 0; at < size;)
            {
                var piece = Math.Min(size - at, at % 2 == 0 ? 65536 : 7);
                writer.Append(bytes.AsSpan(at, piece));
                at += piece;
            }
            Assert.Equal(size, writer.Length);
            writer.Finish();
        }
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_writer_says_truly_whether_its_file_is_open_for_direct_io()
    {
        foreach (var direct in new[] { true, false })
        {
            var path = Path.Combine(_folder, $"flag-{direct}");
            using (var writer = EvidenceWriter.Create(path, direct))
            {
                writer.Append([0xFF, 0xD8, 0xFF]);
                if (!direct) Assert.False(writer.Direct);
                // The disk file systems all take it (tmpfs and some others do not: there the cache is used).
                else if (OperatingSystem.IsLinux() && new DriveInfo(_folder).DriveFormat is "ext4" or "xfs" or "btrfs") Assert.True(writer.Direct);
                if (OperatingSystem.IsLinux())
                {
                    // The open file's flags as the kernel reports them (octal; O_DIRECT is 040000 on x64, 0200000 on arm64).
                    var flags = OpenFlags(path);
                    var flag = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x10000 : 0x4000;
                    Assert.Equal(writer.Direct, (flags & flag) != 0);
                }
                writer.Finish();
            }
            Assert.Equal([0xFF, 0xD8, 0xFF], File.ReadAllBytes(path));
        }
    }

    [Fact]
    public void A_writer_never_replaces_an_existing_file()
    {
        var path = Path.Combine(_folder, "existing");
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Throws<IOException>(() => EvidenceWriter.Create(path, true));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
    }

    [Fact]
    public void A_folder_is_flushed_and_a_missing_one_is_an_error_not_a_silence()
    {
        EvidenceWriter.FlushFolder(_folder);
        if (OperatingSystem.IsLinux()) Assert.Throws<IOException>(() => EvidenceWriter.FlushFolder(Path.Combine(_folder, "missing")));
    }

    [Fact]
    public void Uploads_abandoned_a_day_ago_are_removed_and_nothing_else()
    {
        var old = Path.Combine(_folder, ".upload-old");
        var recent = Path.Combine(_folder, ".upload-recent");
        var stored = Path.Combine(_folder, "ab12");
        foreach (var path in new[] { old, recent, stored }) File.WriteAllBytes(path, [1]);
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-2));
        File.SetLastWriteTimeUtc(stored, DateTime.UtcNow.AddDays(-2));
        EvidenceStore.RemoveAbandonedUploads(_folder, DateTime.UtcNow);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
        Assert.True(File.Exists(stored));
        EvidenceStore.RemoveAbandonedUploads(Path.Combine(_folder, "missing"), DateTime.UtcNow);
    }

    private static int OpenFlags(string path)
    {
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                continue;
            }
            if (target != path) continue;
            var line = File.ReadLines($"/proc/self/fdinfo/{Path.GetFileName(fd)}").First(l => l.StartsWith("flags:", StringComparison.Ordinal));
            return Convert.ToInt32(line["flags:".Length..].Trim(), 8);
        }
        throw new InvalidOperationException($"{path} is not open");
    }
}
