using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Jianguan.Tests.Modules.Registry;

public abstract class EntityImportTests(JianguanApp app)
{
    private const string Header = "统一社会信用代码,名称,行政区划代码,行业代码,法定代表人,法定代表人身份证号,住所,成立日期,登记状态,标签";

    // Codes valid by GB 32100, none among the demo businesses.
    private static readonly string[] Codes = ["91330702MA2HJ3K51M", "91330702MA2E6WYQ0L", "91330702MA2E6WYQ1P", "91330702MA2E6WYQ3X", "91330702MA2E6WYQ41"];

    private static string Row(string code, string name, string industry = "6210", string division = "330702001") =>
        $"{code},{name},{division},{industry},李四,11010519491231002X,婺城区导入路1号,2021-01-02,存续,食品经营、导入测试";

    private async Task<HttpResponseMessage> Upload(byte[] content, string fileName, string? mode = null, string path = "/api/v1/entities/import", string user = "manager")
    {
        var client = await app.ClientFor(user);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        if (mode is not null) form.Add(new StringContent(mode), "mode");
        return await client.PostAsync(path, form);
    }

    /// <summary>Starts a background import and polls its job until it has finished.</summary>
    private async Task<System.Text.Json.JsonElement> ImportInBackground(byte[] content, string fileName, string? mode = null)
    {
        var started = await Upload(content, fileName, mode, "/api/v1/entities/imports");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var location = started.Headers.Location!.ToString();
        var client = await app.ClientFor("manager");
        for (var waited = 0; waited < 60_000; waited += 100)
        {
            var job = await ApiAssert.Json(await client.GetAsync(location));
            if (job.GetProperty("status").GetString() is "Completed" or "Failed") return job;
            await Task.Delay(100);
        }
        throw new TimeoutException($"import job {location} did not finish");
    }

    private static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\n", [Header, .. rows]) + "\n");

    private Task<int> Count(string code) => app.WithDb(db => db.Set<SupervisedEntity>().CountAsync(e => e.CreditCode == code));

    [Fact]
    public async Task A_csv_is_imported_and_importing_it_again_creates_no_duplicates()
    {
        var file = Csv(Row(Codes[0], "导入甲餐饮有限公司"), Row(Codes[1].ToLowerInvariant(), "导入乙餐饮有限公司"));
        var first = await ApiAssert.Json(await Upload(file, "entities.csv"));
        Assert.Equal(2, first.GetProperty("created").GetInt32());
        Assert.True(first.GetProperty("stored").GetBoolean());
        var second = await ApiAssert.Json(await Upload(file, "entities.csv"));
        Assert.Equal(0, second.GetProperty("created").GetInt32());
        Assert.Equal(2, second.GetProperty("updated").GetInt32());
        Assert.Equal(1, await Count(Codes[0]));
        Assert.Equal(1, await Count(Codes[1]));
    }

    [Fact]
    public async Task With_reject_all_one_bad_row_stores_nothing_and_every_problem_is_reported_by_row_and_column()
    {
        var file = Csv(Row(Codes[2], "好行甲有限公司"), Row("91440300192317458A", "坏校验位有限公司"), Row(Codes[3], "坏行业有限公司", industry: "99x"), Row(Codes[2], "重复有限公司"));
        var report = await ApiAssert.Json(await Upload(file, "bad.csv"));
        Assert.False(report.GetProperty("stored").GetBoolean());
        Assert.Equal(3, report.GetProperty("rejected").GetInt32());
        var issues = report.GetProperty("issues").EnumerateArray().Select(i => (i.GetProperty("row").GetInt32(), i.GetProperty("column").GetString(), i.GetProperty("reason").GetString()!)).ToList();
        Assert.Contains(issues, i => i.Item1 == 3 && i.Item2 == "统一社会信用代码" && i.Item3.Contains("“F”"));
        Assert.Contains(issues, i => i.Item1 == 4 && i.Item2 == "行业代码");
        Assert.Contains(issues, i => i.Item1 == 5 && i.Item3.Contains("第 2 行重复"));
        Assert.Equal(0, await Count(Codes[2]));
    }

