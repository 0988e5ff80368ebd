using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Credit;

public enum RiskRunTrigger
{
    Scheduled = 1, // the monthly job
    OnDemand = 2,  // an administrator, for one entity or all
}

/// <summary>One reclassification: which model, as of which day, over whom, and what changed.</summary>
public sealed class RiskRun
{
    public long Id { get; set; }
    public int ModelId { get; set; }
    public RiskModel? Model { get; set; }
    /// <summary>The day the records were counted at: a run shows the classes as they were on this day.</summary>
    public DateOnly AsOf { get; set; }
    public RiskRunTrigger Trigger { get; set; }
    /// <summary>The one entity reclassified, or null for all.</summary>
    public long? EntityId { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    public int Assessed { get; set; }
    /// <summary>Entities whose class, score or explanation changed: only these get a new assessment row.</summary>
    public int Changed { get; set; }
    public string StartedBy { get; set; } = "";
}

/// <summary>One factor's part in a class: its value (a count, or 1 for a condition met), its points, and the records behind it.</summary>
public sealed record FactorScore(string Code, string Name, int Value, decimal Points, IReadOnlyList<long> RecordIds, IReadOnlyList<long>? ListingIds = null);

/// <summary>Why an entity has its class: every factor that scored, and whether the observation period capped the class.</summary>
public sealed record RiskExplanation(IReadOnlyList<FactorScore> Factors, RiskClass? ScoredClass = null, string? ObservationTag = null);

/// <summary>
/// An entity's class from one run, kept when it differs from the entity's previous assessment: the class on any
/// past day is the latest assessment of a run as of that day or before.
/// </summary>
public sealed class RiskAssessment
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public long EntityId { get; set; }
    public RiskClass Class { get; set; }
    public decimal Score { get; set; }
    public RiskExplanation Explanation { get; set; } = new([]);
    public DateOnly AsOf { get; set; }
    public int ModelId { get; set; }
}

/// <summary>Each entity's latest assessment, one row per entity: what the spot-check draw and the notices read.</summary>
public sealed class EntityRiskClass
{
    public long EntityId { get; set; }
    public RiskClass Class { get; set; }
    public decimal Score { get; set; }
    public long AssessmentId { get; set; }
    /// <summary>
    /// The first 8 bytes of the SHA-256 of the assessment's explanation as stored: a run compares the new explanation
    /// with it instead of reading and parsing the old one.
    /// </summary>
    public long Fingerprint { get; set; }
    /// <summary>The run day from which the entity has had this class.</summary>
    public DateOnly Since { get; set; }
}

internal sealed class RiskRunConfiguration : IEntityTypeConfiguration<RiskRun>
{
    public void Configure(EntityTypeBuilder<RiskRun> b)
    {
        b.ToTable("risk_runs");
        b.HasOne(r => r.Model).WithMany().HasForeignKey(r => r.ModelId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.StartedBy).HasMaxLength(64);
    }
}

internal sealed class RiskAssessmentConfiguration : IEntityTypeConfiguration<RiskAssessment>
{
    public void Configure(EntityTypeBuilder<RiskAssessment> b)
    {
        b.ToTable("risk_assessments");
        b.HasIndex(a => new { a.EntityId, a.AsOf });
        b.HasIndex(a => a.RunId);
        b.Property(a => a.Score).HasPrecision(9, 2);
        b.Property(a => a.Explanation).HasConversion(
            e => System.Text.Json.JsonSerializer.Serialize(e, RiskModelDefinition.Json),
            s => System.Text.Json.JsonSerializer.Deserialize<RiskExplanation>(s, RiskModelDefinition.Json)!);
    }
}

internal sealed class EntityRiskClassConfiguration : IEntityTypeConfiguration<EntityRiskClass>
{
    public void Configure(EntityTypeBuilder<EntityRiskClass> b)
    {
        b.ToTable("entity_risk_classes");
        b.HasKey(c => c.EntityId);
        // The entity's id, not a number of its own.
        b.Property(c => c.EntityId).ValueGeneratedNever();
        b.Property(c => c.Score).HasPrecision(9, 2);
        b.HasIndex(c => c.Class);
    }
}
