using System.Text.Json.Serialization;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Credit;

/// <summary>What a credit record says about the entity.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CreditRecordKind>))] // by name in the API, as in the stored model
public enum CreditRecordKind
{
    Penalty = 1,                 // 行政处罚
    AbnormalListing = 2,         // 列入经营异常名录
    SeriousViolationListing = 3, // 列入严重违法失信名单
    AnnualReportOnTime = 4,      // 按时报送年报
    AnnualReportLate = 5,        // 逾期补报年报
    AnnualReportMissing = 6,     // 未报送年报
    CommitmentMade = 7,          // 作出信用承诺
    CommitmentKept = 8,          // 履行信用承诺
    CommitmentBroken = 9,        // 违背信用承诺
    InspectionCompliant = 10,    // 检查未发现问题
    InspectionNonCompliant = 11, // 检查发现问题
    Complaint = 12,              // 投诉举报（经查属实）
    Other = 99,                  // 其他部门推送的其他信用信息
}

/// <summary>How grave a record is (失信程度), which sets its publicity and repair periods (LEGAL-RULES.md §5).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CreditSeverity>))] // by name in the API, as in the stored model
public enum CreditSeverity
{
    None = 0,    // not a dishonesty record (an annual report on time, a kept commitment)
    Minor = 1,   // 轻微
    General = 2, // 一般
    Serious = 3, // 严重
}

/// <summary>How a record reached the platform.</summary>
public enum CreditRecordSource
{
    Platform = 1, // written by the platform's own workflows (lists, annual reports, inspections)
    Entered = 2,  // entered by staff
    Received = 3, // received from another department or system (API or import)
}

/// <summary>
/// One fact in an entity's credit record (信用记录), from any source, with who issued it and how long it is public.
/// Publicity ends at <see cref="PublicUntil"/>, or earlier when <see cref="PublicityEndedOn"/> is set (a repair,
/// a removal from a list). The record itself stays: the risk class and the history still see it.
/// </summary>
public sealed class CreditRecord
{
    public long Id { get; set; }
    public long EntityId { get; set; }
    public SupervisedEntity? Entity { get; set; }
    public CreditRecordKind Kind { get; set; }
    public CreditSeverity Severity { get; set; }
    public string Title { get; set; } = "";
    public string? Detail { get; set; }
    /// <summary>The decision's number (文号) where there is one: 婺市监处罚〔2026〕12号.</summary>
    public string? DecisionNumber { get; set; }
    public DateOnly OccurredOn { get; set; }
    /// <summary>The issuing department when it is one of the platform's; otherwise <see cref="IssuedBy"/> names it.</summary>
    public int? DepartmentId { get; set; }
    public Department? Department { get; set; }
    public string IssuedBy { get; set; } = "";
    public CreditRecordSource Source { get; set; }
    /// <summary>The sending system's own key of a received record: the same record sent twice is stored once.</summary>
    public string? SourceKey { get; set; }
    /// <summary>Public from this day; null for a record that is never public (internal, or 轻微 under the 2026 rules).</summary>
    public DateOnly? PublicFrom { get; set; }
    public DateOnly? PublicUntil { get; set; }
    public DateOnly? PublicityEndedOn { get; set; }
    public string? PublicityEndReason { get; set; }
    /// <summary>The listing this record reports, for records the lists write.</summary>
    public long? ListingId { get; set; }
    public DateTime RecordedAtUtc { get; set; }

    public bool IsPublicOn(DateOnly date) => IsPublic(PublicFrom, PublicUntil, PublicityEndedOn, date);

    /// <summary>Whether a record with these publicity dates is public on <paramref name="date"/>: from its first day, to its last, before an early end.</summary>
    public static bool IsPublic(DateOnly? publicFrom, DateOnly? publicUntil, DateOnly? publicityEndedOn, DateOnly date) =>
        publicFrom is { } from && from <= date && (publicUntil is not { } until || date <= until)
        && (publicityEndedOn is not { } ended || date < ended);
}

internal sealed class CreditRecordConfiguration : IEntityTypeConfiguration<CreditRecord>
{
    public void Configure(EntityTypeBuilder<CreditRecord> b)
    {
        b.ToTable("credit_records");
        b.HasOne(r => r.Entity).WithMany().HasForeignKey(r => r.EntityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Department).WithMany().HasForeignKey(r => r.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.Title).HasMaxLength(128);
        b.Property(r => r.Detail).HasMaxLength(2000);
        b.Property(r => r.DecisionNumber).HasMaxLength(64);
        b.Property(r => r.IssuedBy).HasMaxLength(64);
        b.Property(r => r.SourceKey).HasMaxLength(64);
        b.Property(r => r.PublicityEndReason).HasMaxLength(256);
        // Reclassification reads every entity's records in entity order; the record page reads one entity's by date.
        b.HasIndex(r => new { r.EntityId, r.OccurredOn });
        // For reclassification, which reads only the kinds its model counts, entity range by entity range: the index
        // finds those rows without walking the others (most records are kinds no factor counts).
        b.HasIndex(r => new { r.Kind, r.EntityId, r.OccurredOn });
        b.HasIndex(r => new { r.IssuedBy, r.SourceKey }).IsUnique();
    }
}
