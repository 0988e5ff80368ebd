using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.Catalog.Import;
using Jianguan.Web.Platform.Spreadsheets;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static Jianguan.Tests.Modules.Catalog.CatalogTestData;

namespace Jianguan.Tests.Modules.Catalog;

/// <summary>
/// The lists go out and come back as .xlsx in the departments' Chinese columns: a round trip changes
/// nothing, every bad row is reported with its row, column and reason, and nothing is dropped silently.
/// </summary>
public abstract class CatalogSpreadsheetTests(JianguanApp app)
{
    /// <summary>The sheet as Excel shows it: row 1 the headers, then the data, every cell as text.</summary>
    private static List<List<string>> ReadSheet(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        return MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => v?.ToString() ?? "").ToList())
            .ToList();
    }

    private static async Task<byte[]> Export(HttpClient client, string list, int departmentId)
    {
        var response = await client.GetAsync($"/api/v1/catalog/{list}/export?departmentId={departmentId}");
        Assert.True(response.IsSuccessStatusCode, $"export {list}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(Spreadsheet.ContentType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static Task<HttpResponseMessage> Import(HttpClient client, string list, int departmentId, byte[] xlsx, string mode = "reject-all", string fileName = "清单.xlsx") =>
        client.PostAsync($"/api/v1/catalog/{list}/import?departmentId={departmentId}&mode={mode}", Upload(xlsx, fileName));

    private static byte[] Sheet(string[] headers, params string[][] rows) => Spreadsheet.Write("Sheet1", headers, rows);

    private static string[] ItemRow(string code, string name = "导入的事项", string category = "检查", string level = "县级") =>
        [code, name, category, "测试对象", "现场检查", "《测试法》", "第一条", "条款内容", "流程", "结果", level, "", "审批部门监管", "是", "", "", ""];

    [Theory]
    [InlineData("items")]
    [InlineData("checklists")]
    [InlineData("powers")]
    public async Task Exporting_then_importing_a_list_gives_the_same_rows_and_changes_nothing(string list)
    {
        var client = await app.ClientFor("manager");
        var scjg = await DepartmentId(app, "SCJG");
        var exported = await Export(client, list, scjg);
        var sheet = ReadSheet(exported);
        string[] headers = list switch
        {
            "items" => CatalogSpreadsheets.ItemColumns.All,
            "checklists" => CatalogSpreadsheets.ChecklistColumns.All,
            _ => CatalogSpreadsheets.PowerColumns.All,
        };
        Assert.Equal(headers, sheet[0]);
        Assert.True(sheet.Count > 8, $"the demo department has its {list}");
        var versionsBefore = await app.WithDb(db => db.Set<SupervisionItem>().CountAsync());
        var checklistsBefore = await app.WithDb(db => db.Set<InspectionChecklist>().CountAsync());

        var report = await ApiAssert.Json(await Import(client, list, scjg, exported));

        Assert.Equal(sheet.Count - 1, report.GetProperty("rows").GetInt32());
        Assert.Equal(sheet.Count - 1, report.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, report.GetProperty("created").GetInt32());
        Assert.Equal(0, report.GetProperty("changed").GetInt32());
        Assert.Equal(0, report.GetProperty("errors").GetArrayLength());
        Assert.Equal(versionsBefore, await app.WithDb(db => db.Set<SupervisionItem>().CountAsync()));
        Assert.Equal(checklistsBefore, await app.WithDb(db => db.Set<InspectionChecklist>().CountAsync()));
        Assert.Equal(sheet, ReadSheet(await Export(client, list, scjg)));
    }

    [Fact]
    public async Task An_edited_export_imports_as_new_versions_and_exports_back_as_edited()
    {
        var client = await app.ClientFor("manager");
        var scjg = await DepartmentId(app, "SCJG");
        var sheet = ReadSheet(await Export(client, "items", scjg));
        var headers = sheet[0];
        var nameColumn = headers.IndexOf("事项名称");
        var edited = sheet[1].ToArray();
        edited[nameColumn] += "（调整）";
        var newCode = NewCode();
        var versionsOfEdited = await app.WithDb(db => db.Set<SupervisionItem>().CountAsync(i => i.Code == edited[0]));

        var report = await ApiAssert.Json(await Import(client, "items", scjg, Sheet([.. headers], edited, ItemRow(newCode))));

        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("changed").GetInt32());
        Assert.True(report.GetProperty("saved").GetBoolean());
        Assert.Equal(versionsOfEdited + 1, await app.WithDb(db => db.Set<SupervisionItem>().CountAsync(i => i.Code == edited[0])));
        var again = ReadSheet(await Export(client, "items", scjg));
        var row = again.Single(r => r[0] == edited[0]);
        Assert.Equal(edited[nameColumn], row[nameColumn]);
        Assert.Equal((versionsOfEdited + 1).ToString(), row[headers.IndexOf("版本号")]);
        Assert.Contains(again, r => r[0] == newCode && r[nameColumn] == "导入的事项");
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_row_column_and_reason_and_the_chosen_mode_decides_what_is_stored()
    {
        var client = await app.ClientFor("manager");
        var scjg = await DepartmentId(app, "SCJG");
        var (good, badCategory, badMany) = (NewCode(), NewCode(), NewCode());
        var file = Sheet(CatalogSpreadsheets.ItemColumns.All, ItemRow(good), ItemRow(badCategory, category: "检验"), ItemRow(badMany, name: "", level: "乡级"));
        Task<int> Stored() => app.WithDb(db => db.Set<SupervisionItem>().CountAsync(i => i.Code == good || i.Code == badCategory || i.Code == badMany));

        // Refuse the whole file: 422 naming every bad cell, nothing stored.
        var refused = await ApiAssert.Problem(await Import(client, "items", scjg, file), HttpStatusCode.UnprocessableEntity);
        var errors = refused.GetProperty("errors");
        Assert.Contains("检查、处罚、强制、其他", errors.GetProperty("rows[3].监管类别")[0].GetString());
        Assert.Contains("必填", errors.GetProperty("rows[4].事项名称")[0].GetString());
        Assert.Contains("乡级", errors.GetProperty("rows[4].监管层级")[0].GetString());
        Assert.Equal(2, refused.GetProperty("report").GetProperty("rejectedRows").GetInt32());
        Assert.Equal(0, await Stored());

        // Only check: the same report, nothing stored.
        var checkedOnly = await ApiAssert.Json(await Import(client, "items", scjg, file, "validate"));
        Assert.False(checkedOnly.GetProperty("saved").GetBoolean());
        Assert.Equal(1, checkedOnly.GetProperty("created").GetInt32());
        Assert.Equal(3, checkedOnly.GetProperty("errors").GetArrayLength());
        Assert.Equal(0, await Stored());

        // Store the valid rows: only the good one, the bad ones listed.
        var partial = await ApiAssert.Json(await Import(client, "items", scjg, file, "valid-rows"));
        Assert.True(partial.GetProperty("saved").GetBoolean());
        Assert.Equal(1, partial.GetProperty("created").GetInt32());
        Assert.Equal(2, partial.GetProperty("rejectedRows").GetInt32());
        var rows = partial.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        Assert.Equal([(3, "监管类别"), (4, "事项名称"), (4, "监管层级")], rows);
        Assert.Equal(1, await Stored());
        Assert.Equal(1, await app.WithDb(db => db.Set<SupervisionItem>().CountAsync(i => i.Code == good)));
    }

    [Fact]
    public async Task A_checklist_with_one_bad_point_is_not_imported_and_each_of_its_rows_says_why()
    {
        var client = await app.ClientFor("manager");
        var scjg = await DepartmentId(app, "SCJG");
        var code = NewCode();
        await ApiAssert.Json(await client.PostAsJsonAsync("/api/v1/catalog/items", Item(code, scjg)), HttpStatusCode.Created);
        var unknown = NewCode();
        string[] Point(string itemCode, string number, string method) =>
            [itemCode, "", "清单", "一般", "5%", "1次/年", number, "检查内容", method, "《测试法》", "标准", "责令改正", "否", "", "", "", ""];
        var file = Sheet(CatalogSpreadsheets.ChecklistColumns.All, Point(code, "1", "现场"), Point(code, "2", "电话"), Point(unknown, "1", "现场"));

        var report = await ApiAssert.Json(await Import(client, "checklists", scjg, file, "valid-rows"));

        Assert.Equal(3, report.GetProperty("rejectedRows").GetInt32());
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (Row: e.GetProperty("row").GetInt32(), Column: e.GetProperty("column").GetString(), Message: e.GetProperty("message").GetString()!)).ToList();
        Assert.Contains(errors, e => e.Row == 2 && e.Column == "事项编码" && e.Message.Contains("整个检查清单未导入"));
        Assert.Contains(errors, e => e.Row == 3 && e.Column == "检查方式" && e.Message.Contains("电话"));
        Assert.Contains(errors, e => e.Row == 4 && e.Column == "事项编码" && e.Message.Contains("不在"));
        Assert.Equal(0, await app.WithDb(db => db.Set<InspectionChecklist>().CountAsync(c => c.ItemCode == code || c.ItemCode == unknown)));

        var fixedFile = Sheet(CatalogSpreadsheets.ChecklistColumns.All, Point(code, "1", "现场"), Point(code, "2", "书面"));
        var saved = await ApiAssert.Json(await Import(client, "checklists", scjg, fixedFile));
        Assert.Equal(2, saved.GetProperty("created").GetInt32());
        var checklist = await ApiAssert.Json(await client.GetAsync($"/api/v1/catalog/items/{code}/checklist"));
        Assert.Equal(["现场", "书面"], checklist.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("methodLabel").GetString()));
        Assert.Equal(5m, checklist.GetProperty("ratioPercent").GetDecimal());
    }

    [Fact]
    public async Task Oversize_and_non_xlsx_uploads_are_refused_with_a_clear_error_naming_the_file()
    {
        var client = await app.ClientFor("manager");
        var scjg = await DepartmentId(app, "SCJG");
        var before = await app.WithDb(db => db.Set<SupervisionItem>().CountAsync());

        var big = new byte[11 * 1024 * 1024];
        big[0] = (byte)'P'; big[1] = (byte)'K'; big[2] = 3; big[3] = 4;
        var tooLarge = await ApiAssert.Problem(await Import(client, "items", scjg, big), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("10 MB", tooLarge.GetProperty("errors").GetProperty("file")[0].GetString());

        var csv = "事项编码,事项名称\n1,2\n"u8.ToArray();
        Assert.Contains("不是 Excel", await ApiAssert.InvalidField(await Import(client, "items", scjg, csv, fileName: "伪装.xlsx"), "file"));
        byte[] xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
        Assert.Contains("97-2003", await ApiAssert.InvalidField(await Import(client, "items", scjg, xls, fileName: "旧.xls"), "file"));
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true)) archive.CreateEntry("readme.txt");
        Assert.Contains("xl/workbook.xml", await ApiAssert.InvalidField(await Import(client, "items", scjg, zip.ToArray()), "file"));
        Assert.Contains("必填", await ApiAssert.InvalidField(await client.PostAsync($"/api/v1/catalog/items/import?departmentId={scjg}", new MultipartFormDataContent { { new StringContent("x"), "other" } }), "file"));

        Assert.Equal(before, await app.WithDb(db => db.Set<SupervisionItem>().CountAsync()));
    }

    [Fact]
    public async Task A_sheet_without_a_required_column_is_refused_naming_the_column()
    {
        var client = await app.ClientFor("manager");
        var scjg = await DepartmentId(app, "SCJG");
        var headers = CatalogSpreadsheets.ItemColumns.All.Where(h => h != "监管层级").ToArray();
        var message = await ApiAssert.InvalidField(await Import(client, "items", scjg, Sheet(headers, [.. ItemRow(NewCode()).Take(headers.Length)])), "file");
        Assert.Contains("监管层级", message);
    }

    [Fact]
    public async Task Only_a_maintainer_of_the_department_may_import_into_it()
    {
        var scjg = await DepartmentId(app, "SCJG");
        var file = Sheet(CatalogSpreadsheets.ItemColumns.All, ItemRow(NewCode()));
        await ApiAssert.Problem(await Import(await app.ClientFor("zhzf.manager"), "items", scjg, file), HttpStatusCode.NotFound);
        await ApiAssert.Problem(await Import(await app.ClientFor("officer"), "items", scjg, file), HttpStatusCode.Forbidden);
        Assert.Contains("reject-all", await ApiAssert.InvalidField(await Import(await app.ClientFor("manager"), "items", scjg, file, "maybe"), "mode"));
    }
}

public sealed class CatalogSpreadsheetTests_Sqlite(SqliteApp app) : CatalogSpreadsheetTests(app), IClassFixture<SqliteApp>;
public sealed class CatalogSpreadsheetTests_Postgres(PostgresApp app) : CatalogSpreadsheetTests(app), IClassFixture<PostgresApp>;
