using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.SpotChecks;

/// <summary>
/// 检查结果: the national result categories of 国家企业信用信息公示系统 (LEGAL-RULES.md §3; REFERENCE-SYSTEMS.md Part A §2),
/// in the order the system lists them.
/// </summary>
public enum InspectionOutcome
{
    NoProblemFound = 1,        // 未发现问题
    NotDisclosed = 2,          // 未按规定公示应当公示的信息
    FalseDisclosure = 3,       // 公示信息隐瞒真实情况、弄虚作假
    Unreachable = 4,           // 通过登记的住所（经营场所）无法联系
    RectifiedOnOrder = 5,      // 发现问题已责令改正
    PendingFollowUp = 6,       // 发现问题待后续处理
    NoRelevantActivity = 7,    // 未发现开展本次抽查涉及的经营活动
    RefusedSeriously = 8,      // 不配合检查情节严重
    NoLongerOperating = 9,     // 已注销、吊销或迁出
}

/// <summary>后续处置.</summary>
public enum FollowUp
{
    None = 0,                // 无需处置
    RectificationOrder = 1,  // 责令改正
    CaseLead = 2,            // 案件线索移送
    NotifyDepartment = 3,    // 抄告相关部门
}

/// <summary>
/// The result of inspecting one drawn entity (one combined visit for a joint task), item by item, with its
/// follow-up; public once published, which the law wants within 20 working days of the inspection.
/// </summary>
public sealed class SpotCheckResult
{
    public long Id { get; set; }
    public long DrawnEntityId { get; set; }
    public long TaskId { get; set; }
    public long EntityId { get; set; }
    public DateOnly InspectedOn { get; set; }
    public InspectionOutcome Outcome { get; set; }
    public FollowUp FollowUp { get; set; }
    /// <summary>What the follow-up is: the department notified, the order's deadline …</summary>
    public string FollowUpNote { get; set; } = "";
    public string Note { get; set; } = "";
    /// <summary>The last day to publish, by the rules and the working-day calendar as of the inspection.</summary>
    public DateOnly PublishBy { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public long? CreditRecordId { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    public string RecordedBy { get; set; } = "";
    public List<SpotCheckItemResult> Items { get; set; } = [];

    /// <summary>Outcomes that find nothing wrong with the entity's conduct.</summary>
    public static bool IsCompliant(InspectionOutcome o) => o is InspectionOutcome.NoProblemFound or InspectionOutcome.NoRelevantActivity;

    public static string OutcomeName(InspectionOutcome o) => o switch
    {
        InspectionOutcome.NoProblemFound => "未发现问题",
        InspectionOutcome.NotDisclosed => "未按规定公示应当公示的信息",
        InspectionOutcome.FalseDisclosure => "公示信息隐瞒真实情况、弄虚作假",
        InspectionOutcome.Unreachable => "通过登记的住所（经营场所）无法联系",
        InspectionOutcome.RectifiedOnOrder => "发现问题已责令改正",
        InspectionOutcome.PendingFollowUp => "发现问题待后续处理",
        InspectionOutcome.NoRelevantActivity => "未发现开展本次抽查涉及的经营活动",
        InspectionOutcome.RefusedSeriously => "不配合检查情节严重",
        InspectionOutcome.NoLongerOperating => "已注销、吊销或迁出",
        _ => o.ToString(),
    };

    public static string FollowUpName(FollowUp f) => f switch
    {
        FollowUp.None => "无需处置",
        FollowUp.RectificationOrder => "责令改正",
        FollowUp.CaseLead => "案件线索移送",
        FollowUp.NotifyDepartment => "抄告相关部门",
        _ => f.ToString(),
    };
}

/// <summary>One item's part of a result: checked or not, a problem found or not.</summary>
public sealed class SpotCheckItemResult
{
    public long Id { get; set; }
    public long ResultId { get; set; }
    public long TaskItemId { get; set; }
    public bool ProblemFound { get; set; }
    public string Note { get; set; } = "";
}

internal sealed class SpotCheckResultConfiguration : IEntityTypeConfiguration<SpotCheckResult>
{
    public void Configure(EntityTypeBuilder<SpotCheckResult> b)
    {
        b.ToTable("spot_check_results");
        b.HasIndex(r => r.DrawnEntityId).IsUnique();
        b.HasIndex(r => new { r.TaskId, r.PublishedOn });
        b.HasIndex(r => new { r.EntityId, r.PublishedOn });
        b.HasOne<SpotCheckTask>().WithMany().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.ResultId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.FollowUpNote).HasMaxLength(500);
        b.Property(r => r.Note).HasMaxLength(2000);
        b.Property(r => r.RecordedBy).HasMaxLength(64);
    }
}

internal sealed class SpotCheckItemResultConfiguration : IEntityTypeConfiguration<SpotCheckItemResult>
{
    public void Configure(EntityTypeBuilder<SpotCheckItemResult> b)
    {
        b.ToTable("spot_check_item_results");
        b.HasOne<SpotCheckTaskItem>().WithMany().HasForeignKey(i => i.TaskItemId).OnDelete(DeleteBehavior.Restrict);
        b.Property(i => i.Note).HasMaxLength(500);
    }
}
