using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jianguan.BrowserTests;

/// <summary>Credit as the registration authority's manager keeps it, and as the public then sees it.</summary>
public sealed class CreditTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_manager_sees_the_class_explained_lists_an_entity_and_the_public_sees_the_listing_but_not_the_class()
    {
        // The demo's credit data comes in the background after start-up.
        await App.Services.GetRequiredService<DemoProgress>().Background;
        // A classified enterprise with points to explain and no listing yet.
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var entity = await db.Set<SupervisedEntity>()
            .Where(e => e.Type == EntityType.Enterprise && e.Status == EntityStatus.Active && !db.Set<CreditListing>().Any(l => l.EntityId == e.Id)
                && db.Set<EntityRiskClass>().Any(c => c.EntityId == e.Id && c.Class != RiskClass.A))
            .OrderByDescending(e => e.Id).Select(e => new { e.CreditCode, e.Name }).FirstAsync();
        var decision = $"金市监异入〔{DateTime.Now.Year}〕{Random.Shared.Next(500, 900)}号";

        var page = await PageForAsync("manager");
        await page.GotoAsync($"/Registry/Entity?code={entity.CreditCode}");
        await page.GetByRole(AriaRole.Link, new() { Name = "信用档案" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync($"信用档案：{entity.Name}");
        var explanation = page.GetByRole(AriaRole.Table, new() { Name = "分类依据" });
        await Expect(explanation).ToBeVisibleAsync();
        await Expect(explanation.GetByRole(AriaRole.Row)).Not.ToHaveCountAsync(1); // a factor besides the header
        await Expect(page.Locator(".risk-class")).ToContainTextAsync("类");

        await page.GetByRole(AriaRole.Link, new() { Name = "信用名单", Exact = true }).ClickAsync();
        await page.GetByLabel("统一社会信用代码").FillAsync(entity.CreditCode);
        await page.GetByLabel("列入的名单").SelectOptionAsync(new SelectOptionValue { Label = "经营异常名录" });
        await page.GetByLabel("列入事由").SelectOptionAsync(new SelectOptionValue { Label = "通过登记的住所或者经营场所无法联系" });
        await page.GetByLabel("发现日期").FillAsync(DateTime.Now.AddDays(-2).ToString("yyyy-MM-dd"));
        await page.GetByLabel("列入决定书文号").FillAsync(decision);
        await page.GetByLabel("事实和理由").FillAsync("经实地核查，通过登记的住所无法联系。");
        await page.GetByRole(AriaRole.Button, new() { Name = "列入", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已列入名单。");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"信用档案：{entity.Name}");
        var row = page.GetByRole(AriaRole.Table, new() { Name = "名单记录" }).GetByRole(AriaRole.Row).Filter(new() { HasTextString = decision });
        await Expect(row).ToContainTextAsync("经营异常名录");
        await Expect(row).ToContainTextAsync("在列");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "移出名单" })).ToBeVisibleAsync();
        await SaveScreenshotAsync(page, "credit-entity.png");

        // The public, on a phone: the listing is there, the class is not.
        var visitor = await NewPageAsync(BrowserApp.Phone);
        await visitor.GotoAsync("/Public/Credit");
        await visitor.GetByLabel("市场主体名称或统一社会信用代码").FillAsync(entity.CreditCode);
        await visitor.GetByLabel("市场主体名称或统一社会信用代码").PressAsync("Enter");
        await visitor.GetByRole(AriaRole.Link, new() { Name = entity.Name }).ClickAsync();
        await Expect(visitor.Locator("h1")).ToHaveTextAsync(entity.Name);
        var listing = visitor.GetByRole(AriaRole.Row).Filter(new() { HasTextString = decision });
        await Expect(listing).ToContainTextAsync("经营异常名录");
        await Expect(listing).ToContainTextAsync("通过登记的住所或者经营场所无法联系");
        var text = await visitor.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("风险", text);
        foreach (var c in Enum.GetValues<RiskClass>()) Assert.DoesNotContain(CreditNames.Class(c), text);
        Assert.False(await BodyOverflowsSidewaysAsync(visitor));
        await SaveScreenshotAsync(visitor, "credit-public-phone.png");
    }
}
