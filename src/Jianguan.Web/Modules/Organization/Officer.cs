using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Organization;

/// <summary>A credentialed enforcement officer (执法人员) of one department.</summary>
public sealed class Officer
{
    public int Id { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public string Name { get; set; } = "";
    /// <summary>执法证号: unique across the platform.</summary>
    public string LicenseNumber { get; set; } = "";
    public DateOnly LicenseExpiresOn { get; set; }
    /// <summary>Fields the officer is qualified for (食品安全, 特种设备 …), separated by "、".</summary>
    public string Qualifications { get; set; } = "";
    public bool IsActive { get; set; } = true;

    /// <summary>
    /// Only an active officer with a licence valid on the day may inspect (行政处罚法 art. 42: 执法证件).
    /// </summary>
    public bool MayInspectOn(DateOnly day) => IsActive && LicenseExpiresOn >= day;

    public IReadOnlyList<string> QualificationList =>
        Qualifications.Split(['、', ',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal sealed class OfficerConfiguration : IEntityTypeConfiguration<Officer>
{
    public void Configure(EntityTypeBuilder<Officer> b)
    {
        b.ToTable("officers");
        b.Property(o => o.Name).HasMaxLength(32);
        b.Property(o => o.LicenseNumber).HasMaxLength(32);
        b.HasIndex(o => o.LicenseNumber).IsUnique();
        b.Property(o => o.Qualifications).HasMaxLength(256);
        b.HasOne(o => o.Department).WithMany().HasForeignKey(o => o.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => new { o.DepartmentId, o.IsActive });
    }
}
