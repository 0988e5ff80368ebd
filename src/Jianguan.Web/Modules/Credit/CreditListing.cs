using System.Text.Json.Serialization;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Credit;

/// <summary>The two lists of LEGAL-RULES.md §5.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CreditList>))] // by name in the API, as in the stored model
public enum CreditList
{
    AbnormalList = 1,           // 经营异常名录（个体工商户：经营异常状态）
    SeriousViolationList = 2,   // 严重违法失信名单
}

/// <summary>Why an entity is listed; each reason belongs to one list and has its legal basis (<see cref="ListingReasons"/>).</summary>
public enum ListingReason
{
    AnnualReportNotFiled = 1,        // 未按规定报送年度报告
    InstantInformationNotFiled = 2,  // 未在责令期限内公示即时信息
    FalseInformation = 3,            // 公示信息隐瞒真实情况、弄虚作假
    Unreachable = 4,                 // 通过登记的住所或者经营场所无法联系
    UnsuitableName = 5,              // 企业名称不适宜且未在期限内变更
    AbnormalListExpired = 11,        // 列入经营异常名录届满3年仍未履行相关义务
    SeverePenalty = 12,              // 受到较重行政处罚且情节严重、性质恶劣、社会危害较大
}

/// <summary>How a listing ended; each reason of removal fits certain reasons of listing (<see cref="ListingReasons"/>).</summary>
public enum RemovalReason
{
    AnnualReportFiled = 1,       // 已补报年度报告
    InformationPublished = 2,    // 已履行即时信息公示义务
    InformationCorrected = 3,    // 已更正公示信息
    ContactRestored = 4,         // 已变更住所或重新取得联系
    NameChanged = 5,             // 已变更企业名称
    Escalated = 6,               // 届满3年，列入严重违法失信名单
    EntityDeregistered = 7,      // 主体已注销
    PeriodExpired = 11,          // 列入期限届满
    EarlyRemoval = 12,           // 提前移出（信用修复）
    DecisionRevoked = 13,        // 列入决定被撤销或更正
}

/// <summary>An entity's listing on 经营异常名录 or 严重违法失信名单, with the dates the law sets.</summary>
public sealed class CreditListing
{
    public long Id { get; set; }
    public long EntityId { get; set; }
    public SupervisedEntity? Entity { get; set; }
    public CreditList List { get; set; }
    public ListingReason Reason { get; set; }
    /// <summary>For <see cref="ListingReason.AnnualReportNotFiled"/>: the year whose report is missing (one listing a year).</summary>
    public int? ReportYear { get; set; }
    /// <summary>The day the fact was found: the listing's deadline counts from it.</summary>
    public DateOnly FoundOn { get; set; }
    /// <summary>The last day to list (found + 10 working days for the abnormal list).</summary>
    public DateOnly ListBy { get; set; }
    public DateOnly ListedOn { get; set; }
    public string DecisionNumber { get; set; } = "";
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public string Facts { get; set; } = "";
    /// <summary>The last day for the entity's objection (异议).</summary>
    public DateOnly ObjectionBy { get; set; }
    /// <summary>Abnormal list: the day it escalates to the serious list if still listed. Serious list: the end of its period.</summary>
    public DateOnly? ExpiresOn { get; set; }
    /// <summary>When the entity asked for removal (the fix is done); removal is due within the rules' working days.</summary>
    public DateOnly? RemovalRequestedOn { get; set; }
    public DateOnly? RemoveBy { get; set; }
    public DateOnly? RemovedOn { get; set; }
    public RemovalReason? RemovalReason { get; set; }
    public string? RemovalDecisionNumber { get; set; }
    /// <summary>The serious-list listing this abnormal-list listing escalated to, or the abnormal one a serious listing came from.</summary>
    public long? RelatedListingId { get; set; }
    /// <summary>Whether this is a sole trader's 经营异常状态 mark rather than a listing: a sole trader that misses its annual report is marked, not listed (LEGAL-RULES.md §6).</summary>
    public bool IsStatusMark { get; set; }
    public bool IsActive => RemovedOn is null;
}

internal sealed class CreditListingConfiguration : IEntityTypeConfiguration<CreditListing>
{
    public void Configure(EntityTypeBuilder<CreditListing> b)
    {
        b.ToTable("credit_listings");
        b.HasOne(l => l.Entity).WithMany().HasForeignKey(l => l.EntityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.Department).WithMany().HasForeignKey(l => l.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(l => l.DecisionNumber).HasMaxLength(64);
        b.Property(l => l.RemovalDecisionNumber).HasMaxLength(64);
        b.Property(l => l.Facts).HasMaxLength(2000);
        b.Ignore(l => l.IsActive);
        b.HasIndex(l => new { l.EntityId, l.List, l.Reason });
        // The daily job finds the listings that reach their end; the list pages show the active ones.
        b.HasIndex(l => new { l.List, l.RemovedOn, l.ExpiresOn });
    }
}
