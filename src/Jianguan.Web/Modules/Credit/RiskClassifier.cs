using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using System.Data.Common;
using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace Jianguan.Web.Modules.Credit;

/// <summary>A reclassification that cannot run (no model in force).</summary>
public sealed class RiskRunException(string message) : Exception(message);

/// <summary>
/// Reclassifies all entities, or one, by the model version in force, as of today: entities in chunks of consecutive
/// ids, each chunk's records read in one query, scored by <see cref="RiskScoring"/>. Only entities whose class, score
/// or explanation changed get a new assessment: it becomes the entity's <see cref="EntityRiskClass"/>, and the one it
/// replaces moves to the history (<see cref="RiskAssessment"/>), so the history stays small, a first run writes one row
/// an entity, and the class on any past day is the latest assessment as of it. The run is audited; its assessments, derived from audited records by the named model
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

        // The reading runs a chunk ahead of the scoring and writing, on a connection of its own, so the two cores
        // share the work: reading the records is most of a run. Four chunks go round (one read, two waiting, one
        // scored), reused rather than made anew: a chunk's lists are large objects, and a run's hundred chunks of
        // fresh ones made the collector sweep the whole heap some thirty times a run.
        var chunks = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var free = Channel.CreateUnbounded<Chunk>();
        for (var i = 0; i < 4; i++) free.Writer.TryWrite(new Chunk(entityId is null ? ChunkSize : 1));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(() => ReadChunksAsync(free.Reader, chunks.Writer, entityId, asOf, model.Definition, stop.Token), CancellationToken.None);
        try
        {
            // A chunk's classes are written while the next one is scored: the writing waits mostly on the database.
            var writing = Task.CompletedTask;
            try
            {
                await foreach (var chunk in chunks.Reader.ReadAllAsync(ct))
                {
                    var assessments = Score(run, model, asOf, chunk);
                    free.Writer.TryWrite(chunk);
                    await writing;
                    writing = WriteAsync(run, asOf, assessments, ct);
                }
            }
            finally
            {
                // Never leaves a write running on the run's connection, whatever stopped the loop.
                await writing;
            }
        }
        finally
        {
            stop.Cancel();
            await reading;
        }
        // A run over everyone may have changed most class rows: fresh statistics for the queries that join them (the
        // draw's pool) rather than waiting for autovacuum. A sample, not a scan: tens of milliseconds.
        if (entityId is null && run.Changed > 0 && db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("ANALYZE entity_risk_classes, risk_assessments", ct);
        // Saves the run's counts, and the notices added chunk by chunk, in the run's transaction.
        run.FinishedAtUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return run;
    }

    /// <summary>One chunk of consecutive entities with everything their scoring reads; filled again for the next.</summary>
    private sealed class Chunk(int entities)
    {
        public readonly List<(RiskScoring.EntityFacts Facts, EntityRiskClass? Current)> Entities = new(entities);
        /// <summary>The records in entity order, and beside each its entity.</summary>
        public readonly List<long> Owners = new(entities * 10);
        public readonly List<RiskScoring.RecordFact> Records = new(entities * 10);
        public Dictionary<long, RiskScoring.ListingFact[]> Listings = [];

        public void Clear()
        {
            Entities.Clear();
            Owners.Clear();
            Records.Clear();
        }
    }

    /// <summary>Scores each entity of the chunk; returns those whose class, score or explanation changed.</summary>
    private static List<(EntityRiskClass Assessment, EntityRiskClass? Current)> Score(RiskRun run, RiskModel model, DateOnly asOf, Chunk chunk)
    {
        var owners = chunk.Owners;
        var records = CollectionsMarshal.AsSpan(chunk.Records);
        var next = 0; // the records come in entity order, so each entity's are the next run of them
        // Made at the first change, as long as the chunk: a run that changes nothing makes none, a first run one each chunk.
        List<(EntityRiskClass Assessment, EntityRiskClass? Current)>? assessments = null;
        foreach (var (entity, current) in chunk.Entities)
        {
            while (next < owners.Count && owners[next] < entity.EntityId) next++;
            var from = next;
            while (next < owners.Count && owners[next] == entity.EntityId) next++;
            var result = RiskScoring.Assess(model.Definition, asOf, entity, records.Slice(from, next - from),
                chunk.Listings.TryGetValue(entity.EntityId, out var listings) ? listings : []);
            run.Assessed++;
            var fingerprint = RiskExplanationFormat.Fingerprint(result.Explanation);
            if (current is not null && current.Class == result.Class && current.Score == result.Score && current.Fingerprint == fingerprint)
                continue;
            (assessments ??= new(chunk.Entities.Count)).Add((new EntityRiskClass
            {
                EntityId = entity.EntityId, Class = result.Class, Score = result.Score, Explanation = result.Explanation,
                RunId = run.Id, AsOf = asOf, ModelId = model.Id, Fingerprint = fingerprint,
                // A new score in the same class keeps the day the class began.
                Since = current is { } c && c.Class == result.Class ? c.Since : asOf,
            }, current));
        }
        return assessments ?? [];
    }

    private async Task WriteAsync(RiskRun run, DateOnly asOf, List<(EntityRiskClass Assessment, EntityRiskClass? Current)> assessments, CancellationToken ct)
    {
        if (assessments.Count == 0) return;
        run.Changed += assessments.Count;
        // A change to C or D from a lower class is told to the departments; a first class is not a change.
        await notices.AddAsync([.. assessments
            .Where(x => x.Assessment.Class >= RiskClass.C && x.Current is { } before && before.Class < x.Assessment.Class)
            .Select(x => (x.Assessment.EntityId, RiskNoticeKind.BecameHighRisk, $"信用风险分类由 {x.Current!.Class} 类升为 {x.Assessment.Class} 类（{x.Assessment.Score} 分）。"))], ct);
        var replaced = assessments.Where(x => x.Current is not null).Select(x => x.Assessment.EntityId).ToArray();
        if (replaced.Length > 0)
        {
            await MoveToHistoryAsync(replaced, ct);
            await db.Set<EntityRiskClass>().Where(c => replaced.Contains(c.EntityId)).ExecuteDeleteAsync(ct);
        }
        await BulkInsert.InsertDerivedAsync(db, [.. assessments.Select(x => x.Assessment)], ct);
    }

    /// <summary>The entities' latest assessments, about to be replaced, become history, their stored text unchanged.</summary>
    private Task MoveToHistoryAsync(long[] entityIds, CancellationToken ct)
    {
        const string Copy = """
            INSERT INTO risk_assessments ("RunId", "EntityId", "Class", "Score", "Explanation", "AsOf", "ModelId")
            SELECT "RunId", "EntityId", "Class", "Score", "Explanation", "AsOf", "ModelId" FROM entity_risk_classes
            """;
        // The ids as one parameter: an array on PostgreSQL, a JSON array on SQLite, as EF sends a list.
        return db.Database.IsNpgsql()
            ? db.Database.ExecuteSqlRawAsync(Copy + """ WHERE "EntityId" = ANY(@ids)""", [new Npgsql.NpgsqlParameter("ids", entityIds)], ct)
            : db.Database.ExecuteSqlRawAsync(Copy + """ WHERE "EntityId" IN (SELECT value FROM json_each(@ids))""",
                [new Microsoft.Data.Sqlite.SqliteParameter("ids", System.Text.Json.JsonSerializer.Serialize(entityIds))], ct);
    }

    /// <summary>
    /// Reads the entities (all, or the one) in chunks of consecutive ids with their records that count on
    /// <paramref name="asOf"/>, their listings active on it and their current class, by plain data readers on a
    /// connection of its own: a run reads every record of the registry, and EF's materialisation of ten million rows
    /// cost more than the database's reading of them. The readers see the data as it was when the run began
    /// (one snapshot, read-only); the run writes only classes, each chunk's after that chunk was read.
    /// </summary>
    private async Task ReadChunksAsync(ChannelReader<Chunk> free, ChannelWriter<Chunk> writer, long? only, DateOnly asOf, RiskModelDefinition model, CancellationToken ct)
    {
        var observationTag = model.Observation?.Tag;
        var counted = CountedRecords.Of(model, asOf);
        try
        {
            await using var connection = await OpenSnapshotAsync(ct);
            long after = only is { } id ? id - 1 : 0;
            while (true)
            {
                var chunk = await free.ReadAsync(ct);
                chunk.Clear();
                var entities = chunk.Entities;
                await EntitiesAsync(connection, after, only is null ? ChunkSize : 1, entities, ct);
                if (entities.Count == 0 || (only is { } o && entities[0].Facts.EntityId != o)) break;
                var (first, last) = (entities[0].Facts.EntityId, entities[^1].Facts.EntityId);
                after = last;
                await RecordsAsync(connection, first, last, asOf, counted, chunk, ct);
                chunk.Listings = await ListingsAsync(connection, first, last, asOf, ct);
                if (observationTag is not null)
                {
                    var observed = await ObservedAsync(connection, first, last, observationTag, ct);
                    for (var i = 0; i < entities.Count; i++)
                        if (observed.Contains(entities[i].Facts.EntityId))
                            entities[i] = (entities[i].Facts with { InObservation = true }, entities[i].Current);
                }
                await writer.WriteAsync(chunk, ct);
                if (only is not null) break;
            }
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
        }
    }

    private async Task<Snapshot> OpenSnapshotAsync(CancellationToken ct)
    {
        // PostgreSQL's connection comes from the shared data source, which holds the password; a clone keeps it.
        var main = db.Database.GetDbConnection();
        DbConnection connection;
        if (main is ICloneable cloneable) connection = (DbConnection)cloneable.Clone();
        else
        {
            connection = DbProviderFactories.GetFactory(main)!.CreateConnection()!;
            connection.ConnectionString = db.Database.GetConnectionString();
        }
        await connection.OpenAsync(ct);
        if (connection is Npgsql.NpgsqlConnection postgres)
        {
            var transaction = await postgres.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            var snapshot = new Snapshot(connection, transaction);
            // Without JIT compilation, whose 20 ms a query cost more than it saved on these index scans.
            await using var setup = snapshot.Command("SET TRANSACTION READ ONLY; SET LOCAL jit = off");
            await setup.ExecuteNonQueryAsync(ct);
            return snapshot;
        }
        // A deferred transaction takes no write lock, and in WAL mode reads one snapshot beside the run's writes.
        return new Snapshot(connection, ((Microsoft.Data.Sqlite.SqliteConnection)connection).BeginTransaction(deferred: true));
    }

    /// <summary>A read-only transaction on a connection of its own, closed with it.</summary>
    private sealed class Snapshot(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
    {
        public DbCommand Command(string sql, params (string Name, object Value)[] parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            // Parameters, not text; the same SQL serves both databases.
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                (parameter.ParameterName, parameter.Value) = (name, value);
                command.Parameters.Add(parameter);
            }
            return command;
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>
    /// The next entities after <paramref name="after"/>, then their current classes by the same id range (not
    /// a join: with the classes table's statistics behind a first run's million new rows, PostgreSQL planned the
    /// join as a scan and sort of every class after the chunk, for each chunk).
    /// </summary>
    private static async Task EntitiesAsync(Snapshot connection, long after, int take, List<(RiskScoring.EntityFacts Facts, EntityRiskClass? Current)> entities, CancellationToken ct)
    {
        await using (var command = connection.Command("""
            SELECT "Id", "IndustryCode", "IndustrySection", "RegisteredOn" FROM supervised_entities WHERE "Id" > @after ORDER BY "Id" LIMIT @take
            """, ("after", after), ("take", take)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                entities.Add((new RiskScoring.EntityFacts(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3), false), null));
        if (entities.Count == 0) return;
        await using (var command = connection.Command("""
            SELECT "EntityId", "Class", "Score", "Fingerprint", "Since" FROM entity_risk_classes
            WHERE "EntityId" >= @first AND "EntityId" <= @last ORDER BY "EntityId"
            """, ("first", entities[0].Item1.EntityId), ("last", entities[^1].Item1.EntityId)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            var i = 0; // both in id order
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetInt64(0);
                while (entities[i].Item1.EntityId < id) i++;
                if (entities[i].Item1.EntityId != id) continue; // a class whose entity is gone
                // Only what a run compares: the explanation stays in the database.
                entities[i] = (entities[i].Item1, new EntityRiskClass
                {
                    EntityId = id, Class = (RiskClass)reader.GetInt32(1), Score = reader.GetDecimal(2),
                    Fingerprint = reader.GetInt64(3), Since = reader.GetFieldValue<DateOnly>(4),
                });
            }
        }
    }

    /// <summary>
    /// Which records the model can count: those of the kinds its record factors name, since the earliest day any
    /// of them looks back to. Only these are read: most of a registry's records (inspections that found nothing,
    /// annual reports on time) count for no factor, and reading them was most of a run.
    /// </summary>
    private sealed record CountedRecords(CreditRecordKind[] Kinds, DateOnly Since)
    {
        public static CountedRecords Of(RiskModelDefinition model, DateOnly asOf)
        {
            var factors = model.Factors.Where(f => f.Kind == RiskFactorKind.Records).ToList();
            return new([.. factors.SelectMany(f => f.RecordKinds ?? []).Distinct().Order()],
                factors.Count == 0 ? asOf : factors.Min(f => asOf.AddMonths(-f.WithinMonths!.Value)));
        }
    }

    private static async Task RecordsAsync(Snapshot connection, long first, long last, DateOnly asOf, CountedRecords counted, Chunk chunk, CancellationToken ct)
    {
        var (owners, facts) = (chunk.Owners, chunk.Records);
        if (counted.Kinds.Length == 0) return;
        // One parameter a kind: the same SQL serves both databases, which do not share an array type.
        var kinds = counted.Kinds.Select((k, i) => ($"k{i}", (object)(int)k)).ToArray();
        await using var command = connection.Command($"""
            SELECT "EntityId", "Id", "Kind", "Severity", "OccurredOn" FROM credit_records
            WHERE "EntityId" >= @first AND "EntityId" <= @last AND "OccurredOn" <= @asOf AND "OccurredOn" > @since
              AND "Kind" IN ({string.Join(", ", kinds.Select(k => "@" + k.Item1))})
              AND ("PublicityEndedOn" IS NULL OR "PublicityEndedOn" > @asOf)
            ORDER BY "EntityId"
            """, [("first", first), ("last", last), ("asOf", asOf), ("since", counted.Since), .. kinds]);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            owners.Add(reader.GetInt64(0));
            facts.Add(new RiskScoring.RecordFact(reader.GetInt64(1), (CreditRecordKind)reader.GetInt32(2), (CreditSeverity)reader.GetInt32(3), reader.GetFieldValue<DateOnly>(4)));
        }
    }

    private static async Task<Dictionary<long, RiskScoring.ListingFact[]>> ListingsAsync(Snapshot connection, long first, long last, DateOnly asOf, CancellationToken ct)
    {
        await using var command = connection.Command("""
            SELECT "EntityId", "Id", "List", "ListedOn", "RemovedOn" FROM credit_listings
            WHERE "EntityId" >= @first AND "EntityId" <= @last AND "ListedOn" <= @asOf AND ("RemovedOn" IS NULL OR "RemovedOn" > @asOf)
            """, ("first", first), ("last", last), ("asOf", asOf));
        var listings = new List<(long EntityId, RiskScoring.ListingFact Fact)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            listings.Add((reader.GetInt64(0), new RiskScoring.ListingFact(reader.GetInt64(1), (CreditList)reader.GetInt32(2),
                reader.GetFieldValue<DateOnly>(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4))));
        return listings.GroupBy(l => l.EntityId).ToDictionary(g => g.Key, g => g.Select(l => l.Fact).ToArray());
    }

    private static async Task<HashSet<long>> ObservedAsync(Snapshot connection, long first, long last, string tag, CancellationToken ct)
    {
        await using var command = connection.Command("""
            SELECT "EntityId" FROM entity_tags WHERE "EntityId" >= @first AND "EntityId" <= @last AND "Tag" = @tag
            """, ("first", first), ("last", last), ("tag", tag));
        var observed = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) observed.Add(reader.GetInt64(0));
        return observed;
    }

    /// <summary>
    /// The entity's assessment in force on <paramref name="date"/>: its latest, if assessed by then, or else the
    /// latest of those replaced since that was made by that day.
    /// </summary>
    public static async Task<RiskAssessment?> AssessmentOnAsync(AppDbContext db, long entityId, DateOnly date, CancellationToken ct)
    {
        var latest = await db.Set<EntityRiskClass>().AsNoTracking().FirstOrDefaultAsync(c => c.EntityId == entityId && c.AsOf <= date, ct);
        return latest?.AsAssessment() ?? await db.Set<RiskAssessment>().AsNoTracking().Where(a => a.EntityId == entityId && a.AsOf <= date)
            .OrderByDescending(a => a.AsOf).ThenByDescending(a => a.Id).FirstOrDefaultAsync(ct);
    }
}
