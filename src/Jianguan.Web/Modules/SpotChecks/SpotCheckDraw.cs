using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.SpotChecks;

public enum DrawState
{
    Valid = 1,           // 有效
    CancelRequested = 2, // 已申请作废，待部门负责人批准
    Cancelled = 3,       // 已作废（仍然公开）
}

/// <summary>
/// 摇号: one draw of a task, made once. Its record (<see cref="Record"/>, JSON, docs/draw-record.md) is what the
/// public sees and the verify tool checks. Cancelling it needs a written reason and the department head's approval;
/// a cancelled draw stays public beside the next.
/// </summary>
public sealed class SpotCheckDraw
{
    public long Id { get; set; }
    public long TaskId { get; set; }
    public SpotCheckTask? Task { get; set; }
    /// <summary>1 for the task's first draw, 2 after one cancellation …</summary>
    public int Number { get; set; }
    public DateTime DrawnAtUtc { get; set; }
    public string DrawnBy { get; set; } = "";
    public string Entropy { get; set; } = "";
    public string Commitment { get; set; } = "";
    public string PoolDigest { get; set; } = "";
    public string Seed { get; set; } = "";
    public int PoolSize { get; set; }
    public int SelectedCount { get; set; }
    public int UnassignedCount { get; set; }
    /// <summary>Entities left out of the pool because they reached the yearly cap of spot checks.</summary>
    public int ExcludedAtCap { get; set; }
    /// <summary>The published draw record, as JSON.</summary>
    public string Record { get; set; } = "";

    public DrawState State { get; set; } = DrawState.Valid;
    public string? CancelReason { get; set; }
    public string? CancelRequestedBy { get; set; }
    public DateTime? CancelRequestedAtUtc { get; set; }
    public string? CancelApprovedBy { get; set; }
    public DateTime? CancelledAtUtc { get; set; }
    public List<DrawnEntity> Entities { get; set; } = [];

    public static string StateName(DrawState s) => s switch
    {
        DrawState.Valid => "有效",
        DrawState.CancelRequested => "作废待批准",
        DrawState.Cancelled => "已作废",
        _ => s.ToString(),
    };
}

/// <summary>An entity a draw selected, with the officers assigned to it (or why none could be).</summary>
public sealed class DrawnEntity
{
    public long Id { get; set; }
    public long DrawId { get; set; }
    public long TaskId { get; set; }
    public long EntityId { get; set; }
    public SupervisedEntity? Entity { get; set; }
    public string Stratum { get; set; } = "";
    /// <summary>Its place in the draw's selection, from 1.</summary>
    public int Position { get; set; }
    public string Rank { get; set; } = "";
    /// <summary>Why no officers could be assigned without breaking a rule, or null.</summary>
    public string? UnassignedReason { get; set; }
    public List<DrawnEntityOfficer> Officers { get; set; } = [];
    public SpotCheckResult? Result { get; set; }
}

public sealed class DrawnEntityOfficer
{
    public long DrawnEntityId { get; set; }
    public int OfficerId { get; set; }
    public Officer? Officer { get; set; }
}

internal sealed class SpotCheckDrawConfiguration : IEntityTypeConfiguration<SpotCheckDraw>
{
    public void Configure(EntityTypeBuilder<SpotCheckDraw> b)
    {
        b.ToTable("spot_check_draws");
        b.HasOne(d => d.Task).WithMany().HasForeignKey(d => d.TaskId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(d => d.Entities).WithOne().HasForeignKey(e => e.DrawId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => new { d.TaskId, d.Number }).IsUnique();
        b.HasIndex(d => d.DrawnAtUtc);
        b.Property(d => d.DrawnBy).HasMaxLength(64);
        b.Property(d => d.Entropy).HasMaxLength(1024);
        b.Property(d => d.Commitment).HasMaxLength(64);
        b.Property(d => d.PoolDigest).HasMaxLength(64);
        b.Property(d => d.Seed).HasMaxLength(64);
        b.Property(d => d.CancelReason).HasMaxLength(1000);
        b.Property(d => d.CancelRequestedBy).HasMaxLength(64);
        b.Property(d => d.CancelApprovedBy).HasMaxLength(64);
    }
}

internal sealed class DrawnEntityConfiguration : IEntityTypeConfiguration<DrawnEntity>
{
    public void Configure(EntityTypeBuilder<DrawnEntity> b)
    {
        b.ToTable("drawn_entities");
        b.HasOne(e => e.Entity).WithMany().HasForeignKey(e => e.EntityId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Officers).WithOne().HasForeignKey(o => o.DrawnEntityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(e => e.Result).WithOne().HasForeignKey<SpotCheckResult>(r => r.DrawnEntityId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.DrawId, e.EntityId }).IsUnique();
        // The yearly cap and the previous inspectors are looked up by entity.
        b.HasIndex(e => e.EntityId);
        b.Property(e => e.Stratum).HasMaxLength(64);
        b.Property(e => e.Rank).HasMaxLength(16);
        b.Property(e => e.UnassignedReason).HasMaxLength(300);
    }
}

internal sealed class DrawnEntityOfficerConfiguration : IEntityTypeConfiguration<DrawnEntityOfficer>
{
    public void Configure(EntityTypeBuilder<DrawnEntityOfficer> b)
    {
        b.ToTable("drawn_entity_officers");
        b.HasKey(o => new { o.DrawnEntityId, o.OfficerId });
        b.HasOne(o => o.Officer).WithMany().HasForeignKey(o => o.OfficerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => o.OfficerId);
    }
}
