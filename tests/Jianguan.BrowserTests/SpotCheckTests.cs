using System.Text.Json;
using System.Text.RegularExpressions;
using Jianguan.Draw;
using Jianguan.Web.Platform.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jianguan.BrowserTests;

/// <summary>
/// A joint spot check from the task to the published result, as the market bureau's manager and head run it, then
/// as an outsider checks it: the record downloaded from the public page verified by the library the verify tool uses.
/// </summary>
public sealed class SpotCheckTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_joint_task_is_drawn_cancelled_with_the_heads_approval_drawn_again_inspected_published_and_verifiable()
    {
        // The demo's spot checks (and the risk classes the strata use) come in the background after start-up.
        await App.Services.GetRequiredService<DemoProgress>().Background;
        var name = $"婺城区餐饮服务单位联合抽查（浏览器测试 {Guid.NewGuid():N}）"[..40];
        var today = DateTime.Today;

        var manager = await PageForAsync("manager");
        await manager.GotoAsync("/SpotChecks");
        await manager.GetByLabel("任务名称").FillAsync(name);
        await manager.GetByLabel("开始日期").FillAsync(today.ToString("yyyy-MM-dd"));
        await manager.GetByLabel("结束日期").FillAsync(today.AddMonths(1).ToString("yyyy-MM-dd"));
        // One item of the market bureau and one of the enforcement bureau: a joint task (进一次门、查多项事).
        await manager.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^市场监管局 · ") }).First.CheckAsync();
        await manager.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^综合行政执法局 · ") }).First.CheckAsync();
        await manager.GetByLabel("行业（门类字母或代码前缀）").FillAsync("62");
        await manager.GetByRole(AriaRole.Button, new() { Name = "创建任务并公示种子承诺" }).ClickAsync();

        await Expect(manager.GetByRole(AriaRole.Status)).ToHaveTextAsync("抽查任务已创建，种子承诺已公示。");
        await Expect(manager.Locator("h1")).ToHaveTextAsync(name);
        var facts = manager.Locator("dl.facts");
        await Expect(facts).ToContainTextAsync("部门联合抽查");
        var firstCommitment = await CommitmentAsync(manager);
        var taskUrl = manager.Url;
        // The quotas, with their rounding, are shown before the draw.
        var strata = manager.GetByRole(AriaRole.Table, new() { Name = "分层与抽取数量" });
        await Expect(strata).ToBeVisibleAsync();
        await Expect(strata).ToContainTextAsync("向上取整");

        await manager.GetByLabel("见证人提供的公开随机数").FillAsync("浏览器测试 4-2-6-1");
        await manager.GetByRole(AriaRole.Button, new() { Name = "摇号", Exact = true }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Status)).ToHaveTextAsync("摇号完成，抽取记录已公示。");
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "第 1 次抽取（有效）" })).ToBeVisibleAsync();
        // One shot: no second draw is offered.
        await Expect(manager.GetByRole(AriaRole.Button, new() { Name = "摇号", Exact = true })).ToHaveCountAsync(0);

        // The record, downloaded as anybody would, recomputes in full and carries the commitment published first.
        using (var first = await VerifiedRecordAsync(manager, manager.GetByRole(AriaRole.Link, new() { Name = "下载记录（JSON）" }).First))
        {
            Assert.Equal(firstCommitment, first.RootElement.GetProperty("commitment").GetString());
            Assert.Equal("浏览器测试 4-2-6-1", first.RootElement.GetProperty("entropy").GetString());
        }

        // Cancelling needs a written reason, then the head's approval; the task gets a new commitment.
        await manager.GetByText("申请作废本次抽取").ClickAsync();
        await manager.GetByLabel("作废理由（书面说明，至少 10 个字）").FillAsync("名录中混入已迁出的市场主体，须更正后重新摇号。");
        await manager.GetByRole(AriaRole.Button, new() { Name = "提交作废申请" }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Status)).ToHaveTextAsync("作废申请已提交，待部门负责人批准。");
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "第 1 次抽取（作废待批准）" })).ToBeVisibleAsync();
        await Expect(manager.GetByRole(AriaRole.Button, new() { Name = "批准作废（原记录仍公开）" })).ToHaveCountAsync(0);

        var head = await PageForAsync("head");
        await head.GotoAsync(taskUrl);
        await head.GetByRole(AriaRole.Button, new() { Name = "批准作废（原记录仍公开）" }).ClickAsync();
        await Expect(head.GetByRole(AriaRole.Status)).ToHaveTextAsync("已批准作废，任务已公示新的种子承诺，可重新摇号。");
        await Expect(head.GetByRole(AriaRole.Heading, new() { Name = "第 1 次抽取（已作废）" })).ToBeVisibleAsync();
        var secondCommitment = await CommitmentAsync(head);
        Assert.NotEqual(firstCommitment, secondCommitment);

        await manager.GotoAsync(taskUrl);
        await manager.GetByRole(AriaRole.Button, new() { Name = "摇号", Exact = true }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "第 2 次抽取（有效）" })).ToBeVisibleAsync();
        var second = manager.GetByRole(AriaRole.Region, new() { Name = "第 2 次抽取（有效）" });
        using (var record = await VerifiedRecordAsync(manager, second.GetByRole(AriaRole.Link, new() { Name = "下载记录（JSON）" })))
            Assert.Equal(secondCommitment, record.RootElement.GetProperty("commitment").GetString());

        // The first entity drawn is inspected: a problem on the first item, corrected on the spot.
        var row = second.GetByRole(AriaRole.Row).Nth(1);
        var entityName = (await row.Locator("td").Nth(1).InnerTextAsync()).Split('\n')[0].Trim();
        await row.GetByText("录入检查结果").ClickAsync();
        await row.GetByLabel("检查结果").SelectOptionAsync(new SelectOptionValue { Label = "发现问题已责令改正" });
        await row.GetByRole(AriaRole.Group, new() { Name = "发现问题的事项" }).GetByRole(AriaRole.Checkbox).First.CheckAsync();
        await row.GetByLabel("后续处置").SelectOptionAsync(new SelectOptionValue { Label = "责令改正" });
        await row.GetByLabel("处置说明").FillAsync("当场责令改正，已整改到位");
        await row.GetByRole(AriaRole.Button, new() { Name = "保存检查结果" }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Status)).ToHaveTextAsync("检查结果已录入，请在期限内公示。");
        row = manager.GetByRole(AriaRole.Region, new() { Name = "第 2 次抽取（有效）" }).GetByRole(AriaRole.Row).Nth(1);
        await Expect(row).ToContainTextAsync("发现问题已责令改正");
        await Expect(row).ToContainTextAsync(new Regex(@"应于 \d{4}-\d{2}-\d{2} 前公示"));
        await row.GetByRole(AriaRole.Button, new() { Name = $"公示 {entityName} 的检查结果" }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Status)).ToHaveTextAsync("检查结果已公示，并记入信用记录。");
        await SaveScreenshotAsync(manager, "spot-check-task.png");

        // The public, on a phone: both draws, the cancelled one with its reason, and the published result.
        var visitor = await NewPageAsync(BrowserApp.Phone);
        await visitor.GotoAsync("/Public/SpotChecks");
        var draws = visitor.GetByRole(AriaRole.Table, new() { Name = "抽取记录" });
        await Expect(draws.GetByRole(AriaRole.Row).Filter(new() { HasTextString = $"{name}（第 1 次）" })).ToContainTextAsync("名录中混入已迁出的市场主体");
        await Expect(draws.GetByRole(AriaRole.Row).Filter(new() { HasTextString = $"{name}（第 2 次）" })).ToHaveCountAsync(1);
        var results = visitor.GetByRole(AriaRole.Table, new() { Name = "抽查结果" }).GetByRole(AriaRole.Row).Filter(new() { HasTextString = name });
        await Expect(results).ToContainTextAsync(entityName);
        await Expect(results).ToContainTextAsync("发现问题已责令改正");
        Assert.False(await BodyOverflowsSidewaysAsync(visitor));
        await SaveScreenshotAsync(visitor, "spot-check-public-phone.png");
    }

    private static async Task<string> CommitmentAsync(IPage page)
    {
        var text = await page.Locator("dl.facts dt:text-is('种子承诺（SHA-256）') + dd").InnerTextAsync();
        return Regex.Match(text, "[0-9a-f]{64}").Value is { Length: 64 } hex ? hex : throw new Xunit.Sdk.XunitException($"no commitment in “{text}”");
    }

    /// <summary>Downloads the record through the link and verifies it; returns it parsed.</summary>
    private static async Task<JsonDocument> VerifiedRecordAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = await download.PathAsync();
        var verification = DrawVerifier.Verify(path);
        Assert.All(verification.Checks, c => Assert.True(c.Outcome == CheckOutcome.Ok, $"{c.Name}: {c.Detail}"));
        Assert.Equal(DrawVerifier.CheckNames.Length, verification.Checks.Count);
        return JsonDocument.Parse(await File.ReadAllBytesAsync(path));
    }
}
