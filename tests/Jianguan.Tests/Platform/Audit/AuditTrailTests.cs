using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jianguan.Integrity;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Tests.Platform.Audit;

/// <summary>
/// 全过程记录: every change is in the trail, and the trail shows any entry altered, removed or
/// inserted behind the application's back. Each test gets its own database, since tampering breaks it.
/// </summary>
public abstract class AuditTrailTests<TApp> : IAsyncLifetime where TApp : JianguanApp, new()
{
    private readonly TApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();
    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    private async Task<JsonElement> Verify() =>
        await ApiAssert.Json(await (await _app.ClientFor("admin")).GetAsync("/api/v1/audit/verify"));

    private async Task<int> ChangeAnOfficerAsync(string name)
    {
        var client = await _app.ClientFor("manager");
        var officer = await _app.WithDb(db => db.Set<Officer>().AsNoTracking().Where(o => o.Department!.Code == "SCJG").OrderBy(o => o.Id).FirstAsync());
        await ApiAssert.Json(await client.PutAsJsonAsync($"/api/v1/officers/{officer.Id}", new
        {
            departmentId = officer.DepartmentId, name, licenseNumber = officer.LicenseNumber,
            licenseExpiresOn = officer.LicenseExpiresOn.ToString("yyyy-MM-dd"), qualifications = officer.Qualifications,
        }));
        return officer.Id;
    }

    private Task<long> LastSequence() => _app.WithDb(db => db.AuditEntries.MaxAsync(e => e.Sequence));

    [Fact]
    public async Task A_change_is_recorded_with_who_when_what_and_the_old_and_new_values()
    {
        var id = await ChangeAnOfficerAsync("审计测试");
        var entry = await _app.WithDb(db => db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstAsync(e => e.EntityType == nameof(Officer)));
        Assert.Equal("manager", entry.ActorName);
        Assert.Equal("Updated", entry.Action);
        Assert.Equal(id.ToString(), entry.EntityKey);
        Assert.NotNull(entry.DepartmentId);
        Assert.True(DateTime.UtcNow - entry.OccurredAtUtc < TimeSpan.FromMinutes(5));
        var changes = JsonDocument.Parse(entry.Changes).RootElement;
        Assert.Equal("审计测试", changes.GetProperty("Name")[1].GetString());
        Assert.False(changes.TryGetProperty("LicenseNumber", out _)); // unchanged values are not repeated
    }

