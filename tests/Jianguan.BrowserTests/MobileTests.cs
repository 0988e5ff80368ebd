using System.Text.RegularExpressions;
using System.Net.Http.Json;
using System.Text.Json;
using Jianguan.Web.Modules.Inspections;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jianguan.BrowserTests;

/// <summary>
/// 掌上执法 on a phone-sized Chromium: an inspection done online, another done with the browser offline (the app
/// opened again from the service worker's cache, a photo taken), synced once the network is back, and the same upload
/// replayed twice making no second record; a complaint check a department head assigned on the page (labelled fields,
/// cancelled with a reason) and found on the officer's phone, closed by the inspection made under it.
/// </summary>
public sealed class MobileTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task An_officer_inspects_online_and_offline_with_a_photo_and_each_inspection_arrives_once()
    {
        await App.Services.GetRequiredService<DemoProgress>().Background;
        var page = await PageForAsync("officer", BrowserApp.Phone);
        await page.GotoAsync("/m/");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        // Once the service worker controls the page, the app opens without network.
        await page.EvaluateAsync("async () => { await navigator.serviceWorker.ready; }");
        await page.ReloadAsync();
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        Assert.True(await page.EvaluateAsync<bool>("() => navigator.serviceWorker.controller !== null"));
        var tasks = page.Locator("article.card h3 a");
        await Expect(tasks.First).ToBeVisibleAsync();
        Assert.True(await tasks.CountAsync() >= 2, "the demo officer has at least two drawn entities to inspect");
        Assert.False(await BodyOverflowsSidewaysAsync(page));

        // Online.
        var online = await tasks.Nth(0).InnerTextAsync();
        await tasks.Nth(0).ClickAsync();
        await FillAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "完成检查" }).ClickAsync();
        await Expect(Card(page, online).Locator(".state")).ToHaveTextAsync("已同步");
        Assert.Equal(1, await InspectionsOfAsync(online));

        // Offline: the app comes back from the cache with the downloaded tasks; the inspection waits in the queue.
        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.Locator("#network")).ToContainTextAsync("离线");
        await page.GotoAsync("/m/#/");
        var offline = await tasks.Nth(0).InnerTextAsync();
        Assert.NotEqual(online, offline);
        await tasks.Nth(0).ClickAsync();
        await page.GetByLabel("拍照或选择文件（照片、PDF，单个不超过 20 MB）").SetInputFilesAsync(BrowserApp.Fixture("photo.jpg"));
        await Expect(page.Locator(".photos img")).ToHaveCountAsync(1);
        await FillAsync(page);
        await SaveScreenshotAsync(page, "mobile-form-offline.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "完成检查" }).ClickAsync();
        await Expect(Card(page, offline).Locator(".state")).ToContainTextAsync("待同步");
        await Expect(page.Locator("#queue-count")).ToHaveTextAsync("1");
        Assert.Equal(0, await InspectionsOfAsync(offline));

        // Back online: synced by itself, once, with the photo and the three signatures.
        await page.Context.SetOfflineAsync(false);
        await Expect(Card(page, offline).Locator(".state")).ToHaveTextAsync("已同步", new() { Timeout = 30000 });
        await Expect(page.Locator("#queue-count")).ToHaveTextAsync("");
        await SaveScreenshotAsync(page, "mobile-queue.png");
        var stored = await WithDbAsync(db => db.Set<Inspection>().Include(i => i.Evidence).SingleAsync(i => i.Entity!.Name == offline));
        Assert.Equal(1, stored.Evidence.Count(e => e.Kind == EvidenceKind.Photo));
        Assert.Equal(3, stored.Evidence.Count(e => e.Kind == EvidenceKind.Signature));
        Assert.Equal(InspectionChannel.Mobile, stored.Channel);

        // The same upload replayed twice, as a flaky network would: the stored record, no second one.
        var queued = await page.EvaluateAsync<string>(@"async clientId => {
            const db = await new Promise(r => { const o = indexedDB.open('jianguan-m-officer'); o.onsuccess = () => r(o.result); });
            return await new Promise(r => { const q = db.transaction('queue').objectStore('queue').get(clientId); q.onsuccess = () => r(JSON.stringify(q.result.inspection)); });
        }", stored.ClientId.ToString());
        using var api = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
        var token = await (await api.PostAsJsonAsync("/api/v1/auth/token", new { userName = "officer", password = BrowserApp.DemoPassword })).Content.ReadFromJsonAsync<JsonElement>();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        for (var i = 0; i < 2; i++)
        {
            var replay = await api.PutAsync($"/api/v1/inspections/{stored.ClientId}", new StringContent(queued, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(System.Net.HttpStatusCode.OK, replay.StatusCode);
            Assert.Equal(stored.Id, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        }
        Assert.Equal(1, await InspectionsOfAsync(offline));

        // The signed record opens from the queue as a PDF.
        var record = await page.Context.APIRequest.GetAsync($"/m/record/{stored.ClientId}");
        Assert.Equal("application/pdf", record.Headers["content-type"]);
    }

    [Fact]
    public async Task A_server_failing_for_a_while_leaves_the_inspection_pending_and_it_syncs_by_itself_afterwards()
    {
        await App.Services.GetRequiredService<DemoProgress>().Background;
        var entity = await WithDbAsync(db => db.Set<Jianguan.Web.Modules.Registry.SupervisedEntity>()
            .Where(e => e.Status == Jianguan.Web.Modules.Registry.EntityStatus.Active && !db.Set<Inspection>().Any(i => i.EntityId == e.Id))
            .OrderByDescending(e => e.Id).FirstAsync());
        var page = await PageForAsync("officer", BrowserApp.Phone);
        // A proxy in front of the platform answering 503 for the inspection itself (the uploads go through), as during
        // a deployment: fault injection at the network, the platform itself untouched.
        var failing = true;
        await page.RouteAsync(new Regex("/api/v1/inspections/[0-9a-f-]{36}$"), async route =>
        {
            if (failing && route.Request.Method == "PUT") await route.FulfillAsync(new() { Status = 503, ContentType = "text/plain", Body = "Service Unavailable" });
            else await route.ContinueAsync();
        });
        await page.GotoAsync($"/m/#/entity/{entity.CreditCode}");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        await page.GetByRole(AriaRole.Button, new() { Name = "开始日常检查" }).ClickAsync();
        await page.Locator("input[name=item]").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "生成检查表单" }).ClickAsync();
        await FillAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "完成检查" }).ClickAsync();
        var card = Card(page, entity.Name);
        // Not an error for the officer to deal with: still pending, saying it will be retried.
        await Expect(card).ToContainTextAsync("稍后自动重试");
        await Expect(card.Locator(".state")).ToContainTextAsync("待同步");
        Assert.Equal(0, await WithDbAsync(db => db.Set<Inspection>().CountAsync(i => i.EntityId == entity.Id)));

        // The server is back: the next sync (here: the network coming back) sends it, once.
        failing = false;
        await page.Context.SetOfflineAsync(true);
        await page.Context.SetOfflineAsync(false);
        await Expect(card.Locator(".state")).ToHaveTextAsync("已同步", new() { Timeout = 40000 });
        Assert.Equal(1, await WithDbAsync(db => db.Set<Inspection>().CountAsync(i => i.EntityId == entity.Id)));
    }

    [Fact]
    public async Task An_officer_finds_the_complaint_check_the_head_assigned_and_the_inspection_closes_it()
    {
        await App.Services.GetRequiredService<DemoProgress>().Background;
        var page = await PageForAsync("officer", BrowserApp.Phone);
        await page.GotoAsync("/m/");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        // The demo's complaint (DemoSpotChecks), with its number, among the day's work.
        var card = page.Locator("article.card").Filter(new() { HasTextString = "12315-演示-0001" });
        await Expect(card).ToContainTextAsync("投诉举报核查");
        var entity = await card.Locator("h3 a").InnerTextAsync();
        await card.Locator("h3 a").ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("消费者反映就餐后腹泻");
        await FillAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "完成检查" }).ClickAsync();
        await Expect(Card(page, entity).Locator(".state")).ToHaveTextAsync("已同步");
        var assignment = await WithDbAsync(db => db.Set<InspectionAssignment>().SingleAsync(a => a.Reference == "12315-演示-0001"));
        var inspection = await WithDbAsync(db => db.Set<Inspection>().SingleAsync(i => i.AssignmentId == assignment.Id));
        Assert.Equal(inspection.Id, assignment.InspectionId);
        Assert.Equal(InspectionKind.Complaint, inspection.Kind);
    }

    [Fact]
    public async Task A_head_assigns_a_complaint_check_on_the_page_with_labelled_fields()
    {
        await App.Services.GetRequiredService<DemoProgress>().Background;
        var code = await WithDbAsync(db => db.Set<Jianguan.Web.Modules.Registry.SupervisedEntity>()
            .Where(e => e.Status == Jianguan.Web.Modules.Registry.EntityStatus.Active).OrderByDescending(e => e.CreditCode).Select(e => e.CreditCode).FirstAsync());
        var page = await PageForAsync("head");
        await page.GotoAsync("/Inspections/Assignments");
        await page.GetByLabel("被检查单位的统一社会信用代码").FillAsync(code);
        await page.GetByLabel("来源").SelectOptionAsync(new SelectOptionValue { Label = "举报" });
        await page.GetByLabel("投诉举报编号").FillAsync("12345-浏览器-01");
        await page.GetByLabel("需要核查的内容").FillAsync("举报超范围经营");
        await page.Locator("fieldset input[type=checkbox]").First.CheckAsync();
        await page.GetByLabel("第一名执法人员").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("第二名执法人员").SelectOptionAsync(new SelectOptionValue { Index = 2 });
        await page.GetByRole(AriaRole.Button, new() { Name = "交办", Exact = true }).ClickAsync();
        await Expect(page.Locator("p.notice")).ToContainTextAsync("已交办");
        var row = page.Locator("tr").Filter(new() { HasTextString = "12345-浏览器-01" });
        await Expect(row).ToContainTextAsync("待核查");
        await SaveScreenshotAsync(page, "inspection-assignments.png");

        await row.GetByLabel(new Regex("^撤销核查交办 \\d+ 的理由$")).FillAsync("演示撤销");
        await row.GetByRole(AriaRole.Button, new() { Name = "撤销" }).ClickAsync();
        await Expect(page.Locator("tr").Filter(new() { HasTextString = "12345-浏览器-01" })).ToContainTextAsync("已撤销");
    }

    private static ILocator Card(IPage page, string entityName) => page.Locator("article.card").Filter(new() { HasTextString = entityName });

    /// <summary>Answers every point 符合, picks the second officer, and has the two officers and the party sign.</summary>
    private static async Task FillAsync(IPage page)
    {
        await page.GetByLabel("第二名执法人员").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        var compliant = page.GetByRole(AriaRole.Radio, new() { Name = "符合", Exact = true });
        for (var i = 0; i < await compliant.CountAsync(); i++) await compliant.Nth(i).CheckAsync();
        await page.GetByLabel("检查情况").FillAsync("后厨、仓库、索证索票记录均已检查。");
        await page.GetByLabel("当事人（在场人）姓名").FillAsync("王小明");
        var pads = page.Locator("canvas.sign");
        for (var i = 0; i < await pads.CountAsync(); i++)
        {
            var pad = pads.Nth(i);
            await pad.ScrollIntoViewIfNeededAsync();
            var box = (await pad.BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(box.X + 20, box.Y + 30);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height - 30, new() { Steps = 8 });
            await page.Mouse.MoveAsync(box.X + box.Width - 20, box.Y + 40, new() { Steps = 8 });
            await page.Mouse.UpAsync();
        }
    }

    private async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = App.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private Task<int> InspectionsOfAsync(string entityName) => WithDbAsync(db => db.Set<Inspection>().CountAsync(i => i.Entity!.Name == entityName));
}
