using System.Globalization;
using System.IO.Pipelines;
using System.Security.Claims;
using System.Security.Cryptography;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Inspections;

public sealed class InspectionOptions
{
    public const string SectionName = "Inspections";

    /// <summary>Where evidence files are kept, relative to the content root unless absolute; one file per SHA-256.</summary>
    public string EvidencePath { get; set; } = "data/evidence";

    /// <summary>The largest evidence file accepted (a phone photo is 2–8 MB; the app shrinks larger ones before upload).</summary>
    public long MaxEvidenceBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>
    /// Evidence written with direct I/O where the system and file system allow it (Linux), not through the page cache
    /// (<see cref="EvidenceWriter"/>); false writes through the cache everywhere.
    /// </summary>
    public bool DirectWrites { get; set; } = true;
}

/// <summary>What the phone says of a file it uploads: the rest comes from the bytes themselves.</summary>
public sealed record EvidenceUpload(string? Kind, string? FileName, string? ContentType, string? Sha256, string? TakenAt, double? Latitude, double? Longitude, string? Signer);

/// <summary>A stored file and whether this upload stored it or found it stored by an earlier one with the same key.</summary>
public sealed record StoredEvidence(Evidence Evidence, bool Replayed);

/// <summary>
/// Receives evidence: streams the upload to a temporary file while hashing it, refuses it when it is larger than
/// allowed, when its SHA-256 is not the one the phone computed (damaged or tampered in transit), or when its bytes are
/// not of an accepted type, and only then files it under its hash and records it. The phone's key makes a retry safe:
/// the same key with the same bytes returns the first record; with other bytes it is refused.
/// </summary>
public sealed class EvidenceStore(AppDbContext db, InspectionOptions options, IWebHostEnvironment environment, TimeProvider time)
{
    /// <summary>Accepted types, each recognised by its first bytes (the declared type must agree with them).</summary>
    public static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>
    {
        ["image/jpeg"] = "JPEG 照片",
        ["image/png"] = "PNG 图片",
        ["image/webp"] = "WebP 图片",
        ["application/pdf"] = "PDF 文件",
    };

    private static readonly CompiledQuery<Guid, Evidence?> ByKey = new((db, clientId, _) => db.Set<Evidence>().AsNoTracking().FirstOrDefault(e => e.ClientId == clientId));

    public string Root => Path.GetFullPath(options.EvidencePath, environment.ContentRootPath);

