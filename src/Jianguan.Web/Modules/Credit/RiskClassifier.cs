using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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
            var (owners, facts) = await RecordsAsync(first, last, asOf, ct);
            var next = 0; // the records come in entity order, so each entity's are the next run of them
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
                while (next < owners.Count && owners[next] < e.Id) next++;
                var from = next;
                while (next < owners.Count && owners[next] == e.Id) next++;
                var entity = new RiskScoring.EntityFacts(e.Id, e.IndustryCode, e.IndustrySection, e.RegisteredOn, observed.Contains(e.Id));
                var result = RiskScoring.Assess(model.Definition, asOf, entity, facts.AsSpan(from, next - from), [.. listingsOf[e.Id]]);
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
            await BulkInsert.InsertDerivedAsync(db, [.. assessments.Select(x => new EntityRiskClass
            {
                EntityId = x.Assessment.EntityId, Class = x.Assessment.Class, Score = x.Assessment.Score, AssessmentId = x.Assessment.Id, Fingerprint = x.Fingerprint,
                // A new score in the same class keeps the day the class began.
                Since = current.TryGetValue(x.Assessment.EntityId, out var c) && c.Class == x.Assessment.Class ? c.Since : asOf,
            })], ct);
        }
        // Saves the run's counts, and the notices added chunk by chunk, in the run's transaction.
        run.FinishedAtUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return run;
    }

    /// <summary>
    /// The records of the entities <paramref name="first"/>–<paramref name="last"/> that count on <paramref name="asOf"/>,
    /// in entity order, by a plain data reader: a run reads every record of the registry, and EF's materialisation of
    /// ten million rows cost more than the database's reading of them.
    /// </summary>
    private async Task<(List<long> Owners, RiskScoring.RecordFact[] Facts)> RecordsAsync(long first, long last, DateOnly asOf, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        // Parameters, not text; the same SQL serves both databases.
        command.CommandText = """
            SELECT "EntityId", "Id", "Kind", "Severity", "OccurredOn" FROM credit_records
            WHERE "EntityId" >= @first AND "EntityId" <= @last AND "OccurredOn" <= @asOf AND ("PublicityEndedOn" IS NULL OR "PublicityEndedOn" > @asOf)
            ORDER BY "EntityId"
            """;
        void Add(string name, object value)
        {
            var parameter = command.CreateParameter();
            (parameter.ParameterName, parameter.Value) = (name, value);
            command.Parameters.Add(parameter);
        }
        Add("first", first);
        Add("last", last);
        Add("asOf", asOf);
        var owners = new List<long>(ChunkSize * 10);
        var facts = new List<RiskScoring.RecordFact>(ChunkSize * 10);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            owners.Add(reader.GetInt64(0));
            facts.Add(new RiskScoring.RecordFact(reader.GetInt64(1), (CreditRecordKind)reader.GetInt32(2), (CreditSeverity)reader.GetInt32(3), reader.GetFieldValue<DateOnly>(4)));
        }
        return (owners, [.. facts]);
    }

    /// <summary>
    /// The first 8 bytes of the SHA-256 of what an explanation says (each factor's code, value, points, records and
    /// listings; the class before the observation cap and its tag), written as bytes rather than as its JSON, which
    /// cost more than the scoring.
    /// </summary>
    internal static long Fingerprint(RiskExplanation explanation)
    {
        var bytes = new List<byte>(256);
        void Long(long v) { Span<byte> b = stackalloc byte[8]; System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(b, v); foreach (var x in b) bytes.Add(x); }
        void Text(string? t) { Long(t?.Length ?? -1); if (t is not null) bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(t)); }
        foreach (var f in explanation.Factors)
        {
            Text(f.Code);
            Long(f.Value);
            foreach (var part in decimal.GetBits(f.Points)) Long(part);
            Long(f.RecordIds.Count);
            foreach (var id in f.RecordIds) Long(id);
            Long(f.ListingIds?.Count ?? -1);
            foreach (var id in f.ListingIds ?? []) Long(id);
        }
        Long((long?)explanation.ScoredClass ?? -1);
        Text(explanation.ObservationTag);
        Span<byte> digest = stackalloc byte[32];
        Jianguan.Integrity.Sha256.Hash(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes), digest);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(digest);
    }

    /// <summary>The entity's assessment in force on <paramref name="date"/>: that of the latest run as of that day or before.</summary>
    public static Task<RiskAssessment?> AssessmentOnAsync(AppDbContext db, long entityId, DateOnly date, CancellationToken ct) =>
        db.Set<RiskAssessment>().AsNoTracking().Where(a => a.EntityId == entityId && a.AsOf <= date)
            .OrderByDescending(a => a.AsOf).ThenByDescending(a => a.Id).FirstOrDefaultAsync(ct);
}
