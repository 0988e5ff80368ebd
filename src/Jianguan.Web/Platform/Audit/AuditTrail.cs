using System.Data.Common;
using System.Text.Json;
using Jianguan.Integrity;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jianguan.Web.Platform.Audit;

/// <summary>
/// Writes an audit entry for every entity a save creates, changes or deletes, in the same transaction
/// as the change, chained to the entry before. Appends are serialised (an advisory lock on PostgreSQL,
/// SQLite's write lock) so that several instances never fork the chain.
/// </summary>
public sealed class AuditTrail(IHttpContextAccessor httpContext, TimeProvider time)
{
    /// <summary>Arbitrary constant naming the PostgreSQL advisory lock that serialises appends.</summary>
    private const long AppendLockKey = 0x4A47_4155_4449_54; // "JGAUDIT"

    /// <summary>Values never written to the trail: they are secrets, not facts about the record.</summary>
    private static readonly HashSet<string> MaskedProperties =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp"];

    private static readonly HashSet<Type> UnauditedTypes =
        [typeof(AuditEntry), typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey)];

    // Readable Chinese in the stored JSON; the hash covers whatever bytes are stored.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private AuditActor? _actorOverride;

    /// <summary>Attributes the saves of this scope to <paramref name="actor"/> (seeding, jobs).</summary>
    public void ActAs(AuditActor actor) => _actorOverride = actor;

    private AuditActor CurrentActor => _actorOverride ?? AuditActor.FromPrincipal(httpContext.HttpContext?.User);

    private static IEnumerable<EntityEntry> AuditedEntries(AppDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        return db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !UnauditedTypes.Contains(e.Metadata.ClrType));
    }

    internal static bool HasAuditedChanges(AppDbContext db) => AuditedEntries(db).Any();

    internal async Task<int> SaveWithAuditAsync(AppDbContext db, Func<CancellationToken, Task<int>> save, CancellationToken ct)
    {
        var pending = AuditedEntries(db)
            .Select(Capture)
            .Where(c => c is not null)
            .Select(c => c!)
            .ToList();
        if (pending.Count == 0) return await save(ct);

        if (db.Database.CurrentTransaction is { } outer)
        {
            // Inside the caller's transaction the entries wait for its commit (AuditCommits): appending takes the
            // chain's lock, which would otherwise be held through the rest of the transaction, every other save waiting.
            var result = await save(ct);
            // By EF's id of the transaction, new for each: the provider's transaction object may be reused.
            var transaction = outer.TransactionId;
            if (transaction != _deferredFor)
            {
                // Left by a transaction that ended without committing: they record nothing that happened.
                _deferred.Clear();
                _deferredFor = transaction;
            }
            _deferred.AddRange(pending.Select(p => p.Complete()));
            return result;
        }
        await using var own = await db.Database.BeginTransactionAsync(ct);
        // No savepoint around the save (two more round trips): if it fails, this whole transaction rolls back.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            var saved = await save(ct);
            await AppendAsync(db, [.. pending.Select(p => p.Complete())], ct);
            await own.CommitAsync(ct);
            return saved;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    private readonly List<AuditItem> _deferred = [];
    private Guid? _deferredFor;

    internal bool HasDeferred(Guid transaction) => transaction == _deferredFor && _deferred.Count > 0;

    /// <summary>Appends the entries of the saves made in <paramref name="transaction"/>, just before it commits.</summary>
    internal async Task AppendDeferredAsync(AppDbContext db, Guid transaction, CancellationToken ct)
    {
        if (!HasDeferred(transaction)) return;
        List<AuditItem> items = [.. _deferred];
        DiscardDeferred();
        await AppendAsync(db, items, ct);
    }

    internal void DiscardDeferred()
    {
        _deferred.Clear();
        _deferredFor = null;
    }

    /// <summary>
    /// Appends entries for changes written without change tracking (bulk inserts), chained after the last
    /// entry. The caller's transaction must be open: the entries commit or roll back with the rows.
    /// </summary>
    internal async Task AppendAsync(AppDbContext db, IReadOnlyList<AuditItem> items, CancellationToken ct)
    {
        if (items.Count == 0) return;
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Audit entries are appended inside the transaction of the change they record.");
        var (sequence, previousHash) = db.Database.IsNpgsql() ? await LockAndReadLastAsync(db, ct) : await ReadLastAsync(db, ct);
        var actor = CurrentActor;
        // PostgreSQL keeps microseconds: drop the last tick digit so the stored time hashes the same.
        var now = time.GetUtcNow().UtcDateTime;
        now = new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);

        var entries = new List<AuditEntry>(items.Count);
        foreach (var (action, entityType, entityKey, changes) in items)
        {
            var entry = new AuditEntry
            {
                Sequence = ++sequence, OccurredAtUtc = now, ActorId = actor.Id, ActorName = actor.Name,
                DepartmentId = actor.DepartmentId, Action = action, EntityType = entityType, EntityKey = entityKey,
                Changes = changes, PreviousHash = previousHash,
            };
            entry.Hash = AuditChain.ComputeHash(entry.ToRecord());
            previousHash = entry.Hash;
            entries.Add(entry);
        }
        if (!db.Database.IsNpgsql()) await InsertAsync(db, entries, ct);
        else if (entries.Count >= CopyThreshold) await CopyAsync(db, entries, ct);
        else await InsertBatchAsync(db, entries, ct);
    }

    private static async Task<(long Sequence, string Hash)> ReadLastAsync(AppDbContext db, CancellationToken ct)
    {
        var last = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(ct);
        return (last?.Sequence ?? 0, last?.Hash ?? AuditChain.GenesisHash);
    }

    /// <summary>
    /// PostgreSQL: the lock, then the last entry, in one round trip. Two statements, not one: under READ COMMITTED
    /// each statement sees what was committed when it began, so the read must begin after the lock is granted, or it
    /// would miss the entry that the holder of the lock committed meanwhile and fork the chain.
    /// </summary>
    private static async Task<(long Sequence, string Hash)> LockAndReadLastAsync(AppDbContext db, CancellationToken ct)
    {
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new Npgsql.NpgsqlBatch(connection, (Npgsql.NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction())
        {
            BatchCommands =
            {
                new Npgsql.NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new() { Value = AppendLockKey } } },
                new Npgsql.NpgsqlBatchCommand("""SELECT "Sequence", "Hash" FROM audit_entries ORDER BY "Sequence" DESC LIMIT 1"""),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditChain.GenesisHash);
    }

    /// <summary>PostgreSQL, a few entries: one round trip for all of them (a batch of the prepared insert).</summary>
    private static async Task InsertBatchAsync(AppDbContext db, List<AuditEntry> entries, CancellationToken ct)
    {
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new Npgsql.NpgsqlBatch(connection, (Npgsql.NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        foreach (var e in entries)
            batch.BatchCommands.Add(new Npgsql.NpgsqlBatchCommand(InsertSql)
            {
                Parameters =
                {
                    new() { Value = e.Sequence }, new() { Value = e.OccurredAtUtc }, new() { Value = (object?)e.ActorId ?? DBNull.Value },
                    new() { Value = e.ActorName }, new() { Value = (object?)e.DepartmentId ?? DBNull.Value }, new() { Value = e.Action },
                    new() { Value = e.EntityType }, new() { Value = e.EntityKey }, new() { Value = e.Changes }, new() { Value = e.PreviousHash },
                    new() { Value = e.Hash },
                },
            });
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>From this many entries on, PostgreSQL gets them by binary COPY: one round trip instead of one per entry.</summary>
    private const int CopyThreshold = 64;

    private static async Task CopyAsync(AppDbContext db, List<AuditEntry> entries, CancellationToken ct)
    {
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(
            """COPY audit_entries ("Sequence", "OccurredAtUtc", "ActorId", "ActorName", "DepartmentId", "Action", "EntityType", "EntityKey", "Changes", "PreviousHash", "Hash") FROM STDIN (FORMAT BINARY)""", ct);
        foreach (var e in entries)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(e.Sequence, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(e.OccurredAtUtc, NpgsqlTypes.NpgsqlDbType.TimestampTz, ct);
            await WriteNullableAsync(copy, e.ActorId, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(e.ActorName, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(copy, e.DepartmentId, NpgsqlTypes.NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(e.Action, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(e.EntityType, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(e.EntityKey, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(e.Changes, NpgsqlTypes.NpgsqlDbType.Text, ct);
            await copy.WriteAsync(e.PreviousHash, NpgsqlTypes.NpgsqlDbType.Char, ct);
            await copy.WriteAsync(e.Hash, NpgsqlTypes.NpgsqlDbType.Char, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private static Task WriteNullableAsync<T>(Npgsql.NpgsqlBinaryImporter copy, T? value, NpgsqlTypes.NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);

    // Parameters only, constant SQL; positional: PostgreSQL's batch takes them unnamed, SQLite by the names $1…$11.
    private const string InsertSql = """
        INSERT INTO audit_entries ("Sequence", "OccurredAtUtc", "ActorId", "ActorName", "DepartmentId", "Action", "EntityType", "EntityKey", "Changes", "PreviousHash", "Hash")
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        """;

    /// <summary>
    /// SQLite: one statement reused for every entry (an import writes as many entries as rows, and EF's change
    /// tracking would cost more than the rows themselves).
    /// </summary>
    private static async Task InsertAsync(AppDbContext db, List<AuditEntry> entries, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = InsertSql;
        DbParameter Add(string name)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            command.Parameters.Add(p);
            return p;
        }
        var (sequence, occurred, actorId, actorName, department, action, entityType, entityKey, changes, previousHash, hash) =
            (Add("$1"), Add("$2"), Add("$3"), Add("$4"), Add("$5"), Add("$6"), Add("$7"), Add("$8"), Add("$9"), Add("$10"), Add("$11"));
        foreach (var e in entries)
        {
            sequence.Value = e.Sequence;
            occurred.Value = e.OccurredAtUtc;
            actorId.Value = (object?)e.ActorId ?? DBNull.Value;
            actorName.Value = e.ActorName;
            department.Value = (object?)e.DepartmentId ?? DBNull.Value;
            action.Value = e.Action;
            entityType.Value = e.EntityType;
            entityKey.Value = e.EntityKey;
            changes.Value = e.Changes;
            previousHash.Value = e.PreviousHash;
            hash.Value = e.Hash;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>One entry to append: what was done to which record, and the values (JSON).</summary>
    internal readonly record struct AuditItem(string Action, string EntityType, string EntityKey, string Changes);

    private sealed record PendingChange(EntityEntry Entry, string Action, string? Changes, string? KeyBeforeSave)
    {
        // A created row's key, and its foreign keys to rows created in the same save, are known only after
        // the save: before it they hold EF's temporary values, which would make the entry lie.
        public AuditItem Complete() => new(Action, Entry.Metadata.ClrType.Name, KeyBeforeSave ?? KeyOf(Entry),
            Changes ?? RowValues(Entry.Properties.Select(p => (p.Metadata.Name, p.CurrentValue))));
    }

    private static PendingChange? Capture(EntityEntry entry)
    {
        switch (entry.State)
        {
            case EntityState.Added:
                return new PendingChange(entry, "Created", null, null);
            case EntityState.Deleted:
                return new PendingChange(entry, "Deleted", RowValues(entry.Properties.Select(p => (p.Metadata.Name, p.OriginalValue))), KeyOf(entry));
        }
        var changes = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in entry.Properties)
            if (p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
                changes[p.Metadata.Name] = new[] { Mask(p.Metadata.Name, p.OriginalValue), Mask(p.Metadata.Name, p.CurrentValue) };
        return changes.Count == 0 ? null : new PendingChange(entry, "Updated", JsonSerializer.Serialize(changes, Json), KeyOf(entry));
    }

    private static object? Mask(string property, object? value) => MaskedProperties.Contains(property) && value is not null ? "***" : value;

    /// <summary>The "Changes" of a created or deleted row: every property and its value, secrets masked.</summary>
    internal static string RowValues(IEnumerable<(string Property, object? Value)> values)
    {
        var changes = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (property, value) in values) changes[property] = Mask(property, value);
        return JsonSerializer.Serialize(changes, Json);
    }

    /// <summary>The key of a row as the trail names it: its primary key values joined by "|".</summary>
    internal static string KeyOf(IEnumerable<object?> keyValues) =>
        string.Join("|", keyValues.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));

    private static string KeyOf(EntityEntry entry) =>
        KeyOf(entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));
}