    [Fact]
    public async Task With_valid_only_the_good_rows_are_stored_and_the_bad_ones_reported()
    {
        var file = Csv(Row(Codes[4], "只导入正确行有限公司"), Row("91440300192317458A", "坏校验位有限公司"));
        var report = await ApiAssert.Json(await Upload(file, "mixed.csv", "validOnly"));
        Assert.True(report.GetProperty("stored").GetBoolean());
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("rejected").GetInt32());
        Assert.Equal(1, await Count(Codes[4]));
    }

    [Fact]
    public async Task An_xlsx_with_codes_stored_as_numbers_and_dates_as_dates_is_imported()
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.xlsx");
        try
        {
            MiniExcel.SaveAs(path, new[]
            {
                new Dictionary<string, object>
                {
                    ["统一社会信用代码"] = "92330702MA2D4NUX7X", ["名称"] = "婺城区表格小吃店", ["行政区划代码"] = 330702001, ["行业代码"] = 6210,
                    ["成立日期"] = new DateTime(2022, 3, 4), ["登记状态"] = "存续",
                },
            });
            var report = await ApiAssert.Json(await Upload(await File.ReadAllBytesAsync(path), "entities.xlsx"));
            Assert.Equal(1, report.GetProperty("created").GetInt32());
            var stored = await app.WithDb(db => db.Set<SupervisedEntity>().AsNoTracking().SingleAsync(e => e.CreditCode == "92330702MA2D4NUX7X"));
            Assert.Equal(EntityType.SoleTrader, stored.Type);
            Assert.Equal("330702001", stored.DivisionCode);
            Assert.Equal(new DateOnly(2022, 3, 4), stored.RegisteredOn);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_csv_saved_by_excel_in_gbk_is_read()
    {
        var gbk = CodePagesEncoding("GB18030").GetBytes(string.Join("\r\n", Header, Row("91330702MA2E6WYQ54", "国标编码有限公司")) + "\r\n");
        var report = await ApiAssert.Json(await Upload(gbk, "gbk.csv"));
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal("国标编码有限公司", await app.WithDb(db => db.Set<SupervisedEntity>().Where(e => e.CreditCode == "91330702MA2E6WYQ54").Select(e => e.Name).SingleAsync()));
    }

    [Theory]
    [InlineData("统一社会信用代码,名称,行业代码\n91330702MA2E6WYQ67,缺列有限公司,62\n", "缺少必需的列：行政区划代码")]
    [InlineData("统一社会信用代码,名称,行政区划代码,行业代码,电话\n91330702MA2E6WYQ67,多列有限公司,330702,62,123\n", "无法识别的列：电话")]
    [InlineData("统一社会信用代码,名称,行政区划代码,行业代码\n", "没有数据行")]
    public async Task A_file_with_wrong_columns_or_no_rows_is_refused_and_changes_nothing(string content, string reason)
    {
        var before = await app.WithDb(db => db.Set<SupervisedEntity>().CountAsync());
        var message = await ApiAssert.InvalidField(await Upload(Encoding.UTF8.GetBytes(content), "wrong.csv"), "file");
        Assert.Contains(reason, message);
        Assert.Equal(before, await app.WithDb(db => db.Set<SupervisedEntity>().CountAsync()));
    }

    [Fact]
    public async Task A_binary_file_that_is_neither_csv_nor_xlsx_is_refused()
    {
        var message = await ApiAssert.InvalidField(await Upload([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02], "entities.csv"), "file");
        Assert.Contains("既不是 .xlsx 也不是 CSV", message);
    }

    [Fact]
    public async Task An_unknown_import_mode_is_refused()
    {
        await ApiAssert.InvalidField(await Upload(Csv(Row(Codes[0], "x")), "x.csv", "sometimes"), "mode");
    }

    [Fact]
    public async Task An_officer_cannot_import()
    {
        var client = await app.ClientFor("officer");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Csv(Row(Codes[0], "x"))), "file", "x.csv" } };
        await ApiAssert.Problem(await client.PostAsync("/api/v1/entities/import", form), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_background_import_reports_progress_and_its_report_and_is_audited_by_the_uploader()
    {
        var codes = new[] { CreditCode.Synthetic(800_001), CreditCode.Synthetic(800_002) };
        var job = await ImportInBackground(Csv(Row(codes[0], "后台导入甲有限公司"), Row(codes[1], "后台导入乙有限公司"), Row("91440300192317458A", "坏校验位有限公司")), "background.csv", "validOnly");
        Assert.Equal("Completed", job.GetProperty("status").GetString());
        Assert.Equal(100, job.GetProperty("percent").GetInt32());
        Assert.Equal(3, job.GetProperty("rowsRead").GetInt32());
        var report = job.GetProperty("report");
        Assert.Equal(2, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("rejected").GetInt32());
        Assert.Equal(4, report.GetProperty("issues")[0].GetProperty("row").GetInt32());

        // Each row written by the bulk path has its "Created" entry under the uploader's name, with the real
        // keys (not the temporary ones a tracked save would have had before it), and the chain still holds.
        var (entity, entries) = await app.WithDb(async db =>
        {
            var e = await db.Set<SupervisedEntity>().AsNoTracking().SingleAsync(x => x.CreditCode == codes[0]);
            var a = await db.AuditEntries.AsNoTracking().Where(x => (x.EntityType == "SupervisedEntity" && x.EntityKey == e.Id.ToString())
                || (x.EntityType == "EntityTag" && x.EntityKey.StartsWith(e.Id + "|"))).ToListAsync();
            return (e, a);
        });
        Assert.Equal(3, entries.Count); // the entity and its two tags
        Assert.All(entries, a => Assert.Equal(("Created", "manager"), (a.Action, a.ActorName)));
        var created = System.Text.Json.JsonDocument.Parse(entries.Single(a => a.EntityType == "SupervisedEntity").Changes).RootElement;
        Assert.Equal(entity.Id, created.GetProperty("Id").GetInt64());
        Assert.Equal("后台导入甲有限公司", created.GetProperty("Name").GetString());
        Assert.All(entries.Where(a => a.EntityType == "EntityTag"),
            a => Assert.Equal(entity.Id, System.Text.Json.JsonDocument.Parse(a.Changes).RootElement.GetProperty("EntityId").GetInt64()));
        var verify = await ApiAssert.Json(await (await app.ClientFor("admin")).GetAsync("/api/v1/audit/verify"));
        Assert.True(verify.GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task A_background_import_of_a_file_that_cannot_be_read_fails_with_the_reason_and_stores_nothing()
    {
        var before = await app.WithDb(db => db.Set<SupervisedEntity>().CountAsync());
        var job = await ImportInBackground(Encoding.UTF8.GetBytes("统一社会信用代码,名称,行业代码\n91330702MA2E6WYQ67,缺列有限公司,62\n"), "wrong.csv");
        Assert.Equal("Failed", job.GetProperty("status").GetString());
        Assert.Contains("缺少必需的列：行政区划代码", job.GetProperty("error").GetString());
        Assert.Equal(before, await app.WithDb(db => db.Set<SupervisedEntity>().CountAsync()));
    }

    [Fact]
    public async Task Under_reject_all_a_bad_last_row_rolls_back_every_row_written_before_it()
    {
        // More rows than one batch, so that rows are written before the bad one is read.
        var rows = Enumerable.Range(0, 1500).Select(i => Row(CreditCode.Synthetic(900_000 + i), $"回滚测试{i}有限公司")).Append(Row("91440300192317458A", "坏校验位有限公司")).ToArray();
        var auditBefore = await app.WithDb(db => db.AuditEntries.CountAsync());
        var report = await ApiAssert.Json(await Upload(Csv(rows), "late-error.csv"));
        Assert.False(report.GetProperty("stored").GetBoolean());
        Assert.Equal(1501, report.GetProperty("rows").GetInt32());
        Assert.Equal(1, report.GetProperty("rejected").GetInt32());
        Assert.Equal(0, await app.WithDb(db => db.Set<SupervisedEntity>().CountAsync(e => e.Name.StartsWith("回滚测试"))));
        Assert.Equal(auditBefore, await app.WithDb(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task Another_departments_manager_cannot_see_an_import_job_and_an_officer_cannot_start_one()
    {
        var started = await Upload(Csv(Row(CreditCode.Synthetic(800_003), "可见性测试有限公司")), "scope.csv", null, "/api/v1/entities/imports");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var other = await app.ClientFor("zhzf.manager");
        await ApiAssert.Problem(await other.GetAsync(started.Headers.Location), HttpStatusCode.NotFound);
        await ApiAssert.Problem(await Upload(Csv(Row(Codes[0], "x")), "x.csv", null, "/api/v1/entities/imports", "officer"), HttpStatusCode.Forbidden);
        await ApiAssert.InvalidField(await Upload([], "empty.csv", null, "/api/v1/entities/imports"), "file");
    }

    private static Encoding CodePagesEncoding(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(name);
    }
}

public sealed class EntityImportTests_Sqlite(SqliteApp app) : EntityImportTests(app), IClassFixture<SqliteApp>;
public sealed class EntityImportTests_Postgres(PostgresApp app) : EntityImportTests(app), IClassFixture<PostgresApp>;
