using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Platform.Auth;

/// <summary>The roles are reference data: created by the migrations in every installation, demo or not.</summary>
internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> b) =>
        b.HasData(Roles.All.Select(role => new IdentityRole
        {
            // Fixed ids and stamps: seed data must not change between migrations.
            Id = "role-" + role.ToLowerInvariant(),
            Name = role,
            NormalizedName = role.ToUpperInvariant(),
            ConcurrencyStamp = "role-" + role.ToLowerInvariant(),
        }));
}
