using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using System.Data.Common;
using System.Threading.Channels;

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
        // The reading runs a chunk ahead of the scoring and writing, on a connection of its own, so the two cores
        // share the work: reading the records is most of a run.
        var chunks = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(() => ReadChunksAsync(chunks.Writer, entityId, asOf, observationTag, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(ct))
                await ScoreAndWriteAsync(run, model, asOf, chunk, ct);
        }
        finally
        {
            stop.Cancel();
            await reading;
        }
        // Saves the run's counts, and the notices added chunk by chunk, in the run's transaction.
        run.FinishedAtUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return run;
    }

    /// <summary>One chunk of consecutive entities with everything their scoring reads.</summary>
    private sealed record Chunk(
        List<(RiskScoring.EntityFacts Facts, EntityRiskClass? Current)> Entities,
        List<long> Owners, RiskScoring.RecordFact[] Records, ILookup<long, RiskScoring.ListingFact> Listings);

    private async Task ScoreAndWriteAsync(RiskRun run, RiskModel model, DateOnly asOf, Chunk chunk, CancellationToken ct)
    {
        var (owners, records) = (chunk.Owners, chunk.Records);
        var next = 0; // the records come in entity order, so each entity's are the next run of them
        var assessments = new List<(RiskAssessment Assessment, long Fingerprint, EntityRiskClass? Current)>();
        foreach (var (entity, current) in chunk.Entities)
        {
            while (next < owners.Count && owners[next] < entity.EntityId) next++;
            var from = next;
            while (next < owners.Count && owners[next] == entity.EntityId) next++;
            var result = RiskScoring.Assess(model.Definition, asOf, entity, records.AsSpan(from, next - from), [.. chunk.Listings[entity.EntityId]]);
            run.Assessed++;
            var fingerprint = Fingerprint(result.Explanation);
            if (current is not null && current.Class == result.Class && current.Score == result.Score && current.Fingerprint == fingerprint)
                continue;
            assessments.Add((new RiskAssessment
            {
                RunId = run.Id, EntityId = entity.EntityId, Class = result.Class, Score = result.Score,
                Explanation = result.Explanation, AsOf = asOf, ModelId = model.Id,
            }, fingerprint, current));
        }
        if (assessments.Count == 0) return;
        // A change to C or D from a lower class is told to the departments; a first class is not a change.
        await notices.AddAsync([.. assessments
            .Where(x => x.Assessment.Class >= RiskClass.C && x.Current is { } before && before.Class < x.Assessment.Class)
            .Select(x => (x.Assessment.EntityId, RiskNoticeKind.BecameHighRisk, $"信用风险分类由 {x.Current!.Class} 类升为 {x.Assessment.Class} 类（{x.Assessment.Score} 分）。"))], ct);
        run.Changed += assessments.Count;
        await BulkInsert.InsertDerivedAsync(db, [.. assessments.Select(x => x.Assessment)], ct);
        var replaced = assessments.Where(x => x.Current is not null).Select(x => x.Assessment.EntityId).ToList();
        if (replaced.Count > 0)
            await db.Set<EntityRiskClass>().Where(c => replaced.Contains(c.EntityId)).ExecuteDeleteAsync(ct);
        await BulkInsert.InsertDerivedAsync(db, [.. assessments.Select(x => new EntityRiskClass
        {
            EntityId = x.Assessment.EntityId, Class = x.Assessment.Class, Score = x.Assessment.Score, AssessmentId = x.Assessment.Id, Fingerprint = x.Fingerprint,
            // A new score in the same class keeps the day the class began.
            Since = x.Current is { } c && c.Class == x.Assessment.Class ? c.Since : asOf,
        })], ct);
    }

    /// <summary>
    /// Reads the entities (all, or the one) in chunks of consecutive ids with their records that count on
    /// <paramref name="asOf"/>, their listings active on it and their current class, by plain data readers on a
    /// connection of its own: a run reads every record of the registry, and EF's materialisation of ten million rows
    /// cost more than the database's reading of them. The readers see the data as it was when the run began
    /// (one snapshot, read-only); the run writes only classes, each chunk's after that chunk was read.
    /// </summary>
    private async Task ReadChunksAsync(ChannelWriter<Chunk> writer, long? only, DateOnly asOf, string? observationTag, CancellationToken ct)
    {
        try
        {
            await using var connection = await OpenSnapshotAsync(ct);
            long after = only is { } id ? id - 1 : 0;
            while (true)
            {
                var entities = await EntitiesAsync(connection, after, only is null ? ChunkSize : 1, ct);
                if (entities.Count == 0 || (only is { } o && entities[0].Facts.EntityId != o)) break;
                var (first, last) = (entities[0].Facts.EntityId, entities[^1].Facts.EntityId);
                after = last;
                var (owners, records) = await RecordsAsync(connection, first, last, asOf, ct);
                var listings = await ListingsAsync(connection, first, last, asOf, ct);
                if (observationTag is not null)
                {
                    var observed = await ObservedAsync(connection, first, last, observationTag, ct);
                    for (var i = 0; i < entities.Count; i++)
                        if (observed.Contains(entities[i].Facts.EntityId))
                            entities[i] = (entities[i].Facts with { InObservation = true }, entities[i].Current);
                }
                await writer.WriteAsync(new Chunk(entities, owners, records, listings), ct);
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

    private static async Task<List<(RiskScoring.EntityFacts Facts, EntityRiskClass? Current)>> EntitiesAsync(Snapshot connection, long after, int take, CancellationToken ct)
    {
        await using var command = connection.Command("""
            SELECT e."Id", e."IndustryCode", e."IndustrySection", e."RegisteredOn", c."Class", c."Score", c."AssessmentId", c."Fingerprint", c."Since"
            FROM supervised_entities e LEFT JOIN entity_risk_classes c ON c."EntityId" = e."Id" AND c."EntityId" > @after
            WHERE e."Id" > @after ORDER BY e."Id" LIMIT @take
            """, ("after", after), ("take", take));
        var entities = new List<(RiskScoring.EntityFacts, EntityRiskClass?)>(take);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt64(0);
            var facts = new RiskScoring.EntityFacts(id, reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3), false);
            var current = reader.IsDBNull(4) ? null : new EntityRiskClass
            {
                EntityId = id, Class = (RiskClass)reader.GetInt32(4), Score = reader.GetDecimal(5), AssessmentId = reader.GetInt64(6),
                Fingerprint = reader.GetInt64(7), Since = reader.GetFieldValue<DateOnly>(8),
            };
            entities.Add((facts, current));
        }
        return entities;
    }

    private static async Task<(List<long> Owners, RiskScoring.RecordFact[] Facts)> RecordsAsync(Snapshot connection, long first, long last, DateOnly asOf, CancellationToken ct)
    {
        await using var command = connection.Command("""
            SELECT "EntityId", "Id", "Kind", "Severity", "OccurredOn" FROM credit_records
            WHERE "EntityId" >= @first AND "EntityId" <= @last AND "OccurredOn" <= @asOf AND ("PublicityEndedOn" IS NULL OR "PublicityEndedOn" > @asOf)
            ORDER BY "EntityId"
            """, ("first", first), ("last", last), ("asOf", asOf));
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

    private static async Task<ILookup<long, RiskScoring.ListingFact>> ListingsAsync(Snapshot connection, long first, long last, DateOnly asOf, CancellationToken ct)
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
        return listings.ToLookup(l => l.EntityId, l => l.Fact);
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
