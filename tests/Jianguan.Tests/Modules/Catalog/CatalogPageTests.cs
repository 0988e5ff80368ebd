using System.Net;
using System.Net.Http.Json;
using Jianguan.Tests.Infrastructure;
using static Jianguan.Tests.Modules.Catalog.CatalogTestData;

namespace Jianguan.Tests.Modules.Catalog;

/// <summary>The public catalog pages (事前公示) need no login and show only published catalog data; staff pages follow the department rule.</summary>
public abstract class CatalogPageTests(JianguanApp app)
{
    // Demo data: 33070201100100 is 市场监管局's 特种设备 item, adjusted once (two versions).
    private const string AdjustedDemoItem = "33070201100100";

    [Fact]
    public async Task The_public_catalog_opens_without_login_and_lists_each_departments_items_checklists_and_powers()
    {
        var visitor = PageClient.Anonymous(app);
        var index = await visitor.Get("/Public/Catalog");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        var html = await index.Content.ReadAsStringAsync();
        Assert.Contains("金华市婺城区市场监督管理局", html);
        Assert.Contains("金华市婺城区综合行政执法局", html);

        var scjg = await DepartmentId(app, "SCJG");
        var page = await (await visitor.Get($"/Public/Catalog?departmentId={scjg}")).Content.ReadAsStringAsync();
        Assert.Contains("特种设备使用单位监督检查", page);
        Assert.Contains("食品经营许可事项监督检查", page);
        Assert.Contains("检查实施清单", page);
        Assert.Contains("许可证照", page.Replace("食品经营许可证有效", "许可证照")); // a checklist point
        Assert.Contains("权责清单", page);
        Assert.DoesNotContain("综合行政执法局</td>", page);
        // Catalog data only: no staff accounts, no sign-out, no staff navigation.
        Assert.DoesNotContain("退出登录", page);
        Assert.DoesNotContain("/Organization", page);
        Assert.DoesNotContain("demo", page);
    }

    [Fact]
    public async Task The_public_search_finds_items_by_name_across_departments()
    {
        var page = await (await PageClient.Anonymous(app).Get("/Public/Catalog?q=" + Uri.EscapeDataString("燃气"))).Content.ReadAsStringAsync();
        Assert.Contains("燃气经营企业监督检查", page);
        Assert.DoesNotContain("特种设备使用单位监督检查", page);

        var items = await ApiAssert.Json(await app.Anonymous().GetAsync("/api/v1/catalog/public/items?q=" + Uri.EscapeDataString("燃气")));
        Assert.NotEqual(0, items.GetArrayLength());
        Assert.All(items.EnumerateArray(), i =>
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, i.GetProperty("item").GetProperty("recordedBy").ValueKind);
            Assert.True(i.GetProperty("item").GetProperty("isPublished").GetBoolean());
        });
    }

    [Fact]
    public async Task An_unpublished_item_stays_off_the_public_pages()
    {
        var code = NewCode();
        var client = await app.ClientFor("manager");
        var scjg = await DepartmentId(app, "SCJG");
        var item = new Dictionary<string, object?>(
            System.Text.Json.JsonSerializer.SerializeToElement(Item(code, scjg, name: "内部试行事项" + code)).EnumerateObject().Select(p => KeyValuePair.Create(p.Name, (object?)p.Value)))
        { ["isPublished"] = false };
        await ApiAssert.Json(await client.PostAsJsonAsync("/api/v1/catalog/items", item), HttpStatusCode.Created);

        var page = await (await PageClient.Anonymous(app).Get("/Public/Catalog?q=" + code)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("内部试行事项", page);
        var items = await ApiAssert.Json(await app.Anonymous().GetAsync("/api/v1/catalog/public/items?q=" + code));
        Assert.Equal(0, items.GetArrayLength());
    }

    [Fact]
    public async Task The_staff_catalog_pages_need_a_login()
    {
        var response = await PageClient.Anonymous(app).Get("/Catalog");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
        await ApiAssert.Problem(await app.Anonymous().GetAsync("/api/v1/catalog/items"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_manager_sees_the_history_page_of_its_item_and_another_departments_manager_gets_not_found()
    {
        var manager = await PageClient.SignedIn(app, "manager");
        var history = await manager.Get($"/Catalog/History?code={AdjustedDemoItem}");
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        var html = await history.Content.ReadAsStringAsync();
        Assert.Contains("第 1 版", html);
        Assert.Contains("第 2 版（现行）", html);
        Assert.Contains("2025-03-01", html);

        var other = await PageClient.SignedIn(app, "zhzf.manager");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Get($"/Catalog/History?code={AdjustedDemoItem}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Get($"/Catalog/Edit?code={AdjustedDemoItem}")).StatusCode);
    }

    [Fact]
    public async Task Adjusting_an_item_on_the_page_adds_a_version_shown_in_its_history()
    {
        var code = NewCode();
        var client = await app.ClientFor("manager");
        var scjg = await DepartmentId(app, "SCJG");
        await ApiAssert.Json(await client.PostAsJsonAsync("/api/v1/catalog/items", Item(code, scjg, effectiveFrom: "2025-01-01")), HttpStatusCode.Created);

        var page = await PageClient.SignedIn(app, "manager");
        var response = await page.PostForm($"/Catalog/Edit?code={code}", new()
        {
            ["Input.Code"] = code, ["Input.Name"] = "页面调整后的名称", ["Input.Category"] = "检查", ["Input.SupervisedObject"] = "测试对象",
            ["Input.Measures"] = "现场检查", ["Input.LegalBasisLaw"] = "《中华人民共和国测试法》", ["Input.Level"] = "县级",
            ["Input.DepartmentId"] = scjg.ToString(), ["Input.OwnershipRule"] = "审批部门监管", ["Input.EffectiveFrom"] = "2026-01-01",
            ["Input.ChangeNote"] = "页面调整", ["Input.IsPublished"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await (await page.Get(response.Headers.Location!.ToString())).Content.ReadAsStringAsync();
        Assert.Contains("页面调整后的名称", html);
        Assert.Contains("测试监管事项", html);
        Assert.Contains("第 2 版（现行）", html);

        var bad = await page.PostForm($"/Catalog/Edit?code={code}", new() { ["Input.Code"] = code, ["Input.Name"] = "", ["Input.Category"] = "检查", ["Input.Level"] = "县级" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("必填：事项名称", await bad.Content.ReadAsStringAsync());
    }
}

public sealed class CatalogPageTests_Sqlite(SqliteApp app) : CatalogPageTests(app), IClassFixture<SqliteApp>;
public sealed class CatalogPageTests_Postgres(PostgresApp app) : CatalogPageTests(app), IClassFixture<PostgresApp>;
