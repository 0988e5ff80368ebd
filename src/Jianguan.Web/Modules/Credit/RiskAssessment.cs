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
/// An entity's assessment that a later run replaced (its class, score or explanation changed): the history. The
/// entity's latest assessment is its <see cref="EntityRiskClass"/>; the class on any past day is the latest of the
/// two as of that day. A run moves the assessment it replaces here, so a first run writes one row an entity, not two.
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

/// <summary>
/// Each entity's latest assessment, one row per entity: what the spot-check draw and the notices read, and the
/// explanation staff see.
/// </summary>
public sealed class EntityRiskClass
{
    public long EntityId { get; set; }
    public RiskClass Class { get; set; }
    public decimal Score { get; set; }
    public RiskExplanation Explanation { get; set; } = new([]);
    /// <summary>The run that assessed the entity so, its day and its model version.</summary>
    public long RunId { get; set; }
    public DateOnly AsOf { get; set; }
    public int ModelId { get; set; }
    /// <summary>
    /// A 64-bit hash of the explanation as stored (<see cref="RiskExplanationFormat.Fingerprint"/>): a run
    /// compares the new explanation with it instead of reading and parsing the old one.
    /// </summary>
    public long Fingerprint { get; set; }
    /// <summary>The run day from which the entity has had this class.</summary>
    public DateOnly Since { get; set; }

    public RiskAssessment AsAssessment() => new()
    {
        RunId = RunId, EntityId = EntityId, Class = Class, Score = Score, Explanation = Explanation, AsOf = AsOf, ModelId = ModelId,
    };
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
        // No index on the run: assessments are appended run by run, and nothing looks them up by run.
        b.Property(a => a.Score).HasPrecision(9, 2);
        b.Property(a => a.Explanation).HasConversion(e => RiskExplanationFormat.Text(e), s => RiskExplanationFormat.Parse(s));
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
        // No index on the class: four values, and what reads classes reads them all (the draw's pool) or by entity;
        // a first run writes a million rows, each index maintained for each.
        b.Property(c => c.Explanation).HasConversion(e => RiskExplanationFormat.Text(e), s => RiskExplanationFormat.Parse(s));
    }
}
