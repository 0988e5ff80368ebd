using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Registry;

public enum ImportJobStatus
{
    Queued = 1,
    Running = 2,
    Completed = 3,
    Failed = 4,
}

/// <summary>
/// A registry import running in the background: a province's file of millions of rows takes minutes, longer
/// than a request should wait. The row records who imported which file and how it ended; the progress while
/// it runs is kept in memory by <see cref="ImportProgressBoard"/> on the instance that runs it.
/// </summary>
public sealed class ImportJob
{
    public Guid Id { get; set; }
    public string FileName { get; set; } = "";
    public long FileBytes { get; set; }
    public ImportMode Mode { get; set; }
    public ImportJobStatus Status { get; set; } = ImportJobStatus.Queued;
    public string? CreatedById { get; set; }
    public string CreatedByName { get; set; } = "";
    public int? DepartmentId { get; set; }
    /// <summary>The machine that holds the uploaded file and runs the import.</summary>
    public string Host { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    /// <summary>The <see cref="ImportReport"/> as JSON once the import has run.</summary>
    public string? Report { get; set; }
    /// <summary>Why the file could not be imported at all.</summary>
    public string? Error { get; set; }

    public ImportReport? ReadReport() => Report is null ? null : JsonSerializer.Deserialize<ImportReport>(Report, JsonSerializerOptions.Web);
}

/// <summary>An import job as the API and the page show it.</summary>
public sealed record ImportJobDto(
    Guid Id, string FileName, long FileBytes, string Mode, string Status, string StatusName, string CreatedBy, DateTime CreatedAtUtc,
    DateTime? FinishedAtUtc, int? RowsRead, int? Percent, ImportReport? Report, string? Error)
{
    public bool IsFinished => Status is nameof(ImportJobStatus.Completed) or nameof(ImportJobStatus.Failed);

    public static ImportJobDto From(ImportJob job, ImportProgress? progress)
    {
        var report = job.ReadReport();
        return new(job.Id, job.FileName, job.FileBytes, job.Mode.ToString(), job.Status.ToString(), NameOf(job.Status), job.CreatedByName,
            job.CreatedAtUtc, job.FinishedAtUtc, progress?.RowsRead ?? report?.Rows,
            job.Status == ImportJobStatus.Completed ? 100 : progress is { BytesTotal: > 0 } p ? (int)(p.BytesRead * 100 / p.BytesTotal) : null,
            report, job.Error);
    }

    private static string NameOf(ImportJobStatus status) => status switch
    {
        ImportJobStatus.Queued => "排队中",
        ImportJobStatus.Running => "导入中",
        ImportJobStatus.Completed => "已完成",
        _ => "失败",
    };
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> b)
    {
        b.ToTable("import_jobs");
        b.Property(j => j.FileName).HasMaxLength(256);
        b.Property(j => j.CreatedById).HasMaxLength(64);
        b.Property(j => j.CreatedByName).HasMaxLength(128);
        b.Property(j => j.Host).HasMaxLength(128);
        b.Property(j => j.Error).HasMaxLength(2000);
        b.HasIndex(j => new { j.DepartmentId, j.CreatedAtUtc });
    }
}
