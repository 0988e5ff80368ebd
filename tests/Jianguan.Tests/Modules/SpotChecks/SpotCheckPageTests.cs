using System.Net;
using Jianguan.Tests.Infrastructure;
using Jianguan.Tests.Modules.Credit;
using Jianguan.Tests.Platform.Documents;
using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Modules.SpotChecks;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Tests.Modules.SpotChecks;

/// <summary>The spot-check pages as a department manager works through a task, and as other users see them.</summary>
public abstract class SpotCheckPageTests(JianguanApp app)
{
    [Fact]
    public async Task A_manager_creates_draws_records_and_publishes_through_the_pages()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var tag = $"页面测试{Random.Shared.Next(10000, 99999)}";
        await app.WithDb(async db => { db.Add(new EntityTag { EntityId = entity.Id, Tag = tag }); await db.SaveChangesAsync(); });
        var item = await app.WithDb(db => db.Set<InspectionChecklist>()
            .Where(c => c.SpotCheck != SpotCheckFlag.None && c.EffectiveTo == null && c.Department!.Code == "SCJG").OrderBy(c => c.ItemCode).Select(c => c.ItemCode).FirstAsync());
        var manager = await PageClient.SignedIn(app, "manager");
        var index = await manager.Get("/SpotChecks");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Contains("新建抽查任务", await index.Content.ReadAsStringAsync());

        // A bad form comes back with the reason, nothing stored.
        var bad = await manager.PostForm("/SpotChecks", new() { ["Form"] = "task", ["TaskName"] = "页面任务", ["StartsOn"] = "2026-11-27", ["EndsOn"] = "2026-12-31",
            ["RatioA"] = "500", ["RatioB"] = "500", ["RatioC"] = "500", ["RatioD"] = "500" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("至少选择一个抽查事项", await bad.Content.ReadAsStringAsync());

        var created = await manager.PostForm("/SpotChecks", new()
        {
            ["Form"] = "task", ["TaskName"] = $"页面任务 {tag}", ["StartsOn"] = "2026-11-27", ["EndsOn"] = "2026-12-31", ["ItemCodes"] = item, ["Tag"] = tag,
            ["Stratification"] = "RiskClass", ["RatioA"] = "10000", ["RatioB"] = "10000", ["RatioC"] = "10000", ["RatioD"] = "10000",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var taskId = await app.WithDb(db => db.Set<SpotCheckTask>().Where(t => t.Tag == tag).Select(t => t.Id).SingleAsync());
        var page = await (await manager.Get($"/SpotChecks/Task?id={taskId}")).Content.ReadAsStringAsync();
        Assert.Contains("摇号前的分层与抽取数量", page);
        Assert.Contains("向上取整为 1", page);

        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostForm($"/SpotChecks/Task?id={taskId}", new() { ["Form"] = "draw", ["Entropy"] = "页面见证 6" })).StatusCode);
        page = await (await manager.Get($"/SpotChecks/Task?id={taskId}")).Content.ReadAsStringAsync();
        Assert.Contains("第 1 次抽取", page);
        Assert.Contains(entity.CreditCode, page);
        Assert.Contains("录入检查结果", page);

        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostForm($"/SpotChecks/Task?id={taskId}", new()
        {
            ["Form"] = "result", ["CreditCode"] = entity.CreditCode, ["InspectedOn"] = DateTime.Today.ToString("yyyy-MM-dd"), ["Outcome"] = "NoProblemFound", ["FollowUp"] = "None",
        })).StatusCode);
        page = await (await manager.Get($"/SpotChecks/Task?id={taskId}")).Content.ReadAsStringAsync();
        Assert.Contains("前公示", page);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostForm($"/SpotChecks/Task?id={taskId}", new() { ["Form"] = "publish", ["CreditCode"] = entity.CreditCode })).StatusCode);
        var published = await (await PageClient.Anonymous(app).Get("/Public/SpotChecks")).Content.ReadAsStringAsync();
        Assert.Contains(entity.CreditCode, published);
        Assert.Contains($"页面任务 {tag}", published);
        Assert.Equal(HttpStatusCode.OK, (await manager.Get("/SpotChecks/Deadlines")).StatusCode);
    }

    [Fact]
    public async Task The_inspection_notice_is_a_PDF_for_the_task_staff_and_the_business_drawn_only()
    {
        var drawn = await app.WithDb(db => db.Set<DrawnEntity>().Include(d => d.Entity)
            .Where(d => db.Set<SpotCheckDraw>().Any(x => x.Id == d.DrawId && x.State != DrawState.Cancelled)).OrderBy(d => d.Id).FirstAsync());
        var officer = await PageClient.SignedIn(app, "officer");
        var response = await officer.Get($"/Documents/InspectionNotice?task={drawn.TaskId}&code={drawn.Entity!.CreditCode}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = Poppler.Squeezed(Poppler.Text(await response.Content.ReadAsByteArrayAsync()));
        Assert.Contains("抽查检查通知书", text);
        Assert.Contains(drawn.Entity.Name, text);
        Assert.Contains("回避", text);
        // A business that was not drawn gets nothing; the API answers the same way to a token.
        var business = await PageClient.SignedIn(app, "business");
        if (drawn.Entity.CreditCode != CreditApiData.BusinessCode)
            Assert.Equal(HttpStatusCode.NotFound, (await business.Get($"/Documents/InspectionNotice?task={drawn.TaskId}&code={drawn.Entity.CreditCode}")).StatusCode);
        var api = await app.ClientFor("zhzf.officer");
        var other = await api.GetAsync($"/api/v1/spot-checks/tasks/{drawn.TaskId}/notices/{drawn.Entity.CreditCode}");
        var joint = await app.WithDb(db => db.Set<SpotCheckTaskItem>().AnyAsync(i => i.TaskId == drawn.TaskId && i.Department!.Code == "ZHZF"));
        Assert.Equal(joint ? HttpStatusCode.OK : HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Staff_of_an_unrelated_department_cannot_open_a_task_and_the_public_cannot_open_staff_pages()
    {
        var taskId = await app.WithDb(db => db.Set<SpotCheckTask>().Where(t => !t.Items.Any(i => i.Department!.Code == "ZHZF")).Select(t => t.Id).FirstAsync());
        var other = await PageClient.SignedIn(app, "zhzf.manager");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Get($"/SpotChecks/Task?id={taskId}")).StatusCode);
        var anonymous = await PageClient.Anonymous(app).Get("/SpotChecks");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        var business = await PageClient.SignedIn(app, "business");
        Assert.NotEqual(HttpStatusCode.OK, (await business.Get("/SpotChecks")).StatusCode);
    }
}

public sealed class SpotCheckPageTests_Sqlite(SqliteApp app) : SpotCheckPageTests(app), IClassFixture<SqliteApp>;
public sealed class SpotCheckPageTests_Postgres(PostgresApp app) : SpotCheckPageTests(app), IClassFixture<PostgresApp>;
