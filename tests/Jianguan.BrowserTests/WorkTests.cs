using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jianguan.BrowserTests;

/// <summary>The pages staff work with: officers, the calendar, the audit trail, and how they fit a phone.</summary>
public sealed class WorkTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task An_officer_registered_by_one_manager_is_invisible_to_another_departments_manager()
    {
        // Unique per run, so the test can be repeated on the same database.
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var name = $"浏览器测试{suffix}";
        var license = $"BT-{suffix}";

        var manager = await PageForAsync("manager");
        await manager.GotoAsync("/Organization/Officers");
        await manager.GetByRole(AriaRole.Link, new() { Name = "登记执法人员" }).ClickAsync();
        await Expect(manager).ToHaveURLAsync(new Regex("/Organization/Officers/Edit$"));
        await manager.GetByLabel("姓名").FillAsync(name);
        await manager.GetByLabel("执法证号").FillAsync(license);
        await manager.GetByLabel("执法证有效期至").FillAsync("2030-06-30");
        await manager.GetByLabel("执法领域").FillAsync("食品安全、特种设备");
        await manager.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Expect(manager).ToHaveURLAsync(new Regex("/Organization/Officers$"));
        await Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync(name);
        var row = manager.GetByRole(AriaRole.Row).Filter(new() { HasTextString = license });
        await Expect(row).ToContainTextAsync(name);
        await Expect(row).ToContainTextAsync("市场监管局");
        await Expect(row).ToContainTextAsync("2030-06-30");
        var edit = await row.GetByRole(AriaRole.Link, new() { Name = $"编辑 {name}" }).GetAttributeAsync("href");
        var id = Regex.Match(edit!, @"[?&]id=(\d+)").Groups[1].Value;

        var other = await PageForAsync("zhzf.manager");
        await other.GotoAsync("/Organization/Officers");
        await Expect(other.Locator("tbody tr").First).ToContainTextAsync("综合行政执法局"); // its own officers are there
        await Expect(other.GetByText(name)).ToHaveCountAsync(0);

        var response = await other.GotoAsync($"/Organization/Officers/Edit?id={id}");

        Assert.Equal(404, response!.Status);
        await Expect(other.Locator("h1")).ToContainTextAsync("404");
        await Expect(other.Locator("body")).Not.ToContainTextAsync(name);
    }

    [Fact]
    public async Task The_calendar_counts_seven_working_days_from_26_September_2025_past_the_National_Day_holiday()
    {
        var page = await PageForAsync("admin");
        await page.GotoAsync("/Calendar");

        await page.GetByLabel("起算日").FillAsync("2025-09-26");
        await page.GetByLabel("天数").FillAsync("7");
        await page.GetByLabel("计算方式").SelectOptionAsync(new SelectOptionValue { Label = "工作日" });
        await page.GetByRole(AriaRole.Button, new() { Name = "计算", Exact = true }).ClickAsync();

        // 28 Sep and 11 Oct are make-up working days; 1-8 Oct are holidays.
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2025-10-13");
    }

    [Fact]
    public async Task The_administrator_verifies_the_audit_hash_chain_as_intact()
    {
        var page = await PageForAsync("admin");
        await page.GotoAsync("/Audit");

        await page.GetByRole(AriaRole.Button, new() { Name = "校验整条哈希链" }).ClickAsync();

        await Expect(page.GetByText("校验通过")).ToBeVisibleAsync();
        await Expect(page.GetByText("校验失败")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_officer_list_fits_a_phone_screen_with_only_the_table_scrolling_sideways()
    {
        var page = await PageForAsync("officer", BrowserApp.Phone);

        await page.GotoAsync("/Organization/Officers");

        await Expect(page.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        Assert.False(await BodyOverflowsSidewaysAsync(page), "the page as a whole must not scroll sideways on a phone");
        await SaveScreenshotAsync(page, "officers-phone-officer.png");
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("officer")]
    public async Task The_home_page_fits_a_phone_screen(string userName)
    {
        var page = await PageForAsync(userName, BrowserApp.Phone);

        await Expect(page.Locator(".card").First).ToBeVisibleAsync();
        Assert.False(await BodyOverflowsSidewaysAsync(page), "the page as a whole must not scroll sideways on a phone");
        // For a person to look at (Chinese text, layout); kept with the test output, not in the repository.
        await SaveScreenshotAsync(page, $"home-phone-{userName}.png");
    }
}
