using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Organization;

public enum DivisionLevel { Province = 1, City = 2, County = 3, Street = 4, Town = 5, Township = 6 }

/// <summary>
/// An administrative division: GB/T 2260 six-digit code at county level and above (婺城区 330702),
/// nine-digit township code (统计用区划代码) for streets, towns and townships.
/// </summary>
public sealed class Division
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public DivisionLevel Level { get; set; }
    public string? ParentCode { get; set; }
}

internal sealed class DivisionConfiguration : IEntityTypeConfiguration<Division>
{
    public void Configure(EntityTypeBuilder<Division> b)
    {
        b.ToTable("divisions");
        b.HasKey(d => d.Code);
        b.Property(d => d.Code).HasMaxLength(12);
        b.Property(d => d.Name).HasMaxLength(64);
        b.Property(d => d.ParentCode).HasMaxLength(12);
        b.HasIndex(d => d.ParentCode);
    }
}
