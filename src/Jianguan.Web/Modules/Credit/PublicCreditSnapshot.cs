using Jianguan.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Credit;

/// <summary>
/// An entity's public credit view (公示) as its JSON answer, kept so that the public look-up reads one row instead of
/// the entity, its records and its listings. Derived data: built by <see cref="PublicCreditLookup"/> on a look-up, and
/// voided by the database's own triggers whenever a record, a listing, the entity or a department's name changes (a
/// void row has no <see cref="Json"/> and a higher <see cref="Generation"/>), whoever writes and however. A view is
/// right from <see cref="BuiltOn"/> to the day before <see cref="ValidUntil"/>: the next day a record's publicity
/// begins or ends, or a listing dated ahead begins.
/// </summary>
public sealed class PublicCreditSnapshot
{
    public long EntityId { get; set; }
    public SupervisedEntity? Entity { get; set; }
    public string CreditCode { get; set; } = "";
    /// <summary>The answer's UTF-8 JSON as on <see cref="BuiltOn"/>; null when voided.</summary>
    public byte[]? Json { get; set; }
    public DateOnly? BuiltOn { get; set; }
    /// <summary>The first day the view may differ; null when no date ahead changes it.</summary>
    public DateOnly? ValidUntil { get; set; }
    /// <summary>The shape and wording of the view it was built with (<see cref="PublicCreditLookup.Format"/>): a release that changes them rebuilds.</summary>
    public long Format { get; set; }
    /// <summary>Raised by the triggers at each change: a view built from what was read before is not stored over it.</summary>
    public long Generation { get; set; }
}

internal sealed class PublicCreditSnapshotConfiguration : IEntityTypeConfiguration<PublicCreditSnapshot>
{
    public void Configure(EntityTypeBuilder<PublicCreditSnapshot> b)
    {
        b.ToTable("public_credit_snapshots");
        b.HasKey(s => s.EntityId);
        b.Property(s => s.EntityId).ValueGeneratedNever();
        b.HasOne(s => s.Entity).WithOne().HasForeignKey<PublicCreditSnapshot>(s => s.EntityId).OnDelete(DeleteBehavior.Cascade);
        b.Property(s => s.CreditCode).HasMaxLength(18);
        b.HasIndex(s => s.CreditCode).IsUnique();
    }
}
