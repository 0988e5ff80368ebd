using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Registry;

public enum EntityType
{
    Enterprise = 1,          // 企业
    SoleTrader = 2,          // 个体工商户
    Cooperative = 3,         // 农民专业合作社
    Government = 4,          // 机关
    PublicInstitution = 5,   // 事业单位
    SocialOrganisation = 6,  // 社会组织
    OtherOrganisation = 9,   // 其他组织
}

public enum EntityStatus
{
    Active = 1,        // 存续（在业）
    Deregistered = 2,  // 注销
    Revoked = 3,       // 吊销
    MovedOut = 4,      // 迁出
}

/// <summary>A business or organisation under supervision (监管对象 / 市场主体), one row per 统一社会信用代码.</summary>
public sealed class SupervisedEntity
{
    public long Id { get; set; }
    public string CreditCode { get; set; } = "";
    public string Name { get; set; } = "";
    public EntityType Type { get; set; }
    public string? LegalRepresentativeName { get; set; }
    /// <summary>Personal data: stored whole, shown only masked (<see cref="IdNumber.Mask"/>).</summary>
    public string? LegalRepresentativeIdNumber { get; set; }
    public string? Address { get; set; }
    public string DivisionCode { get; set; } = "";
    public string IndustryCode { get; set; } = "";
    /// <summary>The GB/T 4754 section of <see cref="IndustryCode"/>, kept so that a filter by section is an index look-up.</summary>
    public string IndustrySection { get; set; } = "";
    public DateOnly? RegisteredOn { get; set; }
    public EntityStatus Status { get; set; } = EntityStatus.Active;
    public List<EntityLicence> Licences { get; set; } = [];
    public List<EntityTag> Tags { get; set; } = [];
}

/// <summary>A licence the entity holds (食品经营许可证 …), with its expiry for the warnings.</summary>
public sealed class EntityLicence
{
    public long Id { get; set; }
    public long EntityId { get; set; }
    public string Name { get; set; } = "";
    public string Number { get; set; } = "";
    public DateOnly? ExpiresOn { get; set; }
}

/// <summary>
/// A supervision tag or special pool (专项库) membership: "重点监管", "食品生产", "危化品" … Spot checks draw
/// from the entities carrying a tag, so tags are rows, indexed, not a text column searched with LIKE.
/// </summary>
public sealed class EntityTag
{
    public long EntityId { get; set; }
    public string Tag { get; set; } = "";
}

internal sealed class SupervisedEntityConfiguration : IEntityTypeConfiguration<SupervisedEntity>
{
    public void Configure(EntityTypeBuilder<SupervisedEntity> b)
    {
        b.ToTable("supervised_entities");
        // Not char(18): PostgreSQL compares a char column with a text parameter (an array of codes) as text, past its index.
        b.Property(e => e.CreditCode).HasMaxLength(18);
        b.HasIndex(e => e.CreditCode).IsUnique();
        b.Property(e => e.Name).HasMaxLength(128);
        // Search walks the names in order (Id breaks ties, for the cursor); the pairs and characters of names are
        // indexed outside the model (EntityNameIndex).
        b.HasIndex(e => new { e.Name, e.Id });
        b.Property(e => e.LegalRepresentativeName).HasMaxLength(64);
        b.Property(e => e.LegalRepresentativeIdNumber).HasMaxLength(18);
        b.Property(e => e.Address).HasMaxLength(256);
        b.Property(e => e.DivisionCode).HasMaxLength(12);
        b.Property(e => e.IndustryCode).HasMaxLength(5);
        b.Property(e => e.IndustrySection).HasMaxLength(1);
        // Each filter's index also holds the other filters' columns, so that counting the matches of combined
        // filters reads the index alone.
        b.HasIndex(e => new { e.DivisionCode, e.Status, e.IndustryCode });
        b.HasIndex(e => new { e.IndustryCode, e.Status, e.DivisionCode });
        b.HasIndex(e => new { e.IndustrySection, e.Status, e.DivisionCode });
        b.HasMany(e => e.Licences).WithOne().HasForeignKey(l => l.EntityId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Tags).WithOne().HasForeignKey(t => t.EntityId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EntityLicenceConfiguration : IEntityTypeConfiguration<EntityLicence>
{
    public void Configure(EntityTypeBuilder<EntityLicence> b)
    {
        b.ToTable("entity_licences");
        b.Property(l => l.Name).HasMaxLength(64);
        b.Property(l => l.Number).HasMaxLength(64);
        b.HasIndex(l => l.ExpiresOn);
    }
}

internal sealed class EntityTagConfiguration : IEntityTypeConfiguration<EntityTag>
{
    public void Configure(EntityTypeBuilder<EntityTag> b)
    {
        b.ToTable("entity_tags");
        b.HasKey(t => new { t.EntityId, t.Tag });
        b.Property(t => t.Tag).HasMaxLength(32);
        b.HasIndex(t => t.Tag);
    }
}