    public string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256);

    public async Task<EditResult<StoredEvidence>> ReceiveAsync(ClaimsPrincipal user, Guid clientId, EvidenceUpload meta, PipeReader body, long? declaredLength, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var kind = string.IsNullOrWhiteSpace(meta.Kind) ? EvidenceKind.Photo : Credit.CreditListings.ParseEnum<EvidenceKind>(meta.Kind, "kind", "证据类别", errors);
        var claimed = meta.Sha256?.Trim().ToLowerInvariant() ?? "";
        if (claimed.Length != 64 || !claimed.All(char.IsAsciiHexDigit))
            errors.Add("sha256", "必填：手机计算的文件 SHA-256（64 位十六进制）。");
        var contentType = meta.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
        if (!Types.ContainsKey(contentType))
            errors.Add("contentType", $"不接受的文件类型“{contentType}”：只接受 {string.Join("、", Types.Values)}。");
        var takenAt = time.GetUtcNow().UtcDateTime;
        if (!string.IsNullOrWhiteSpace(meta.TakenAt))
        {
            if (DateTimeOffset.TryParse(meta.TakenAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) takenAt = t.UtcDateTime;
            else errors.Add("takenAt", $"拍摄时间“{meta.TakenAt}”无法识别，应为 ISO 8601 时间。");
        }
        if (meta.Latitude is < -90 or > 90) errors.Add("latitude", "纬度应在 -90 到 90 之间。");
        if (meta.Longitude is < -180 or > 180) errors.Add("longitude", "经度应在 -180 到 180 之间。");
        var signer = meta.Signer?.Trim() ?? "";
        if (kind == EvidenceKind.Signature && signer is not ("first" or "second" or "party"))
            errors.Add("signer", "签名须注明签名人：first（第一名执法人员）、second（第二名执法人员）或 party（当事人）。");
        var fileName = Path.GetFileName(meta.FileName?.Trim() ?? "");
        if (fileName.Length > 200) fileName = fileName[^200..];
        if (declaredLength > options.MaxEvidenceBytes) return TooLarge(declaredLength.Value);
        if (errors.Any) return new EditResult<StoredEvidence>.Invalid(errors.ToDictionary());

        var existing = await ByKey.RunAsync(db, clientId, ct);
        if (existing is not null) return Replay(existing, claimed);

        // Stream to a temporary file in the same folder tree, hashing as it goes, so a large upload never sits in memory.
        var temporary = Path.Combine(Root, $".upload-{Guid.NewGuid():N}");
        long size = 0;
        byte[] head = new byte[16];
        var headLength = 0;
        string actual;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using (var file = Create(temporary))
            {
                // Hashed and copied into the writer's aligned buffer straight from the request's own buffers
                // (Kestrel's 64 KB blocks), which go back to Kestrel at once.
                while (true)
                {
                    var read = await body.ReadAsync(ct);
                    var buffer = read.Buffer;
                    if (file.Length + buffer.Length > options.MaxEvidenceBytes)
                    {
                        body.AdvanceTo(buffer.End);
                        return TooLarge(file.Length + buffer.Length);
                    }
                    foreach (var segment in buffer)
                    {
                        if (headLength < head.Length)
                        {
                            var take = Math.Min(segment.Length, head.Length - headLength);
                            segment.Span[..take].CopyTo(head.AsSpan(headLength));
                            headLength += take;
                        }
                        hash.AppendData(segment.Span);
                        file.Append(segment.Span);
                    }
                    body.AdvanceTo(buffer.End);
                    if (read.IsCompleted) break;
                }
                // On the disk before the phone hears "stored" and lets its copy go.
                file.Finish();
                size = file.Length;
            }
            actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (size == 0) return Invalid("file", "文件为空。");
            if (actual != claimed)
                return Invalid("sha256", $"文件的 SHA-256 与手机计算的不一致（收到 {size} 字节，SHA-256 {actual}）：文件在传输中损坏或被改动，未保存。请重新上传。");
            if (Sniff(head.AsSpan(0, headLength)) is not { } sniffed || sniffed != contentType)
                return Invalid("contentType", $"文件内容不是声明的{Types[contentType]}，未保存。");
            var final = PathOf(actual);
            // Content-addressed: the same bytes uploaded twice (two keys) share one file. Two uploads of them at once
            // may both find it missing: the second rename replaces the first's file with the same, checked bytes.
            if (!File.Exists(final)) MoveMakingFolder(temporary, final);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }

        var evidence = new Evidence
        {
            ClientId = clientId, Kind = kind!.Value, FileName = fileName.Length > 0 ? fileName : $"{clientId:N}", ContentType = contentType, Size = size,
            Sha256 = actual, TakenAtUtc = takenAt, Latitude = meta.Latitude, Longitude = meta.Longitude, ReceivedAtUtc = time.GetUtcNow().UtcDateTime,
            UploadedBy = user.Identity?.Name ?? "", Signer = kind == EvidenceKind.Signature ? signer : "",
        };
        db.Add(evidence);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same key arrived twice at once: the other request stored it.
            db.Entry(evidence).State = EntityState.Detached;
            existing = await ByKey.RunAsync(db, clientId, ct);
            if (existing is null) throw;
            return Replay(existing, claimed);
        }
        return new EditResult<StoredEvidence>.Saved(new StoredEvidence(evidence, false));
    }

    // The folders are made when a file finds them missing, not before every upload (two mkdir calls each, measurable).
    private EvidenceWriter Create(string temporary)
    {
        try
        {
            return EvidenceWriter.Create(temporary, options.DirectWrites);
        }
        catch (DirectoryNotFoundException)
        {
            Directory.CreateDirectory(Root);
            return EvidenceWriter.Create(temporary, options.DirectWrites);
        }
    }

    /// <summary>Moves the checked file to its name, and flushes the name (and a folder made for it) to the disk.</summary>
    private void MoveMakingFolder(string from, string to)
    {
        var folder = Path.GetDirectoryName(to)!;
        try
        {
            File.Move(from, to, overwrite: true);
        }
        catch (DirectoryNotFoundException)
        {
            Directory.CreateDirectory(folder);
            File.Move(from, to, overwrite: true);
            EvidenceWriter.FlushFolder(Root);
        }
        EvidenceWriter.FlushFolder(folder);
    }

    /// <summary>
    /// Removes what uploads interrupted by a crash left (their temporary files), a day on: an upload in progress,
    /// here or in another instance sharing the folder, is never that old.
    /// </summary>
    public static void RemoveAbandonedUploads(string root, DateTime nowUtc)
    {
        if (!Directory.Exists(root)) return;
        foreach (var file in Directory.EnumerateFiles(root, ".upload-*"))
            if (File.GetLastWriteTimeUtc(file) < nowUtc.AddDays(-1)) File.Delete(file);
    }

    /// <summary>The bytes of a stored file, checked against their hash so a file changed on disk is never served as evidence.</summary>
    public async Task<byte[]?> ReadAsync(Evidence evidence, CancellationToken ct)
    {
        var path = PathOf(evidence.Sha256);
        if (!File.Exists(path)) return null;
        var bytes = await File.ReadAllBytesAsync(path, ct);
        return Convert.ToHexStringLower(SHA256.HashData(bytes)) == evidence.Sha256 ? bytes : null;
    }

    /// <summary>Refused for its size, under the field <c>size</c>, which the endpoint answers with 413.</summary>
    private EditResult<StoredEvidence> TooLarge(long size) => new EditResult<StoredEvidence>.Invalid(new()
    {
        ["size"] = [$"文件过大：{size / 1024.0 / 1024.0:F1} MB 以上，上限 {options.MaxEvidenceBytes / 1024.0 / 1024.0:F0} MB，未保存。"],
    });

    private static EditResult<StoredEvidence> Invalid(string field, string message) => new EditResult<StoredEvidence>.Invalid(new() { [field] = [message] });

    private static EditResult<StoredEvidence> Replay(Evidence existing, string claimed) => existing.Sha256 == claimed
        ? new EditResult<StoredEvidence>.Saved(new StoredEvidence(existing, true))
        : new EditResult<StoredEvidence>.Conflict("clientId", $"编号 {existing.ClientId} 的证据已以另一内容（SHA-256 {existing.Sha256}）上传，不能替换。");

    /// <summary>The type the first bytes show, or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (head.StartsWith("%PDF-"u8)) return "application/pdf";
        return null;
    }
}
