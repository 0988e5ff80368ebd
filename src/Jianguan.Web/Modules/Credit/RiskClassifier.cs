using System.Text.Json;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Credit;

/// <summary>A reclassification that cannot run (no model in force).</summary>
public sealed class RiskRunException(string message) : Exception(message);

/// <summary>
/// Reclassifies all entities, or one, by the model version in force, as of today: entities in chunks of consecutive
/// ids, each chunk's records read in one query, scored by <see cref="RiskScoring"/>. Only entities whose class, score
/// or explanation changed get a new assessment, so the history stays small and the class on any past day is the
/// latest assessment as of it. The run is audited; its assessments, derived from audited records by the named model
/// version, are written without an audit entry each. A record whose publicity ended early (repaired, or its listing
/// removed) no longer counts: repair restores the entity's standing (信用修复), not only its public page.
/// </summary>
public sealed class RiskClassifier(AppDbContext db, RiskNotices notices, TimeProvider time)
{
    private const int ChunkSize = 10_000;

    public async Task<RiskRun> RunAsync(RiskRunTrigger trigger, long? entityId, string startedBy, CancellationToken ct)
    {
        var asOf = time.Today();
        var model = await RiskModels.InForceAsync(db, asOf, ct)
            ?? throw new RiskRunException($"{asOf:yyyy-MM-dd} 没有生效的信用风险分类模型，请先配置。");
        var run = new RiskRun
        {
            ModelId = model.Id, AsOf = asOf, Trigger = trigger, EntityId = entityId,
            StartedAtUtc = time.GetUtcNow().UtcDateTime, StartedBy = startedBy,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Add(run);
        await db.SaveChangesAsync(ct);

        var observationTag = model.Definition.Observation?.Tag;
        var entities = db.Set<SupervisedEntity>().AsNoTracking();
        if (entityId is { } only) entities = entities.Where(e => e.Id == only);
        long after = 0;
        while (true)
        {
            var chunk = await entities.Where(e => e.Id > after).OrderBy(e => e.Id).Take(ChunkSize)
                .Select(e => new { e.Id, e.IndustryCode, e.IndustrySection, e.RegisteredOn }).ToListAsync(ct);
            if (chunk.Count == 0) break;
            var (first, last) = (chunk[0].Id, chunk[^1].Id);
            after = last;
            var records = await db.Set<CreditRecord>().AsNoTracking()
                .Where(r => r.EntityId >= first && r.EntityId <= last && r.OccurredOn <= asOf && (r.PublicityEndedOn == null || r.PublicityEndedOn > asOf))
                .Select(r => new { r.EntityId, Fact = new RiskScoring.RecordFact(r.Id, r.Kind, r.Severity, r.OccurredOn) })
                .ToListAsync(ct);
            var recordsOf = records.ToLookup(r => r.EntityId, r => r.Fact);
            var listingsOf = (await db.Set<CreditListing>().AsNoTracking()
                    .Where(l => l.EntityId >= first && l.EntityId <= last && l.ListedOn <= asOf && (l.RemovedOn == null || l.RemovedOn > asOf))
                    .Select(l => new { l.EntityId, Fact = new RiskScoring.ListingFact(l.Id, l.List, l.ListedOn, l.RemovedOn) }).ToListAsync(ct))
                .ToLookup(l => l.EntityId, l => l.Fact);
            var observed = observationTag is null ? [] : (await db.Set<EntityTag>().AsNoTracking()
                .Where(t => t.EntityId >= first && t.EntityId <= last && t.Tag == observationTag).Select(t => t.EntityId).ToListAsync(ct)).ToHashSet();
            var current = await db.Set<EntityRiskClass>().AsNoTracking()
                .Where(c => c.EntityId >= first && c.EntityId <= last).ToDictionaryAsync(c => c.EntityId, ct);

            var assessments = new List<(RiskAssessment Assessment, long Fingerprint)>();
            foreach (var e in chunk)
            {
                var facts = new RiskScoring.EntityFacts(e.Id, e.IndustryCode, e.IndustrySection, e.RegisteredOn, observed.Contains(e.Id));
                var result = RiskScoring.Assess(model.Definition, asOf, facts, [.. recordsOf[e.Id]], [.. listingsOf[e.Id]]);
                run.Assessed++;
                var fingerprint = Fingerprint(result.Explanation);
                if (current.TryGetValue(e.Id, out var now) && now.Class == result.Class && now.Score == result.Score && now.Fingerprint == fingerprint)
                    continue;
                assessments.Add((new RiskAssessment
                {
                    RunId = run.Id, EntityId = e.Id, Class = result.Class, Score = result.Score,
                    Explanation = result.Explanation, AsOf = asOf, ModelId = model.Id,
                }, fingerprint));
            }
            if (assessments.Count == 0) continue;
            // A change to C or D from a lower class is told to the departments; a first class is not a change.
            await notices.AddAsync([.. assessments.Select(x => x.Assessment)
                .Where(a => a.Class >= RiskClass.C && current.TryGetValue(a.EntityId, out var before) && before.Class < a.Class)
                .Select(a => (a.EntityId, RiskNoticeKind.BecameHighRisk, $"信用风险分类由 {current[a.EntityId].Class} 类升为 {a.Class} 类（{a.Score} 分）。"))], ct);
            run.Changed += assessments.Count;
            await BulkInsert.InsertDerivedAsync(db, [.. assessments.Select(x => x.Assessment)], ct);
            var changed = assessments.Select(x => x.Assessment.EntityId).ToList();
            await db.Set<EntityRiskClass>().Where(c => changed.Contains(c.EntityId)).ExecuteDeleteAsync(ct);
            await BulkInsert.InsertDerivedAsync(db, [.. assessments.Select(x => (a: x.Assessment, x.Fingerprint)).Select(x => new EntityRiskClass
            {
                EntityId = x.a.EntityId, Class = x.a.Class, Score = x.a.Score, AssessmentId = x.a.Id, Fingerprint = x.Fingerprint,
                // A new score in the same class keeps the day the class began.
                Since = current.TryGetValue(x.a.EntityId, out var c) && c.Class == x.a.Class ? c.Since : asOf,
            })], ct);
        }
        // Saves the run's counts, and the notices added chunk by chunk, in the run's transaction.
        run.FinishedAtUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return run;
    }

    /// <summary>The first 8 bytes of the SHA-256 of the explanation as it is stored.</summary>
    internal static long Fingerprint(RiskExplanation explanation)
    {
        Span<byte> digest = stackalloc byte[32];
        Jianguan.Integrity.Sha256.Hash(JsonSerializer.SerializeToUtf8Bytes(explanation, RiskModelDefinition.Json), digest);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(digest);
    }

    /// <summary>The entity's assessment in force on <paramref name="date"/>: that of the latest run as of that day or before.</summary>
    public static Task<RiskAssessment?> AssessmentOnAsync(AppDbContext db, long entityId, DateOnly date, CancellationToken ct) =>
        db.Set<RiskAssessment>().AsNoTracking().Where(a => a.EntityId == entityId && a.AsOf <= date)
            .OrderByDescending(a => a.AsOf).ThenByDescending(a => a.Id).FirstOrDefaultAsync(ct);
}
