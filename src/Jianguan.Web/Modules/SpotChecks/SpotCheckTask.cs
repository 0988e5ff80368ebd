using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.SpotChecks;

public enum SpotCheckTaskState
{
    Open = 1,      // 待抽取: the commitment is public, the draw not yet made
    Drawn = 2,     // 已抽取: the draw record is public, inspections under way
    Completed = 3, // 已完成: every drawn entity has a published result
}

/// <summary>How the pool is cut into strata besides the risk class, which always cuts it.</summary>
public enum Stratification
{
    RiskClass = 0,          // 按风险分类
    RiskClassIndustry = 1,  // 按风险分类 × 行业门类
    RiskClassDivision = 2,  // 按风险分类 × 乡镇（街道）
}

/// <summary>
/// 抽查任务: one executable spot check, from an annual plan or ad hoc, of one department or joint (部门联合: every
/// drawn entity gets one combined visit checking every participating department's items). When it is created the
/// platform draws a secret and publishes only its SHA-256 commitment, so that nobody can choose the secret after
/// seeing the pool (docs/draw-record.md).
/// </summary>
public sealed class SpotCheckTask
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public long? PlanId { get; set; }
    public SpotCheckPlan? Plan { get; set; }
    /// <summary>The department that organises the task (牵头部门); joint tasks add the others' items.</summary>
    public int LeadDepartmentId { get; set; }
    public Department? LeadDepartment { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }

    // 检查对象名录库: the registry's active entities, narrowed by these.
    /// <summary>A GB/T 4754 section letter or a code prefix ("C", "14", "1411").</summary>
    public string? IndustryCode { get; set; }
    /// <summary>A GB/T 2260 division code prefix ("330702001").</summary>
    public string? DivisionCode { get; set; }
    /// <summary>A supervision tag or special pool (专项库).</summary>
    public string? Tag { get; set; }
    public EntityType? EntityType { get; set; }

    public Stratification Stratification { get; set; }
    /// <summary>抽查比例 per risk class in basis points (500 = 5%); 0 exempts the class from this proactive check.</summary>
    public int RatioA { get; set; }
    public int RatioB { get; set; }
    public int RatioC { get; set; }
    public int RatioD { get; set; }
    public int OfficersPerEntity { get; set; } = 2;

    /// <summary>The draw's secret, 32 random bytes in hex: never shown until the draw publishes it.</summary>
    public string Secret { get; set; } = "";
    /// <summary>SHA-256 of the secret, public from the task's creation.</summary>
    public string Commitment { get; set; } = "";
    public DateTime CommittedAtUtc { get; set; }

    public SpotCheckTaskState State { get; set; } = SpotCheckTaskState.Open;
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public List<SpotCheckTaskItem> Items { get; set; } = [];

    public bool IsJoint => Items.Select(i => i.DepartmentId).Distinct().Count() > 1;

    public IReadOnlyList<int> DepartmentIds => [.. Items.Select(i => i.DepartmentId).Distinct().OrderBy(d => d == LeadDepartmentId ? 0 : 1).ThenBy(d => d)];

    public IReadOnlyDictionary<string, int> Ratios => new Dictionary<string, int> { ["A"] = RatioA, ["B"] = RatioB, ["C"] = RatioC, ["D"] = RatioD };

    public static string StateName(SpotCheckTaskState s) => s switch
    {
        SpotCheckTaskState.Open => "待抽取",
        SpotCheckTaskState.Drawn => "检查中",
        SpotCheckTaskState.Completed => "已完成",
        _ => s.ToString(),
    };

    public static string StratificationName(Stratification s) => s switch
    {
        Stratification.RiskClass => "按信用风险分类",
        Stratification.RiskClassIndustry => "按信用风险分类 × 行业门类",
        Stratification.RiskClassDivision => "按信用风险分类 × 乡镇（街道）",
        _ => s.ToString(),
    };
}

/// <summary>
/// One item of a task's 抽查事项清单: a catalog item of a participating department, by the checklist version in
/// force when the task was made (the form and the record keep pointing to it), and the qualification its officers need.
/// </summary>
public sealed class SpotCheckTaskItem
{
    public long Id { get; set; }
    public long TaskId { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public int ChecklistId { get; set; }
    public string ItemCode { get; set; } = "";
    public string ItemName { get; set; } = "";
    /// <summary>A qualification every officer sent for this item must hold (食品安全 …), or empty.</summary>
    public string RequiredQualification { get; set; } = "";
}

internal sealed class SpotCheckTaskConfiguration : IEntityTypeConfiguration<SpotCheckTask>
{
    public void Configure(EntityTypeBuilder<SpotCheckTask> b)
    {
        b.ToTable("spot_check_tasks");
        b.HasOne(t => t.Plan).WithMany().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.LeadDepartment).WithMany().HasForeignKey(t => t.LeadDepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.Items).WithOne().HasForeignKey(i => i.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.LeadDepartmentId, t.State });
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.IndustryCode).HasMaxLength(5);
        b.Property(t => t.DivisionCode).HasMaxLength(12);
        b.Property(t => t.Tag).HasMaxLength(32);
        b.Property(t => t.Secret).HasMaxLength(64);
        b.Property(t => t.Commitment).HasMaxLength(64);
        b.Property(t => t.CreatedBy).HasMaxLength(64);
        b.Ignore(t => t.IsJoint);
        b.Ignore(t => t.DepartmentIds);
        b.Ignore(t => t.Ratios);
    }
}

internal sealed class SpotCheckTaskItemConfiguration : IEntityTypeConfiguration<SpotCheckTaskItem>
{
    public void Configure(EntityTypeBuilder<SpotCheckTaskItem> b)
    {
        b.ToTable("spot_check_task_items");
        b.HasOne(i => i.Department).WithMany().HasForeignKey(i => i.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Catalog.InspectionChecklist>().WithMany().HasForeignKey(i => i.ChecklistId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.TaskId, i.ItemCode }).IsUnique();
        b.Property(i => i.ItemCode).HasMaxLength(32);
        b.Property(i => i.ItemName).HasMaxLength(200);
        b.Property(i => i.RequiredQualification).HasMaxLength(32);
    }
}
