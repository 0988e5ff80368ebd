using Jianguan.Web.Modules.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Catalog;

/// <summary>
/// One version of the 检查实施清单 of an item: how the item is inspected, point by point, and whether and how
/// often it is spot-checked. The chain key is the item's code (one checklist per item); each version
/// owns a full copy of its points, so an inspection form built from a version never changes under it.
/// </summary>
public sealed class InspectionChecklist : ICatalogVersion
{
    public int Id { get; set; }
    /// <summary>The code of the <see cref="SupervisionItem"/> chain the checklist belongs to.</summary>
    public string ItemCode { get; set; } = "";
    public int Version { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public DateOnly? EffectiveTo { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }

    public string Name { get; set; } = "";
    public SpotCheckFlag SpotCheck { get; set; }
    /// <summary>抽查比例 in basis points (500 = 5%): whole numbers order and compare the same in both databases.</summary>
    public int? RatioBasisPoints { get; set; }
    /// <summary>抽查频次 as departments write it: "1次/年".</summary>
    public string Frequency { get; set; } = "";
    public bool IsPublished { get; set; } = true;
    public List<ChecklistPoint> Points { get; set; } = [];

    public string ChangeNote { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
    public string RecordedBy { get; set; } = "";

    public bool IsInForceOn(DateOnly day) => EffectiveFrom <= day && (EffectiveTo is null || day < EffectiveTo);

    /// <summary>
    /// <see cref="IsInForceOn"/> for a query: a version ends on the first day of the next, so on that day only the new
    /// one is in force (a form once took both versions' points on the day a checklist changed).
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<InspectionChecklist, bool>> InForceOn(DateOnly day) =>
        c => c.EffectiveFrom <= day && (c.EffectiveTo == null || c.EffectiveTo > day);

    /// <summary>The usual name of an item's checklist; "…监督检查" + "检查实施清单" would say 检查 twice.</summary>
    public static string DefaultName(string itemName) =>
        itemName.EndsWith("检查", StringComparison.Ordinal) ? itemName + "实施清单" : itemName + "检查实施清单";

    public bool SameContentAs(InspectionChecklist o) =>
        Name == o.Name && SpotCheck == o.SpotCheck && RatioBasisPoints == o.RatioBasisPoints && Frequency == o.Frequency
        && IsPublished == o.IsPublished && DepartmentId == o.DepartmentId
        && Points.Count == o.Points.Count
        && Points.OrderBy(p => p.Number).Zip(o.Points.OrderBy(p => p.Number)).All(p => p.First.SameContentAs(p.Second));
}

/// <summary>检查要点: one line of a checklist, which becomes one field of an inspection form.</summary>
public sealed class ChecklistPoint
{
    public int Id { get; set; }
    public int ChecklistId { get; set; }
    /// <summary>序号, from 1, the order on the form.</summary>
    public int Number { get; set; }
    public string Content { get; set; } = "";
    public CheckMethod Method { get; set; }
    public string Basis { get; set; } = "";
    public string Standard { get; set; } = "";
    /// <summary>处理方式: what follows when the point fails (责令改正, 立案调查 …).</summary>
    public string FailureHandling { get; set; } = "";
    /// <summary>A failure of a major point decides the inspection's outcome on its own.</summary>
    public bool IsMajor { get; set; }

    public bool SameContentAs(ChecklistPoint o) =>
        Number == o.Number && Content == o.Content && Method == o.Method && Basis == o.Basis && Standard == o.Standard
        && FailureHandling == o.FailureHandling && IsMajor == o.IsMajor;
}

internal sealed class InspectionChecklistConfiguration : IEntityTypeConfiguration<InspectionChecklist>
{
    public void Configure(EntityTypeBuilder<InspectionChecklist> b)
    {
        b.ToTable("inspection_checklists");
        b.Property(c => c.ItemCode).HasMaxLength(32);
        b.HasIndex(c => new { c.ItemCode, c.Version }).IsUnique();
        b.HasIndex(c => new { c.DepartmentId, c.EffectiveTo });
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Frequency).HasMaxLength(50);
        b.Property(c => c.ChangeNote).HasMaxLength(500);
        b.Property(c => c.RecordedBy).HasMaxLength(256);
        b.HasOne(c => c.Department).WithMany().HasForeignKey(c => c.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Points).WithOne().HasForeignKey(p => p.ChecklistId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChecklistPointConfiguration : IEntityTypeConfiguration<ChecklistPoint>
{
    public void Configure(EntityTypeBuilder<ChecklistPoint> b)
    {
        b.ToTable("checklist_points");
        b.HasIndex(p => new { p.ChecklistId, p.Number }).IsUnique();
        b.Property(p => p.Content).HasMaxLength(1000);
        b.Property(p => p.Basis).HasMaxLength(1000);
        b.Property(p => p.Standard).HasMaxLength(1000);
        b.Property(p => p.FailureHandling).HasMaxLength(500);
    }
}
