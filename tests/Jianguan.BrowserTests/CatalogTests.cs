using Jianguan.Web.Modules.Catalog.Import;
using Jianguan.Web.Platform.Spreadsheets;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace Jianguan.BrowserTests;

/// <summary>The catalog's Excel round trip as a department manager does it, and the public catalog.</summary>
public sealed class CatalogTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_manager_downloads_the_catalog_uploads_it_back_unchanged_and_sees_a_bad_file_refused_row_by_row()
    {
        var page = await PageForAsync("manager");
        await page.GetByRole(AriaRole.Link, new() { Name = "监管事项", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("监管事项目录清单");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "导出事项目录（Excel）" }).ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var exported = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(exported);
        List<IDictionary<string, object?>> rows;
        using (var stream = File.OpenRead(exported))
            rows = [.. MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>()];
        Assert.Equal(CatalogSpreadsheets.ItemColumns.All, rows[0].Values.Select(v => v?.ToString()));
        var dataRows = rows.Count - 1;

        // The same file back: nothing to change, every row counted as unchanged.
        await page.GetByRole(AriaRole.Link, new() { Name = "Excel 导入" }).ClickAsync();
        await page.GetByLabel("清单").SelectOptionAsync(new SelectOptionValue { Label = "监管事项目录清单" });
        await page.GetByLabel("Excel 文件").SetInputFilesAsync(exported);
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并导入" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"未变 {dataRows} 行");

        // A file with one bad row, refused whole: the report names the row, the column and the reason.
        var bad = Path.Combine(Path.GetTempPath(), $"catalog-bad-{Guid.NewGuid():N}.xlsx");
        var code = "B" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        await File.WriteAllBytesAsync(bad, Spreadsheet.Write("Sheet1", CatalogSpreadsheets.ItemColumns.All,
        [
            [code + "1", "浏览器导入的事项", "检查", "对象", "措施", "《测试法》", "第一条", "", "", "", "县级", "", "审批部门监管", "是", "", "", ""],
            [code + "2", "类别写错的事项", "检验", "对象", "措施", "《测试法》", "第一条", "", "", "", "县级", "", "审批部门监管", "是", "", "", ""],
        ]));
        await page.GetByLabel("Excel 文件").SetInputFilesAsync(bad);
        await page.GetByLabel("整个文件不导入").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并导入" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("整个文件未导入");
        var errorRow = page.GetByRole(AriaRole.Row).Filter(new() { HasTextString = "监管类别" });
        await Expect(errorRow).ToContainTextAsync("3");
        await Expect(errorRow).ToContainTextAsync("检验");

        // The person chooses to store the valid rows: one stored, the bad one still listed.
        await page.GetByLabel("Excel 文件").SetInputFilesAsync(bad);
        await page.GetByLabel("只导入有效行").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并导入" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("新增 1 行");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasTextString = "监管类别" })).ToBeVisibleAsync();
        await SaveScreenshotAsync(page, "catalog-import-report.png");

        await page.GotoAsync("/Catalog?q=" + code);
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "浏览器导入的事项", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("类别写错的事项")).ToHaveCountAsync(0);
        File.Delete(exported);
        File.Delete(bad);
    }

    [Fact]
    public async Task A_visitor_without_login_searches_the_public_catalog_and_opens_an_items_checklist()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await page.GetByRole(AriaRole.Link, new() { Name = "监管清单公示" }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("监管清单公示");
        await page.GetByLabel("搜索").FillAsync("特种设备");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await page.GetByText("特种设备使用单位监督检查").First.ClickAsync();
        await Expect(page.GetByText("特种设备使用登记证和定期检验合格标志").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "退出登录" })).ToHaveCountAsync(0);
        await SaveScreenshotAsync(page, "catalog-public-search.png");
    }

    [Fact]
    public async Task A_manager_adjusts_a_checklist_on_the_page_and_its_history_shows_both_versions()
    {
        var page = await PageForAsync("manager");
        await page.GotoAsync("/Catalog?q=" + Uri.EscapeDataString("计量器具"));
        await page.GetByRole(AriaRole.Link, new() { Name = "检查清单 计量器具监督检查" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("检查实施清单");
        var versionLine = await page.GetByText("现行版本：第").InnerTextAsync();
        var version = int.Parse(System.Text.RegularExpressions.Regex.Match(versionLine, @"第 (\d+) 版").Groups[1].Value);

        var content = "浏览器新增要点" + Guid.NewGuid().ToString("N")[..6];
        var blank = page.GetByRole(AriaRole.Textbox, new() { Name = "检查内容" }).Last;
        await blank.FillAsync(content);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "检查依据" }).Last.FillAsync("《中华人民共和国计量法》第十八条");
        await page.GetByLabel("调整说明").FillAsync("浏览器测试增加要点");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存为新版本" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"第 {version + 1} 版");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = content, Exact = true }).First).ToBeVisibleAsync();
        await SaveScreenshotAsync(page, "catalog-checklist.png");
        await page.GetByRole(AriaRole.Link, new() { Name = "历史版本" }).ClickAsync();
        await Expect(page.GetByText($"第 {version + 1} 版（现行）").Last).ToBeVisibleAsync();
        await Expect(page.GetByText($"第 {version} 版：")).ToBeVisibleAsync();
        await SaveScreenshotAsync(page, "catalog-history.png");
    }
}
