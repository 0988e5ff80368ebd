using Jianguan.Web.Modules.Organization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Platform.Auth;

/// <summary>A person who signs in. Staff belong to one department; a business user to one entity.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public int? DepartmentId { get; set; }
    public Department? Department { get; set; }
    /// <summary>The officer record of a user who is an enforcement officer.</summary>
    public int? OfficerId { get; set; }
    public Officer? Officer { get; set; }
    /// <summary>For a business user: the 统一社会信用代码 of the entity it speaks for.</summary>
    public string? CreditCode { get; set; }
    /// <summary>A deactivated user cannot sign in and its tokens stop working; the record stays for the audit trail.</summary>
    public bool IsActive { get; set; } = true;
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(64);
        b.Property(u => u.CreditCode).HasMaxLength(18);
        b.HasOne(u => u.Department).WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(u => u.Officer).WithMany().HasForeignKey(u => u.OfficerId).OnDelete(DeleteBehavior.SetNull);
    }
}
