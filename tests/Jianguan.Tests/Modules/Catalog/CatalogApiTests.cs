using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Catalog;
using Microsoft.EntityFrameworkCore;
using static Jianguan.Tests.Modules.Catalog.CatalogTestData;

namespace Jianguan.Tests.Modules.Catalog;

/// <summary>
/// Items and checklists are versioned (动态调整): an adjustment adds a version and never rewrites an old one.
/// A department maintains only its own catalog.
/// </summary>
public abstract class CatalogApiTests(JianguanApp app)
{
    private async Task<JsonElement> CreateItem(HttpClient client, string code, string department = "SCJG", string? effectiveFrom = "2025-01-01") =>
        await ApiAssert.Json(await client.PostAsJsonAsync("/api/v1/catalog/items", Item(code, await DepartmentId(app, department), effectiveFrom: effectiveFrom)), HttpStatusCode.Created);

    private Task<List<SupervisionItem>> Versions(string code) =>
        app.WithDb(db => db.Set<SupervisionItem>().AsNoTracking().Where(i => i.Code == code).OrderBy(i => i.Version).ToListAsync());

    [Fact]
    public async Task An_adjustment_adds_a_version_and_keeps_the_old_one_unchanged_and_history_lists_both()
    {
        var code = NewCode();
        var client = await app.ClientFor("manager");
        var created = await CreateItem(client, code);
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        var before = (await Versions(code)).Single();

        var adjusted = await ApiAssert.Json(await client.PutAsJsonAsync($"/api/v1/catalog/items/{code}",
            Item(code, before.DepartmentId, name: "调整后的事项名称", effectiveFrom: "2026-03-01")));

        Assert.Equal(2, adjusted.GetProperty("version").GetInt32());
        Assert.Equal("2026-03-01", adjusted.GetProperty("effectiveFrom").GetString());
        var versions = await Versions(code);
        Assert.Equal(2, versions.Count);
        var old = versions[0];
        // The old row: same id, same content; only its period was closed on the new version's first day.
        Assert.Equal(before.Id, old.Id);
        Assert.Equal("测试监管事项", old.Name);
        Assert.Equal(before.RecordedAtUtc, old.RecordedAtUtc);
        Assert.Equal(new DateOnly(2026, 3, 1), old.EffectiveTo);
        Assert.Null(versions[1].EffectiveTo);
        Assert.True(old.IsInForceOn(new DateOnly(2026, 2, 28)));
        Assert.False(old.IsInForceOn(new DateOnly(2026, 3, 1)));

        var history = await ApiAssert.Json(await client.GetAsync($"/api/v1/catalog/items/{code}/versions"));
        Assert.Equal(["测试监管事项", "调整后的事项名称"], history.EnumerateArray().Select(v => v.GetProperty("name").GetString()));
        Assert.Equal("2026-03-01", history[0].GetProperty("effectiveTo").GetString());
        // A later record can cite the old version by its id.
        var cited = await ApiAssert.Json(await client.GetAsync($"/api/v1/catalog/item-versions/{old.Id}"));
        Assert.Equal("测试监管事项", cited.GetProperty("name").GetString());
        var current = await ApiAssert.Json(await client.GetAsync($"/api/v1/catalog/items/{code}"));
        Assert.Equal("调整后的事项名称", current.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Saving_the_same_content_again_adds_no_version()
    {
        var code = NewCode();
        var client = await app.ClientFor("manager");
        var created = await CreateItem(client, code);
        var again = await ApiAssert.Json(await client.PutAsJsonAsync($"/api/v1/catalog/items/{code}", Item(code, created.GetProperty("departmentId").GetInt32())));
        Assert.Equal(1, again.GetProperty("version").GetInt32());
        Assert.Single(await Versions(code));
    }

    [Fact]
    public async Task A_new_version_may_not_start_before_the_current_one()
    {
        var code = NewCode();
        var client = await app.ClientFor("manager");
        var created = await CreateItem(client, code, effectiveFrom: "2025-06-01");
        var message = await ApiAssert.InvalidField(await client.PutAsJsonAsync($"/api/v1/catalog/items/{code}",
            Item(code, created.GetProperty("departmentId").GetInt32(), name: "改名", effectiveFrom: "2025-05-31")), "effectiveFrom");
        Assert.Contains("2025-06-01", message);
        Assert.Single(await Versions(code));
    }

    [Fact]
    public async Task Bad_item_input_is_refused_naming_each_field_and_nothing_is_stored()
    {
        var before = await app.WithDb(db => db.Set<SupervisionItem>().CountAsync());
        var client = await app.ClientFor("manager");
        var response = await client.PostAsJsonAsync("/api/v1/catalog/items", new
        {
            code = "有 空格", name = "", category = "检验", supervisedObject = "对象", legalBasisLaw = "", level = "乡级", effectiveFrom = "2025-02-30",
        });
        var json = await ApiAssert.Problem(response, HttpStatusCode.BadRequest);
        var errors = json.GetProperty("errors");
        Assert.Contains("4 到 32 位", errors.GetProperty("code")[0].GetString());
        Assert.Contains("必填", errors.GetProperty("name")[0].GetString());
        Assert.Contains("检查、处罚、强制、其他", errors.GetProperty("category")[0].GetString());
        Assert.Contains("必填", errors.GetProperty("legalBasisLaw")[0].GetString());
        Assert.Contains("国家级", errors.GetProperty("level")[0].GetString());
        Assert.Contains("YYYY-MM-DD", errors.GetProperty("effectiveFrom")[0].GetString());
        Assert.Equal(before, await app.WithDb(db => db.Set<SupervisionItem>().CountAsync()));
    }

    [Fact]
    public async Task An_item_code_already_used_is_a_conflict()
    {
        var code = NewCode();
        var client = await app.ClientFor("manager");
        await CreateItem(client, code);
        var json = await ApiAssert.Problem(await client.PostAsJsonAsync("/api/v1/catalog/items", Item(code, await DepartmentId(app, "SCJG"))), HttpStatusCode.Conflict);
        Assert.Contains(code, json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_manager_of_another_department_neither_sees_nor_adjusts_an_item_and_nothing_changes()
    {
        var code = NewCode();
        await CreateItem(await app.ClientFor("manager"), code);
        var other = await app.ClientFor("zhzf.manager");

        await ApiAssert.Problem(await other.GetAsync($"/api/v1/catalog/items/{code}"), HttpStatusCode.NotFound);
        await ApiAssert.Problem(await other.GetAsync($"/api/v1/catalog/items/{code}/versions"), HttpStatusCode.NotFound);
        await ApiAssert.Problem(await other.PutAsJsonAsync($"/api/v1/catalog/items/{code}", Item(code, await DepartmentId(app, "ZHZF"), name: "篡改")), HttpStatusCode.NotFound);
        await ApiAssert.Problem(await other.PutAsJsonAsync($"/api/v1/catalog/items/{code}/checklist", Checklist()), HttpStatusCode.NotFound);
        var list = await ApiAssert.Json(await other.GetAsync("/api/v1/catalog/items"));
        Assert.DoesNotContain(list.EnumerateArray(), i => i.GetProperty("code").GetString() == code);

        var versions = await Versions(code);
        Assert.Equal("测试监管事项", Assert.Single(versions).Name);
    }

    [Fact]
    public async Task A_manager_cannot_create_an_item_in_another_department()
    {
        var code = NewCode();
        var client = await app.ClientFor("manager");
        var json = await ApiAssert.Problem(await client.PostAsJsonAsync("/api/v1/catalog/items", Item(code, await DepartmentId(app, "ZHZF"))), HttpStatusCode.Forbidden);
        Assert.Contains("本部门", json.GetProperty("detail").GetString());
        Assert.Empty(await Versions(code));
    }

    [Fact]
    public async Task An_officer_reads_the_own_departments_catalog_but_cannot_change_it()
    {
        var officer = await app.ClientFor("officer");
        var list = await ApiAssert.Json(await officer.GetAsync("/api/v1/catalog/items"));
        var scjg = await DepartmentId(app, "SCJG");
        Assert.True(list.GetArrayLength() >= 8);
        Assert.All(list.EnumerateArray(), i => Assert.Equal(scjg, i.GetProperty("departmentId").GetInt32()));
        var code = list[0].GetProperty("code").GetString();
        await ApiAssert.Problem(await officer.PutAsJsonAsync($"/api/v1/catalog/items/{code}", Item(code!, scjg, name: "改名")), HttpStatusCode.Forbidden);
        await ApiAssert.Problem(await officer.PostAsJsonAsync("/api/v1/catalog/items", Item(NewCode(), scjg)), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_administrator_and_the_committee_see_every_departments_catalog()
    {
        foreach (var user in new[] { "admin", "committee" })
        {
            var list = await ApiAssert.Json(await (await app.ClientFor(user)).GetAsync("/api/v1/catalog/items"));
            Assert.True(list.EnumerateArray().Select(i => i.GetProperty("departmentId").GetInt32()).Distinct().Count() >= 11, user);
        }
    }

    [Fact]
    public async Task A_checklist_adjustment_keeps_the_old_version_and_its_points()
    {
        var code = NewCode();
        var client = await app.ClientFor("manager");
        await CreateItem(client, code);
        var first = await ApiAssert.Json(await client.PutAsJsonAsync($"/api/v1/catalog/items/{code}/checklist", Checklist(contents: ["证照是否有效", "台账是否齐全"])));
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal(5m, first.GetProperty("ratioPercent").GetDecimal());
        var firstId = first.GetProperty("id").GetInt32();

        var second = await ApiAssert.Json(await client.PutAsJsonAsync($"/api/v1/catalog/items/{code}/checklist",
            Checklist(spotCheck: "重点", ratioPercent: 12.5m, frequency: "2次/年", contents: ["证照是否有效", "台账是否齐全", "新增：消防通道是否畅通"])));
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.Equal(3, second.GetProperty("points").GetArrayLength());
        Assert.Equal(1250, await app.WithDb(db => db.Set<InspectionChecklist>().Where(c => c.ItemCode == code && c.Version == 2).Select(c => c.RatioBasisPoints!.Value).SingleAsync()));

        var old = await ApiAssert.Json(await client.GetAsync($"/api/v1/catalog/checklist-versions/{firstId}"));
        Assert.Equal(2, old.GetProperty("points").GetArrayLength());
        Assert.Equal("一般", old.GetProperty("spotCheckLabel").GetString());
        Assert.NotNull(old.GetProperty("effectiveTo").GetString());
        var history = await ApiAssert.Json(await client.GetAsync($"/api/v1/catalog/items/{code}/checklist/versions"));
        Assert.Equal([1, 2], history.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Bad_checklist_input_names_the_point_and_the_field()
    {
        var code = NewCode();
        var client = await app.ClientFor("manager");
        await CreateItem(client, code);
        var response = await client.PutAsJsonAsync($"/api/v1/catalog/items/{code}/checklist", new
        {
            name = "清单", spotCheck = "一般", ratioPercent = (decimal?)null, frequency = "",
            points = new[] { new { content = "要点", method = "现场", basis = "依据" }, new { content = "", method = "电话", basis = "依据" } },
        });
        var errors = (await ApiAssert.Problem(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Contains("抽查比例", errors.GetProperty("ratioPercent")[0].GetString());
        Assert.Contains("抽查频次", errors.GetProperty("frequency")[0].GetString());
        Assert.Contains("必填", errors.GetProperty("points[1].content")[0].GetString());
        Assert.Contains("现场、书面、网络、抽检", errors.GetProperty("points[1].method")[0].GetString());
        Assert.Equal(0, await app.WithDb(db => db.Set<InspectionChecklist>().CountAsync(c => c.ItemCode == code)));
    }

    [Fact]
    public async Task Power_list_entries_are_kept_per_department()
    {
        var client = await app.ClientFor("manager");
        var scjg = await DepartmentId(app, "SCJG");
        var code = NewCode();
        var created = await ApiAssert.Json(await client.PostAsJsonAsync("/api/v1/catalog/powers",
            new { departmentId = scjg, code, name = "对测试行为的行政检查", type = "行政检查", legalBasis = "《测试法》第三条", responsibility = "检查责任" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal("Inspection", created.GetProperty("type").GetString());

        var other = await app.ClientFor("zhzf.manager");
        await ApiAssert.Problem(await other.PutAsJsonAsync($"/api/v1/catalog/powers/{id}",
            new { code, name = "篡改", type = "行政检查", legalBasis = "x" }), HttpStatusCode.NotFound);
        var message = await ApiAssert.InvalidField(await client.PutAsJsonAsync($"/api/v1/catalog/powers/{id}",
            new { code, name = "对测试行为的行政检查", type = "行政审批", legalBasis = "《测试法》第三条" }), "type");
        Assert.Contains("行政许可", message);
        Assert.Equal("对测试行为的行政检查", await app.WithDb(db => db.Set<PowerListEntry>().Where(p => p.Id == id).Select(p => p.Name).SingleAsync()));
    }
}

public sealed class CatalogApiTests_Sqlite(SqliteApp app) : CatalogApiTests(app), IClassFixture<SqliteApp>;
public sealed class CatalogApiTests_Postgres(PostgresApp app) : CatalogApiTests(app), IClassFixture<PostgresApp>;
