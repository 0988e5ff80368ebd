using System.Globalization;
using System.Text;
using Jianguan.Integrity;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Platform.Audit;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Tests.Platform.Audit;

/// <summary>
/// <see cref="AuditReader.VerifyAsync"/> hashes the stored UTF-8 bytes without making strings; checking the
/// entries read as strings (<see cref="AuditReader.ReadAllAsync"/>, the export's path) must give the same
/// verdict, whatever the entries hold and however they were tampered with.
/// </summary>
public abstract class AuditReaderTests<TApp> : IAsyncLifetime where TApp : JianguanApp, new()
{
    private readonly TApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();
    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    private static readonly string LongChanges =
        "{\"Notes\":\"" + string.Concat(Enumerable.Repeat("现场检查发现问题，已责令改正。😀 ", 120)) + "\"}";

    /// <summary>Entries whose encoding has edge cases, chained after the demo district's own entries.</summary>
    private async Task AppendAwkwardEntriesAsync()
    {
        Assert.True(Encoding.UTF8.GetByteCount(LongChanges) > 2048);
        await _app.WithDb(async db =>
        {
            var last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstAsync();
            var previous = last.Hash;
            var at = new DateTime(2026, 11, 27, 8, 30, 0, DateTimeKind.Utc);
            AuditEntry[] entries =
            [
                // No actor id, no department, a whole second (no fraction stored on SQLite).
                new() { OccurredAtUtc = at, ActorName = "system", Action = "Login", EntityType = "AppUser", EntityKey = "", Changes = "{}" },
                // Department 0 and an empty actor id (which hashes as a null one), half a second.
                new() { OccurredAtUtc = at.AddMilliseconds(500), ActorId = "", ActorName = "王五", DepartmentId = 0, Action = "Created", EntityType = "Officer", EntityKey = "7", Changes = "{\"Name\":\"张建华\"}" },
                // Long non-ASCII changes, microseconds.
                new() { OccurredAtUtc = at.AddTicks(1_234_560), ActorId = "user-42", ActorName = "李四", DepartmentId = 3, Action = "Updated", EntityType = "Inspection", EntityKey = "2026-0001|甲", Changes = LongChanges },
            ];
            foreach (var entry in entries)
            {
                entry.Sequence = ++last.Sequence;
                entry.PreviousHash = previous;
                entry.Hash = previous = AuditChain.ComputeHash(entry.ToRecord());
                db.AuditEntries.Add(entry);
            }
            await db.SaveChangesAsync(); // audit entries themselves are not audited: this writes these rows alone
        });
    }

    private Task<(ChainVerification Fast, ChainVerification AsStrings)> VerifyBothWaysAsync() =>
        _app.WithDb(async db =>
        {
            var reader = new AuditReader(db);
            var fast = await reader.VerifyAsync(default);
            // On SQLite, readers on every core share out ranges of the trail: small ones here, so that
            // the demo district's entries make many and each tampering lands inside or at the edge of one.
            foreach (var rangeSize in (int[])[1, 5, 64])
            {
                var ranged = await reader.VerifyAsync(rangeSize, default);
                Assert.True(ranged == fast, $"ranges of {rangeSize}: {ranged}\none reader: {fast}");
            }
            var records = new List<AuditRecord>();
            await foreach (var record in reader.ReadAllAsync(default)) records.Add(record);
            return (fast, AuditChainVerifier.Verify(records));
        });

    private Task<long> LastSequence() => _app.WithDb(db => db.AuditEntries.MaxAsync(e => e.Sequence));

