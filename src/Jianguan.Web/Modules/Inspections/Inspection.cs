using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Modules.SpotChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Inspections;

/// <summary>Why an inspection happens: a drawn spot check, a re-inspection of an order, a complaint, or the officer's own decision.</summary>
public enum InspectionKind
{
    SpotCheck = 1,     // 双随机抽查
    ReInspection = 2,  // 复查
    Complaint = 3,     // 投诉举报核查
    AdHoc = 4,         // 日常检查
}

/// <summary>Where an inspection was recorded: on the phone (掌上执法) or entered afterwards at a desk.</summary>
public enum InspectionChannel
{
    Mobile = 1,
    Desk = 2,
}

/// <summary>One point's result on the form.</summary>
public enum PointResult
{
    Compliant = 1,      // 符合
    NotCompliant = 2,   // 不符合
    NotApplicable = 3,  // 不适用
}

/// <summary>
/// 检查记录: one visit to one entity by two officers, on the form generated from the checklist versions of the items
/// checked, with its evidence and signatures. Made once per <see cref="ClientId"/>, the key the phone chose when the
/// officer finished it, so that a retried or duplicated upload finds the record instead of making a second one.
/// </summary>
public sealed class Inspection
{
    public long Id { get; set; }
    public Guid ClientId { get; set; }
    public InspectionKind Kind { get; set; }
    public InspectionChannel Channel { get; set; }
    public long EntityId { get; set; }
    public SupervisedEntity? Entity { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    /// <summary>The spot-check task and drawn entity this visit serves, for <see cref="InspectionKind.SpotCheck"/>.</summary>
    public long? TaskId { get; set; }
    public long? DrawnEntityId { get; set; }
    /// <summary>The order this visit re-inspects, for <see cref="InspectionKind.ReInspection"/>.</summary>
    public long? RectificationOrderId { get; set; }
    /// <summary>The complaint or report this visit checks when a department head assigned it (<see cref="InspectionAssignment"/>).</summary>
    public long? AssignmentId { get; set; }
    public int FirstOfficerId { get; set; }
    public Officer? FirstOfficer { get; set; }
    public int SecondOfficerId { get; set; }
    public Officer? SecondOfficer { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public DateTime FinishedAtUtc { get; set; }
    public string Place { get; set; } = "";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public InspectionOutcome Outcome { get; set; }
    public FollowUp FollowUp { get; set; }
    public string Summary { get; set; } = "";
    /// <summary>The person who received the officers for the entity (法定代表人 or 委托人).</summary>
    public string PartyName { get; set; } = "";
    public bool PartyRefusedToSign { get; set; }
    public string PartyRefusalNote { get; set; } = "";
    public DateTime ReceivedAtUtc { get; set; }
    public string RecordedBy { get; set; } = "";
    public List<InspectionPoint> Points { get; set; } = [];
    public List<Evidence> Evidence { get; set; } = [];

    public static string KindName(InspectionKind k) => k switch
    {
        InspectionKind.SpotCheck => "双随机抽查",
        InspectionKind.ReInspection => "复查",
        InspectionKind.Complaint => "投诉举报核查",
        InspectionKind.AdHoc => "日常检查",
        _ => k.ToString(),
    };

    public static string ResultName(PointResult r) => r switch
    {
        PointResult.Compliant => "符合",
        PointResult.NotCompliant => "不符合",
        PointResult.NotApplicable => "不适用",
        _ => r.ToString(),
    };
}

/// <summary>One point of the generated form, copied from its checklist version so the record reads the same after the catalog changes.</summary>
public sealed class InspectionPoint
{
    public long Id { get; set; }
    public long InspectionId { get; set; }
    public int ChecklistId { get; set; }
    public int PointId { get; set; }
    public string ItemCode { get; set; } = "";
    public int Number { get; set; }
    public string Content { get; set; } = "";
    public bool IsMajor { get; set; }
    public PointResult Result { get; set; }
    public string Note { get; set; } = "";
}

public enum EvidenceKind
{
    Photo = 1,
    File = 2,
    /// <summary>A signature drawn on the screen (officers' and the party's).</summary>
    Signature = 3,
}

/// <summary>
/// 证据: a photo, file or signature, uploaded on its own before the inspection that cites it. The bytes are kept
/// outside the database, named by their SHA-256, which the phone computed and the server checked on arrival.
/// </summary>
public sealed class Evidence
{
    public long Id { get; set; }
    public Guid ClientId { get; set; }
    public long? InspectionId { get; set; }
    public EvidenceKind Kind { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public DateTime TakenAtUtc { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public DateTime ReceivedAtUtc { get; set; }
    public string UploadedBy { get; set; } = "";
    /// <summary>Whose signature it is ("first", "second", "party"), for signatures.</summary>
    public string Signer { get; set; } = "";
}

/// <summary>责令改正: what the entity must correct by when, and the re-inspection that closes it.</summary>
public sealed class RectificationOrder
{
    public long Id { get; set; }
    public long InspectionId { get; set; }
    public long EntityId { get; set; }
    public SupervisedEntity? Entity { get; set; }
    public int DepartmentId { get; set; }
    public string Requirement { get; set; } = "";
    public DateOnly IssuedOn { get; set; }
    public int WorkingDays { get; set; }
    /// <summary>The deadline by the working-day calendar; the re-inspection is due on it.</summary>
    public DateOnly DueOn { get; set; }
    public long? ReInspectionId { get; set; }
    public DateOnly? ClosedOn { get; set; }
}

/// <summary>案源 / 线索: a finding handed to the penalty case module.</summary>
public sealed class CaseLead
{
    public long Id { get; set; }
    public long? InspectionId { get; set; }
    public long EntityId { get; set; }
    public SupervisedEntity? Entity { get; set; }
    public int DepartmentId { get; set; }
    public string Facts { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
}

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> b)
    {
        b.ToTable("inspections");
        b.HasIndex(i => i.ClientId).IsUnique();
        b.HasIndex(i => new { i.EntityId, i.FinishedAtUtc });
        b.HasIndex(i => new { i.DepartmentId, i.FinishedAtUtc });
        b.HasIndex(i => i.DrawnEntityId);
        b.HasOne(i => i.Entity).WithMany().HasForeignKey(i => i.EntityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.Department).WithMany().HasForeignKey(i => i.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.FirstOfficer).WithMany().HasForeignKey(i => i.FirstOfficerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.SecondOfficer).WithMany().HasForeignKey(i => i.SecondOfficerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SpotCheckTask>().WithMany().HasForeignKey(i => i.TaskId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DrawnEntity>().WithMany().HasForeignKey(i => i.DrawnEntityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RectificationOrder>().WithMany().HasForeignKey(i => i.RectificationOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InspectionAssignment>().WithMany().HasForeignKey(i => i.AssignmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Points).WithOne().HasForeignKey(p => p.InspectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Evidence).WithOne().HasForeignKey(e => e.InspectionId).OnDelete(DeleteBehavior.Restrict);
        b.Property(i => i.Place).HasMaxLength(200);
        b.Property(i => i.Summary).HasMaxLength(2000);
        b.Property(i => i.PartyName).HasMaxLength(100);
        b.Property(i => i.PartyRefusalNote).HasMaxLength(500);
        b.Property(i => i.RecordedBy).HasMaxLength(64);
    }
}

internal sealed class InspectionPointConfiguration : IEntityTypeConfiguration<InspectionPoint>
{
    public void Configure(EntityTypeBuilder<InspectionPoint> b)
    {
        b.ToTable("inspection_points");
        b.HasOne<InspectionChecklist>().WithMany().HasForeignKey(p => p.ChecklistId).OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.ItemCode).HasMaxLength(64);
        b.Property(p => p.Content).HasMaxLength(1000);
        b.Property(p => p.Note).HasMaxLength(500);
    }
}

internal sealed class EvidenceConfiguration : IEntityTypeConfiguration<Evidence>
{
    public void Configure(EntityTypeBuilder<Evidence> b)
    {
        b.ToTable("evidence");
        b.HasIndex(e => e.ClientId).IsUnique();
        b.HasIndex(e => e.Sha256);
        b.Property(e => e.FileName).HasMaxLength(200);
        b.Property(e => e.ContentType).HasMaxLength(100);
        b.Property(e => e.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(e => e.UploadedBy).HasMaxLength(64);
        b.Property(e => e.Signer).HasMaxLength(16);
    }
}

internal sealed class RectificationOrderConfiguration : IEntityTypeConfiguration<RectificationOrder>
{
    public void Configure(EntityTypeBuilder<RectificationOrder> b)
    {
        b.ToTable("rectification_orders");
        b.HasIndex(o => new { o.DepartmentId, o.ClosedOn, o.DueOn });
        b.HasIndex(o => o.InspectionId);
        b.HasOne<Inspection>().WithMany().HasForeignKey(o => o.InspectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(o => o.Entity).WithMany().HasForeignKey(o => o.EntityId).OnDelete(DeleteBehavior.Restrict);
        b.Property(o => o.Requirement).HasMaxLength(1000);
        // Re-inspected once: closing a row another re-inspection closed meanwhile finds no row.
        b.Property(o => o.ClosedOn).IsConcurrencyToken();
    }
}

internal sealed class CaseLeadConfiguration : IEntityTypeConfiguration<CaseLead>
{
    public void Configure(EntityTypeBuilder<CaseLead> b)
    {
        b.ToTable("case_leads");
        b.HasIndex(l => new { l.DepartmentId, l.CreatedAtUtc });
        b.HasOne<Inspection>().WithMany().HasForeignKey(l => l.InspectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.Entity).WithMany().HasForeignKey(l => l.EntityId).OnDelete(DeleteBehavior.Restrict);
        b.Property(l => l.Facts).HasMaxLength(2000);
        b.Property(l => l.CreatedBy).HasMaxLength(64);
    }
}
