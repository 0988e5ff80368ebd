using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Organization;

/// <summary>An agency with supervisory or enforcement powers (监管部门 / 执法主体).</summary>
public sealed class Department
{
    public int Id { get; set; }
    /// <summary>Short stable code used in document numbers and imports (e.g. SCJG).</summary>
    public string Code { get; set; } = "";
    /// <summary>Full name, as on its seal: 金华市婺城区市场监督管理局.</summary>
    public string Name { get; set; } = "";
    /// <summary>Name in lists and menus: 市场监管局.</summary>
    public string ShortName { get; set; } = "";
    /// <summary>The division it serves (GB/T 2260), 330702 for the district's own departments.</summary>
    public string DivisionCode { get; set; } = "330702";
    public bool IsActive { get; set; } = true;
    /// <summary>
    /// Whether it is the registration authority (登记机关, the market regulation bureau): it alone keeps the
    /// 经营异常名录 and 严重违法失信名单 and takes the annual reports.
    /// </summary>
    public bool IsRegistrationAuthority { get; set; }
    public int SortOrder { get; set; }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.ToTable("departments");
        b.Property(d => d.Code).HasMaxLength(16);
        b.HasIndex(d => d.Code).IsUnique();
        b.Property(d => d.Name).HasMaxLength(64);
        b.HasIndex(d => d.Name).IsUnique();
        b.Property(d => d.ShortName).HasMaxLength(32);
        b.Property(d => d.DivisionCode).HasMaxLength(12);
    }
}