    [Fact]
    public async Task Reading_the_stored_bytes_gives_the_verdict_of_reading_strings_intact_or_tampered()
    {
        await AppendAwkwardEntriesAsync();
        var (fast, asStrings) = await VerifyBothWaysAsync();
        Assert.True(fast.IsIntact, fast.FirstBreak?.Message);
        Assert.Equal(asStrings, fast);
        Assert.Equal(await LastSequence(), fast.EntriesChecked);

        var last = await LastSequence();
        // Each tampering is undone before the next, inside a transaction rolled back.
        string[] tamperings =
        [
            $"UPDATE audit_entries SET \"Changes\" = replace(\"Changes\", '责令', '责成') WHERE \"Sequence\" = {last}",
            $"UPDATE audit_entries SET \"ActorId\" = NULL WHERE \"Sequence\" = {last - 1}", // "" and null hash alike: intact both ways
            $"UPDATE audit_entries SET \"DepartmentId\" = NULL WHERE \"Sequence\" = {last - 1}",
            $"UPDATE audit_entries SET \"ActorId\" = 'user-1' WHERE \"Sequence\" = {last - 2}",
            $"UPDATE audit_entries SET \"EntityKey\" = '2026-0001|乙' WHERE \"Sequence\" = {last}",
            $"UPDATE audit_entries SET \"Hash\" = upper(\"Hash\") WHERE \"Sequence\" = {last}", // still the same hash: intact both ways
            $"UPDATE audit_entries SET \"PreviousHash\" = upper(\"PreviousHash\") WHERE \"Sequence\" = {last}",
            $"UPDATE audit_entries SET \"PreviousHash\" = 'not a hash' WHERE \"Sequence\" = {last - 1}",
            $"UPDATE audit_entries SET \"Hash\" = 'zz' WHERE \"Sequence\" = {last - 2}",
            $"DELETE FROM audit_entries WHERE \"Sequence\" = {last / 2}",
            $"DELETE FROM audit_entries WHERE \"Sequence\" = 1",
            $"UPDATE audit_entries SET \"Sequence\" = {last + 5} WHERE \"Sequence\" = {last}",
        ];
        foreach (var sql in tamperings)
            await CompareAfterAsync(sql);
    }

    /// <summary>Applies <paramref name="sql"/>, compares the verdicts, and puts the trail back.</summary>
    protected async Task CompareAfterAsync(string sql)
    {
        await _app.WithDb(async db =>
        {
            var before = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
            await db.Database.ExecuteSqlRawAsync(sql);
            try
            {
                var (fast, asStrings) = await VerifyBothWaysAsync();
                Assert.True(asStrings == fast, $"{sql}\nbytes: {fast}\nstrings: {asStrings}");
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries");
                db.AuditEntries.AddRange(before);
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        });
        Assert.True((await VerifyBothWaysAsync()).Fast.IsIntact);
    }

    protected Task<long> LastSequenceAsync() => LastSequence();
    protected Task AppendAsync() => AppendAwkwardEntriesAsync();
}

public sealed class AuditReaderTests_Sqlite : AuditReaderTests<SqliteApp>
{
    [Fact]
    public async Task A_timestamp_stored_in_another_form_is_read_as_the_string_path_reads_it()
    {
        await AppendAsync();
        var last = await LastSequenceAsync();
        // The same instant written with a 'T' (DateTime.Parse reads it alike): intact both ways.
        await CompareAfterAsync($"UPDATE audit_entries SET \"OccurredAtUtc\" = replace(\"OccurredAtUtc\", ' ', 'T') WHERE \"Sequence\" = {last}");
        // Another instant: altered both ways.
        await CompareAfterAsync($"UPDATE audit_entries SET \"OccurredAtUtc\" = '2026-11-27 08:30:00.1' WHERE \"Sequence\" = {last}");
    }

    [Fact]
    public void The_stored_timestamp_text_is_parsed_as_DateTime_Parse_reads_it()
    {
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            var value = new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks));
            if (i % 3 == 0) value = new DateTime(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond); // no fraction
            var text = value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture); // as Microsoft.Data.Sqlite writes it
            Assert.True(SqliteAuditRows.TryParseTimestamp(Encoding.ASCII.GetBytes(text), out var ticks), text);
            Assert.Equal(DateTime.Parse(text, CultureInfo.InvariantCulture).Ticks, ticks);
        }
        foreach (var odd in new[] { "2026-11-27T08:30:00", "2026-02-30 08:30:00", "2026-11-27 24:00:00", "2026-11-27 08:30:00.", "2026-11-27 08:30:00.12345678", "20261127 083000", "" })
            Assert.False(SqliteAuditRows.TryParseTimestamp(Encoding.ASCII.GetBytes(odd), out _), odd);
    }
}

public sealed class AuditReaderTests_Postgres : AuditReaderTests<PostgresApp>;
