using Jianguan.Integrity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Platform.Audit;

/// <summary>
/// One entry of the append-only audit trail (全过程记录). Its <see cref="Hash"/> chains it to the entry
/// before; see <see cref="AuditChain"/> for the exact encoding an auditor recomputes.
/// </summary>
public sealed class AuditEntry
{
    public long Sequence { get; set; }
    public DateTime OccurredAtUtc { get; set; }
    public string? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public int? DepartmentId { get; set; }
    /// <summary>Created, Updated, Deleted, or a named act such as Login.</summary>
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityKey { get; set; } = "";
    /// <summary>JSON: the values written (Created), old and new values (Updated) or the values removed (Deleted).</summary>
    public string Changes { get; set; } = "{}";
    public string PreviousHash { get; set; } = AuditChain.GenesisHash;
    public string Hash { get; set; } = "";

    public AuditRecord ToRecord() =>
        new(Sequence, OccurredAtUtc, ActorId, ActorName, DepartmentId, Action, EntityType, EntityKey, Changes, PreviousHash, Hash);
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.HasKey(e => e.Sequence);
        // The sequence is assigned under the append lock, never by the database: a gap must mean a removal.
        b.Property(e => e.Sequence).ValueGeneratedNever();
        b.Property(e => e.ActorId).HasMaxLength(64);
        b.Property(e => e.ActorName).HasMaxLength(128);
        b.Property(e => e.Action).HasMaxLength(64);
        b.Property(e => e.EntityType).HasMaxLength(128);
        b.Property(e => e.EntityKey).HasMaxLength(256);
        b.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
        b.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
        b.HasIndex(e => new { e.EntityType, e.EntityKey });
        b.HasIndex(e => e.OccurredAtUtc);
    }
}
