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

        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var result = await save(ct);
            await AppendAsync(db, pending.Select(p => p.Complete()).ToList(), ct);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(ct);
            return result;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    private async Task AppendAsync(AppDbContext db, IReadOnlyList<(string Action, string EntityType, string EntityKey, string Changes)> items, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AppendLockKey})", ct);

        var last = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(ct);
        var sequence = last?.Sequence ?? 0;
        var previousHash = last?.Hash ?? AuditChain.GenesisHash;
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
        await InsertAsync(db, entries, ct);
    }

    // One prepared statement reused for every entry: an import writes as many audit entries as rows, and
    // EF's change tracking would cost more than the rows themselves. Parameters only, constant SQL.
    private const string InsertSql = """
        INSERT INTO audit_entries ("Sequence", "OccurredAtUtc", "ActorId", "ActorName", "DepartmentId", "Action", "EntityType", "EntityKey", "Changes", "PreviousHash", "Hash")
        VALUES (@sequence, @occurred, @actorId, @actorName, @department, @action, @entityType, @entityKey, @changes, @previousHash, @hash)
        """;

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
            (Add("@sequence"), Add("@occurred"), Add("@actorId"), Add("@actorName"), Add("@department"), Add("@action"),
             Add("@entityType"), Add("@entityKey"), Add("@changes"), Add("@previousHash"), Add("@hash"));
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

    private sealed record PendingChange(EntityEntry Entry, string Action, string Changes, string? KeyBeforeSave)
    {
        // Keys of added rows exist only after the save.
        public (string, string, string, string) Complete() =>
            (Action, Entry.Metadata.ClrType.Name, KeyBeforeSave ?? KeyOf(Entry), Changes);
    }

    private static PendingChange? Capture(EntityEntry entry)
    {
        var changes = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in entry.Properties)
        {
            var name = p.Metadata.Name;
            object? Show(object? v) => MaskedProperties.Contains(name) && v is not null ? "***" : v;
            switch (entry.State)
            {
                case EntityState.Added: changes[name] = Show(p.CurrentValue); break;
                case EntityState.Deleted: changes[name] = Show(p.OriginalValue); break;
                case EntityState.Modified when p.IsModified && !Equals(p.OriginalValue, p.CurrentValue):
                    changes[name] = new[] { Show(p.OriginalValue), Show(p.CurrentValue) };
                    break;
            }
        }
        if (entry.State == EntityState.Modified && changes.Count == 0) return null;
        var action = entry.State switch { EntityState.Added => "Created", EntityState.Deleted => "Deleted", _ => "Updated" };
        return new PendingChange(entry, action, JsonSerializer.Serialize(changes, Json),
            entry.State == EntityState.Added ? null : KeyOf(entry));
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join("|", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
}
