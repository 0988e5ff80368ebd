using Jianguan.Web.Modules.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Catalog;

/// <summary>
/// A row of a versioned list (动态调整): one version of a chain identified by a stable key. A change
/// never rewrites a version: it adds the next one and closes the previous one's effective period, so an
/// inspection or case recorded today can point at the exact version (by id) it was done under.
/// </summary>
public interface ICatalogVersion : IDepartmentOwned
{
    int Version { get; set; }
    /// <summary>First day the version applies.</summary>
    DateOnly EffectiveFrom { get; set; }
    /// <summary>
    /// The day the next version took over (exclusive): the version applies on days d with
    /// EffectiveFrom ≤ d &lt; EffectiveTo. Null for the latest version. A same-day correction gives the
    /// corrected version an empty period: it never applied.
    /// </summary>
    DateOnly? EffectiveTo { get; set; }
    new int DepartmentId { get; set; }
    bool IsPublished { get; set; }
    string ChangeNote { get; set; }
    DateTime RecordedAtUtc { get; set; }
    string RecordedBy { get; set; }
}

/// <summary>One version of a 监管事项 (an entry of the 监管事项目录清单).</summary>
public sealed class SupervisionItem : ICatalogVersion
{
    public int Id { get; set; }
    /// <summary>事项编码: the stable key of the item's version chain, never changed by a new version.</summary>
    public string Code { get; set; } = "";
    public int Version { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public DateOnly? EffectiveTo { get; set; }
    /// <summary>实施主体: the responsible department.</summary>
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }

    public string Name { get; set; } = "";
    public ItemCategory Category { get; set; }
    public string SupervisedObject { get; set; } = "";
    /// <summary>监管措施 (e.g. 现场检查、抽样检验、责令改正).</summary>
    public string Measures { get; set; } = "";
    /// <summary>设定依据: the law or regulation, its article, and the article's text.</summary>
    public string LegalBasisLaw { get; set; } = "";
    public string LegalBasisArticle { get; set; } = "";
    public string LegalBasisText { get; set; } = "";
    public string Process { get; set; } = "";
    public string Result { get; set; } = "";
    public ItemLevel Level { get; set; }
    public OwnershipRule OwnershipRule { get; set; }
    /// <summary>Shown on the public pages (事前公示) when the version is in force.</summary>
    public bool IsPublished { get; set; } = true;

    /// <summary>调整说明: why this version was made.</summary>
    public string ChangeNote { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
    public string RecordedBy { get; set; } = "";

    public bool IsInForceOn(DateOnly day) => EffectiveFrom <= day && (EffectiveTo is null || day < EffectiveTo);

    /// <summary>Whether the content a person maintains is the same (then an edit makes no new version).</summary>
    public bool SameContentAs(SupervisionItem o) =>
        Name == o.Name && Category == o.Category && SupervisedObject == o.SupervisedObject && Measures == o.Measures
        && LegalBasisLaw == o.LegalBasisLaw && LegalBasisArticle == o.LegalBasisArticle && LegalBasisText == o.LegalBasisText
        && Process == o.Process && Result == o.Result && Level == o.Level && OwnershipRule == o.OwnershipRule
        && DepartmentId == o.DepartmentId && IsPublished == o.IsPublished;
}

internal sealed class SupervisionItemConfiguration : IEntityTypeConfiguration<SupervisionItem>
{
    public void Configure(EntityTypeBuilder<SupervisionItem> b)
    {
        b.ToTable("supervision_items");
        b.Property(i => i.Code).HasMaxLength(32);
        // Two editors saving the same version number at once: the second fails here instead of forking the chain.
        b.HasIndex(i => new { i.Code, i.Version }).IsUnique();
        b.HasIndex(i => new { i.DepartmentId, i.EffectiveTo });
        b.Property(i => i.Name).HasMaxLength(200);
        b.Property(i => i.SupervisedObject).HasMaxLength(500);
        b.Property(i => i.Measures).HasMaxLength(500);
        b.Property(i => i.LegalBasisLaw).HasMaxLength(200);
        b.Property(i => i.LegalBasisArticle).HasMaxLength(100);
        b.Property(i => i.LegalBasisText).HasMaxLength(4000);
        b.Property(i => i.Process).HasMaxLength(2000);
        b.Property(i => i.Result).HasMaxLength(1000);
        b.Property(i => i.ChangeNote).HasMaxLength(500);
        b.Property(i => i.RecordedBy).HasMaxLength(256);
        b.HasOne(i => i.Department).WithMany().HasForeignKey(i => i.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
