using Jianguan.Web.Modules.Registry;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace Jianguan.BrowserTests;

/// <summary>The registry's import as a department manager does it: upload, follow the progress, read the report.</summary>
public sealed class RegistryTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_manager_imports_an_xlsx_follows_its_progress_and_finds_the_imported_business()
    {
        var code = CreditCode.Synthetic(700_000 + Random.Shared.Next(10_000));
        var file = Path.Combine(Path.GetTempPath(), $"registry-{Guid.NewGuid():N}.xlsx");
        MiniExcel.SaveAs(file, new[]
        {
            new Dictionary<string, object> { ["统一社会信用代码"] = code, ["名称"] = "浏览器导入餐饮有限公司", ["行政区划代码"] = "330702001", ["行业代码"] = "6210", ["标签"] = "浏览器导入" },
            new Dictionary<string, object> { ["统一社会信用代码"] = "91440300192317458A", ["名称"] = "校验位错误有限公司", ["行政区划代码"] = "330702001", ["行业代码"] = "6210", ["标签"] = "" },
        });
        try
        {
            var page = await PageForAsync("manager");
            await page.GotoAsync("/Registry");
            await page.GetByRole(AriaRole.Link, new() { Name = "批量导入" }).ClickAsync();
            await page.Locator("#file").SetInputFilesAsync(file);
            await page.GetByLabel("只导入正确的行").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();

            // The job's page: it reloads itself until the report is there.
            await Expect(page.Locator("h1")).ToContainTextAsync("导入任务");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "导入报告" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Expect(page.Locator("#import-status")).ToHaveTextAsync("已完成");
            await Expect(page.GetByText("新增 1，更新 0，错误 1")).ToBeVisibleAsync();
            var errorRow = page.GetByRole(AriaRole.Row).Filter(new() { HasTextString = "统一社会信用代码" });
            await Expect(errorRow).ToContainTextAsync("3");
            await Expect(errorRow).ToContainTextAsync("第 18 位应为“F”");
            await SaveScreenshotAsync(page, "registry-import-report.png");

            await page.GetByRole(AriaRole.Link, new() { Name = "返回名录库" }).ClickAsync();
            await page.GetByLabel("名称或统一社会信用代码").FillAsync(code);
            await page.GetByLabel("名称或统一社会信用代码").PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "浏览器导入餐饮有限公司", Exact = true })).ToBeVisibleAsync();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
