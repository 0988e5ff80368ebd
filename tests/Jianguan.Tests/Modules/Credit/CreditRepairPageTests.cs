using System.Net;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Credit;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Tests.Modules.Credit;

/// <summary>
/// 信用修复 through the pages: the business applies on its own page, the issuing department decides on its work page,
/// and the public page stops showing the record (发改委令第58号 / 信用修复管理办法 2026: publicity ends on approval).
/// </summary>
public abstract class CreditRepairPageTests(JianguanApp app)
{
    private const string Demo = "91330702MA2E6WYQ2T";

    [Fact]
    public async Task The_business_applies_and_the_department_approves_and_publicity_ends()
    {
        // The demo business's 一般 penalty of 150 days ago: past the three months' minimum.
        var record = await app.WithDb(db => db.Set<CreditRecord>().Where(r => r.Entity!.CreditCode == Demo && r.Title.Contains("二千元")).SingleAsync());
        var business = await PageClient.SignedIn(app, "business");
        var mine = await (await business.Get("/Credit/Mine")).Content.ReadAsStringAsync();
        Assert.Contains($"<option value=\"{record.Id}\"", mine);

        // Missing evidence: refused, nothing stored.
        var refused = await business.PostForm("/Credit/Mine", new() { ["Form"] = "Repair", ["Repair.RecordId"] = record.Id.ToString(), ["Repair.Commitment"] = "承诺" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("必填：已履行义务", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithDb(db => db.Set<CreditRepairApplication>().CountAsync(a => a.RecordId == record.Id)));

        var applied = await business.PostForm("/Credit/Mine", new()
        {
            ["Form"] = "Repair", ["Repair.RecordId"] = record.Id.ToString(), ["Repair.Evidence"] = "已缴纳罚款，已在店堂公示许可信息", ["Repair.Commitment"] = "本单位承诺依法公示经营信息",
        });
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var application = await app.WithDb(db => db.Set<CreditRepairApplication>().SingleAsync(a => a.RecordId == record.Id));
        Assert.Contains("待决定", await (await business.Get("/Credit/Mine")).Content.ReadAsStringAsync());

        // An officer sees it but cannot decide; the department's manager decides.
        var officer = await PageClient.SignedIn(app, "officer");
        var work = await (await officer.Get("/Credit/Work")).Content.ReadAsStringAsync();
        Assert.Contains(record.Title, work);
        Assert.DoesNotContain("准予修复</button>", work);
        var manager = await PageClient.SignedIn(app, "manager");
        var noReason = await manager.PostForm("/Credit/Work", new() { ["RepairId"] = application.Id.ToString(), ["Decision.Approve"] = "false" });
        Assert.Contains("必填：不予修复的理由", await noReason.Content.ReadAsStringAsync());
        var approved = await manager.PostForm("/Credit/Work", new() { ["RepairId"] = application.Id.ToString(), ["Decision.Approve"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        var stored = await app.WithDb(db => db.Set<CreditRecord>().SingleAsync(r => r.Id == record.Id));
        Assert.NotNull(stored.PublicityEndedOn);
        Assert.Equal("信用修复", stored.PublicityEndReason);
        var publicPage = await (await PageClient.Anonymous(app).Get($"/Public/Credit/{Demo}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(record.Title, publicPage);
    }

    [Fact]
    public async Task Another_departments_manager_cannot_decide_and_nothing_changes()
    {
        var record = await app.WithDb(db => db.Set<CreditRecord>().Where(r => r.Entity!.CreditCode == Demo && r.Title.Contains("五千元")).SingleAsync());
        var id = await app.WithDb(async db =>
        {
            var a = new CreditRepairApplication
            {
                RecordId = record.Id, EntityId = record.EntityId, AppliedOn = record.OccurredOn, AppliedBy = "business", Evidence = "e", Commitment = "c",
                DecideBy = record.OccurredOn.AddDays(14),
            };
            db.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        });
        var other = await PageClient.SignedIn(app, "zhzf.manager");
        Assert.DoesNotContain(record.Title, await (await other.Get("/Credit/Work")).Content.ReadAsStringAsync());
        var response = await other.PostForm("/Credit/Work", new() { ["RepairId"] = id.ToString(), ["Decision.Approve"] = "true" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var after = await app.WithDb(db => db.Set<CreditRepairApplication>().SingleAsync(a => a.Id == id));
        Assert.Equal(RepairStatus.Submitted, after.Status);
        Assert.Null((await app.WithDb(db => db.Set<CreditRecord>().SingleAsync(r => r.Id == record.Id))).PublicityEndedOn);
    }

    [Fact]
    public async Task The_registration_authority_sees_the_notices_of_listings_and_marks_them_read()
    {
        var manager = await PageClient.SignedIn(app, "manager");
        var html = await (await manager.Get("/Credit/Work")).Content.ReadAsStringAsync();
        Assert.Contains("列入严重违法失信名单", html);
        var notice = await app.WithDb(db => db.Set<RiskNotice>().Where(n => n.DepartmentId == 1 && n.ReadAtUtc == null).OrderBy(n => n.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostForm("/Credit/Work", new() { ["NoticeId"] = notice.Id.ToString() })).StatusCode);
        Assert.NotNull((await app.WithDb(db => db.Set<RiskNotice>().SingleAsync(n => n.Id == notice.Id))).ReadAtUtc);
        // Another department cannot mark it.
        var other = await PageClient.SignedIn(app, "zhzf.manager");
        var second = await app.WithDb(db => db.Set<RiskNotice>().Where(n => n.DepartmentId == 1 && n.ReadAtUtc == null).OrderBy(n => n.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostForm("/Credit/Work", new() { ["NoticeId"] = second.Id.ToString() })).StatusCode);
        Assert.Null((await app.WithDb(db => db.Set<RiskNotice>().SingleAsync(n => n.Id == second.Id))).ReadAtUtc);
    }
}

public sealed class CreditRepairPageTests_Sqlite(SqliteApp app) : CreditRepairPageTests(app), IClassFixture<SqliteApp>;
public sealed class CreditRepairPageTests_Postgres(PostgresApp app) : CreditRepairPageTests(app), IClassFixture<PostgresApp>;