    [Fact]
    public async Task Password_hashes_never_reach_the_trail()
    {
        var users = await _app.WithDb(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "AppUser").Select(e => e.Changes).ToListAsync());
        Assert.NotEmpty(users);
        Assert.All(users, c => Assert.DoesNotContain("AQAAAA", c)); // the prefix of every Identity v3 hash
        Assert.Contains(users, c => c.Contains("\"PasswordHash\":\"***\""));
    }

    [Fact]
    public async Task An_untouched_trail_verifies_as_intact()
    {
        await ChangeAnOfficerAsync("完好");
        var result = await Verify();
        Assert.True(result.GetProperty("intact").GetBoolean());
        Assert.Equal(await LastSequence(), result.GetProperty("entriesChecked").GetInt64());
    }

    [Fact]
    public async Task An_altered_entry_is_reported_as_altered_at_its_sequence()
    {
        await ChangeAnOfficerAsync("原值");
        var target = await LastSequence() - 1;
        await _app.WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET \"Changes\" = {"{\"Name\":\"篡改\"}"} WHERE \"Sequence\" = {target}"));
        var result = await Verify();
        Assert.False(result.GetProperty("intact").GetBoolean());
        Assert.Equal(target, result.GetProperty("firstBreak").GetProperty("sequence").GetInt64());
        Assert.Equal("altered", result.GetProperty("firstBreak").GetProperty("problem").GetString());
    }

    [Fact]
    public async Task An_altered_actor_is_detected_too()
    {
        await _app.WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET \"ActorName\" = {"someone-else"} WHERE \"Sequence\" = {3L}"));
        var result = await Verify();
        Assert.Equal(3, result.GetProperty("firstBreak").GetProperty("sequence").GetInt64());
        Assert.Equal("altered", result.GetProperty("firstBreak").GetProperty("problem").GetString());
    }

    [Fact]
    public async Task A_removed_entry_is_reported_as_removed_at_its_sequence()
    {
        await ChangeAnOfficerAsync("删除前");
        var target = await LastSequence() / 2;
        await _app.WithDb(db => db.Database.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE \"Sequence\" = {target}"));
        var result = await Verify();
        Assert.Equal(target, result.GetProperty("firstBreak").GetProperty("sequence").GetInt64());
        Assert.Equal("removed", result.GetProperty("firstBreak").GetProperty("problem").GetString());
        Assert.Equal(target - 1, result.GetProperty("entriesChecked").GetInt64());
    }

    [Fact]
    public async Task An_entry_inserted_at_the_end_is_reported_as_inserted()
    {
        var next = await LastSequence() + 1;
        await _app.WithDb(async db =>
        {
            db.AuditEntries.Add(new AuditEntry
            {
                Sequence = next, OccurredAtUtc = DateTime.UtcNow, ActorName = "intruder", Action = "Deleted", EntityType = "Officer",
                EntityKey = "1", Changes = "{}", PreviousHash = new string('a', 64), Hash = new string('b', 64),
            });
            await db.SaveChangesAsync(); // audit entries themselves are not audited: this writes the forged row alone
        });
        var result = await Verify();
        Assert.Equal(next, result.GetProperty("firstBreak").GetProperty("sequence").GetInt64());
        Assert.Equal("inserted", result.GetProperty("firstBreak").GetProperty("problem").GetString());
    }

    [Fact]
    public async Task An_entry_slipped_into_the_middle_with_a_correct_own_hash_breaks_the_link_after_it()
    {
        // The forger renumbers the tail to make room and even computes a valid hash for the forged
        // entry; the entry after it no longer links to it.
        var last = await LastSequence();
        var at = last / 2;
        await _app.WithDb(async db =>
        {
            for (var s = last; s >= at; s--)
                await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET \"Sequence\" = {s + 1} WHERE \"Sequence\" = {s}");
            var before = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == at - 1);
            var forged = new AuditEntry
            {
                Sequence = at, OccurredAtUtc = before.OccurredAtUtc, ActorName = "manager", Action = "Created", EntityType = "Officer",
                EntityKey = "999", Changes = "{\"Name\":\"幽灵\"}", PreviousHash = before.Hash,
            };
            forged.Hash = AuditChain.ComputeHash(forged.ToRecord());
            db.AuditEntries.Add(forged);
            await db.SaveChangesAsync(); // audit entries themselves are not audited: this writes the forged row alone
        });
        var result = await Verify();
        Assert.Equal(at + 1, result.GetProperty("firstBreak").GetProperty("sequence").GetInt64());
        Assert.Equal("inserted", result.GetProperty("firstBreak").GetProperty("problem").GetString());
    }

    private static Department NewDepartment(string code) => new() { Code = code, Name = $"测试部门{code}", ShortName = code, DivisionCode = "330702" };

    [Fact]
    public async Task Saves_inside_a_transaction_are_recorded_when_it_commits_in_the_order_made()
    {
        var before = await LastSequence();
        await _app.WithDb(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Add(NewDepartment("TXA"));
            await db.SaveChangesAsync();
            db.Add(NewDepartment("TXB"));
            await db.SaveChangesAsync();
            // Not yet: the entries are appended at the commit, with the chain's lock held only from there.
            Assert.Equal(before, await db.AuditEntries.MaxAsync(e => e.Sequence));
            await transaction.CommitAsync();
        });
        var entries = await _app.WithDb(db => db.AuditEntries.AsNoTracking().Where(e => e.Sequence > before).OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(["测试部门TXA", "测试部门TXB"], entries.Select(e => JsonDocument.Parse(e.Changes).RootElement.GetProperty("Name").GetString()));
        Assert.All(entries, e => Assert.Equal(nameof(Department), e.EntityType));
        Assert.True((await Verify()).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task Saves_of_a_transaction_rolled_back_or_abandoned_leave_nothing_in_the_trail_and_nothing_for_the_next()
    {
        var before = await LastSequence();
        await _app.WithDb(async db =>
        {
            await using (var rolledBack = await db.Database.BeginTransactionAsync())
            {
                db.Add(NewDepartment("RBA"));
                await db.SaveChangesAsync();
                await rolledBack.RollbackAsync();
            }
            db.ChangeTracker.Clear();
            await using (var abandoned = await db.Database.BeginTransactionAsync())
            {
                db.Add(NewDepartment("RBB"));
                await db.SaveChangesAsync();
            } // disposed without commit: rolled back
            db.ChangeTracker.Clear();
            await using var kept = await db.Database.BeginTransactionAsync();
            db.Add(NewDepartment("RBC"));
            await db.SaveChangesAsync();
            await kept.CommitAsync();
        });
        // The same pooled context again, for a save of its own.
        await _app.WithDb(async db => { db.Add(NewDepartment("RBD")); await db.SaveChangesAsync(); });
        var names = await _app.WithDb(db => db.AuditEntries.AsNoTracking().Where(e => e.Sequence > before).OrderBy(e => e.Sequence).Select(e => e.Changes).ToListAsync());
        Assert.Equal(["测试部门RBC", "测试部门RBD"], names.Select(c => JsonDocument.Parse(c).RootElement.GetProperty("Name").GetString()));
        Assert.Equal(["RBC", "RBD"], await _app.WithDb(db => db.Set<Department>().Where(d => d.Code.StartsWith("RB")).OrderBy(d => d.Code).Select(d => d.Code).ToListAsync()));
        Assert.True((await Verify()).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task Concurrent_changes_extend_one_unbroken_chain()
    {
        var client = await _app.ClientFor("manager");
        var departmentId = await _app.WithDb(db => db.Set<Department>().Where(d => d.Code == "SCJG").Select(d => d.Id).SingleAsync());
        var before = await LastSequence();
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => client.PostAsJsonAsync("/api/v1/officers", new
        {
            departmentId, name = $"并发{i}", licenseNumber = $"CC{i:000000}", licenseExpiresOn = "2029-01-01", qualifications = "食品安全",
        })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(before + 12, await LastSequence());
        Assert.True((await Verify()).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task The_export_is_checked_by_the_outside_verify_tool_which_sees_tampering()
    {
        await ChangeAnOfficerAsync("导出");
        var admin = await _app.ClientFor("admin");
        var file = Path.GetTempFileName();
        try
        {
            var export = await admin.GetAsync("/api/v1/audit/export");
            Assert.Equal("application/x-ndjson", export.Content.Headers.ContentType?.MediaType);
            await File.WriteAllBytesAsync(file, await export.Content.ReadAsByteArrayAsync());
            var (code, output) = await RunVerifyTool("audit", file);
            Assert.True(code == 0, output);
            Assert.Contains("INTACT", output);

            var head = (await Verify()).GetProperty("headHash").GetString();
            var last = await LastSequence();
            (code, output) = await RunVerifyTool("audit", file, "--anchor", $"{last}:{head}");
            Assert.True(code == 0, output);

            var lines = await File.ReadAllLinesAsync(file);
            lines[4] = lines[4].Replace("\"actorName\":\"system\"", "\"actorName\":\"sys\"");
            await File.WriteAllLinesAsync(file, lines);
            (code, output) = await RunVerifyTool("audit", file);
            Assert.Equal(1, code);
            Assert.Contains("BROKEN at entry 5", output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(int Code, string Output)> RunVerifyTool(params string[] args)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "Jianguan.Verify.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(tool);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}

public sealed class AuditTrailTests_Sqlite : AuditTrailTests<SqliteApp>;
public sealed class AuditTrailTests_Postgres : AuditTrailTests<PostgresApp>;
