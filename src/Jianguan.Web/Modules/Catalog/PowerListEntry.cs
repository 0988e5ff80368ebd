using Jianguan.Web.Modules.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Catalog;

/// <summary>
/// One line of a department's 权责清单 (<c>PowerList</c>): a power, its legal basis and the duties that come
/// with it. Not versioned: the audit trail keeps every change, and nothing else records a reference to it.
/// </summary>
public sealed class PowerListEntry : IDepartmentOwned
{
    public int Id { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    /// <summary>权力编码, unique within the department: the key that matches rows on re-import.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public PowerType Type { get; set; }
    public string LegalBasis { get; set; } = "";
    /// <summary>责任事项: the duties that come with the power (受理、审查、决定、送达、事后监管 …).</summary>
    public string Responsibility { get; set; } = "";
    public bool IsPublished { get; set; } = true;

    public bool SameContentAs(PowerListEntry o) =>
        Name == o.Name && Type == o.Type && LegalBasis == o.LegalBasis && Responsibility == o.Responsibility && IsPublished == o.IsPublished;
}

internal sealed class PowerListEntryConfiguration : IEntityTypeConfiguration<PowerListEntry>
{
    public void Configure(EntityTypeBuilder<PowerListEntry> b)
    {
        b.ToTable("power_list_entries");
        b.Property(p => p.Code).HasMaxLength(32);
        b.HasIndex(p => new { p.DepartmentId, p.Code }).IsUnique();
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.LegalBasis).HasMaxLength(4000);
        b.Property(p => p.Responsibility).HasMaxLength(4000);
        b.HasOne(p => p.Department).WithMany().HasForeignKey(p => p.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
