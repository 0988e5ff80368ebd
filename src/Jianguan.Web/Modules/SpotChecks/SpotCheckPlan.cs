using Jianguan.Web.Modules.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.SpotChecks;

public enum SpotCheckPlanState
{
    Draft = 1,     // 草拟
    Reported = 2,  // 已报送上级
    Completed = 3, // 已完成
}

/// <summary>
/// A department's annual spot-check plan (年度抽查计划), reported to the next level up (国市监信〔2019〕38号), with the
/// department's working rules (细则) attached: the fourth part of 一单两库一细则.
/// </summary>
public sealed class SpotCheckPlan
{
    public long Id { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public int Year { get; set; }
    public string Name { get; set; } = "";
    /// <summary>范围及比例: what the plan covers, as the department writes it.</summary>
    public string Scope { get; set; } = "";
    /// <summary>抽查工作细则: the department's rules for its spot checks, as text.</summary>
    public string Rules { get; set; } = "";
    public SpotCheckPlanState State { get; set; } = SpotCheckPlanState.Draft;
    public DateTime? ReportedAtUtc { get; set; }
    public string? ReportedBy { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";

    public static string StateName(SpotCheckPlanState s) => s switch
    {
        SpotCheckPlanState.Draft => "草拟",
        SpotCheckPlanState.Reported => "已报送",
        SpotCheckPlanState.Completed => "已完成",
        _ => s.ToString(),
    };
}

/// <summary>
/// An officer's declared relationship to an entity (亲属、曾任职、持股 …): the draw never sends the officer there (回避).
/// </summary>
public sealed class OfficerConflict
{
    public long Id { get; set; }
    public int OfficerId { get; set; }
    public Officer? Officer { get; set; }
    public long EntityId { get; set; }
    public string Relationship { get; set; } = "";
    public DateOnly DeclaredOn { get; set; }
    public string RecordedBy { get; set; } = "";
}

internal sealed class SpotCheckPlanConfiguration : IEntityTypeConfiguration<SpotCheckPlan>
{
    public void Configure(EntityTypeBuilder<SpotCheckPlan> b)
    {
        b.ToTable("spot_check_plans");
        b.HasOne(p => p.Department).WithMany().HasForeignKey(p => p.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.DepartmentId, p.Year });
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Scope).HasMaxLength(2000);
        b.Property(p => p.Rules).HasMaxLength(20000);
        b.Property(p => p.ReportedBy).HasMaxLength(64);
        b.Property(p => p.CreatedBy).HasMaxLength(64);
    }
}

internal sealed class OfficerConflictConfiguration : IEntityTypeConfiguration<OfficerConflict>
{
    public void Configure(EntityTypeBuilder<OfficerConflict> b)
    {
        b.ToTable("officer_conflicts");
        b.HasOne(c => c.Officer).WithMany().HasForeignKey(c => c.OfficerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Registry.SupervisedEntity>().WithMany().HasForeignKey(c => c.EntityId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.EntityId, c.OfficerId }).IsUnique();
        b.Property(c => c.Relationship).HasMaxLength(200);
        b.Property(c => c.RecordedBy).HasMaxLength(64);
    }
}
