using System.Net;
using System.Text;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Tests.Modules.Registry;

/// <summary>The registry's pages, as a signed-in browser uses them.</summary>
public abstract class RegistryPageTests(JianguanApp app)
{
    [Fact]
    public async Task The_search_page_lists_entities_matching_the_filters()
    {
        var officer = await PageClient.SignedIn(app, "officer");
        var html = await (await officer.Get("/Registry?q=示范&industry=H")).Content.ReadAsStringAsync();
        Assert.True(html.Contains("金华市婺城区示范餐饮有限公司"), html);
        Assert.Contains("共 1 户", html);
    }

    [Fact]
    public async Task The_entity_page_shows_the_id_number_masked()
    {
        var officer = await PageClient.SignedIn(app, "officer");
        var response = await officer.Get("/Registry/Entity?code=91330702MA2E6WYQ2T");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("食品经营许可证", html);
        var stored = await app.WithDb(db => db.Set<SupervisedEntity>().Where(e => e.CreditCode == "91330702MA2E6WYQ2T").Select(e => e.LegalRepresentativeIdNumber).SingleAsync());
        Assert.DoesNotContain(stored!, html);
        Assert.Contains(IdNumber.Mask(stored), html);
    }

    [Fact]
    public async Task A_manager_registers_an_entity_through_the_form_and_a_bad_code_is_shown_beside_it()
    {
        var manager = await PageClient.SignedIn(app, "manager");
        var fields = new Dictionary<string, string>
        {
            ["CreditCode"] = "91330702MA2E6WYQ7B", ["Name"] = "表单登记有限公司", ["DivisionCode"] = "330702002", ["IndustryCode"] = "5221", ["Status"] = "Active",
        };
        var refused = await manager.PostForm("/Registry/Edit", fields);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("第 18 位应为“A”", await refused.Content.ReadAsStringAsync());
        fields["CreditCode"] = "91330702MA2E6WYQ7A";
        var saved = await manager.PostForm("/Registry/Edit", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(1, await app.WithDb(db => db.Set<SupervisedEntity>().CountAsync(e => e.Name == "表单登记有限公司")));
    }

    [Fact]
    public async Task A_manager_imports_a_file_through_the_page_and_sees_the_report()
    {
        var manager = await PageClient.SignedIn(app, "manager");
        var csv = Encoding.UTF8.GetBytes("统一社会信用代码,名称,行政区划代码,行业代码\n91330702MA2E6WYQ67,页面导入有限公司,330702003,7020\n91440300192317458A,错误有限公司,330702,62\n");
        var response = await manager.PostFile("/Registry/Import", "file", "page.csv", csv, new() { ["mode"] = "ValidOnly" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var jobPage = response.Headers.Location!.ToString();
        Assert.StartsWith("/Registry/ImportJob/", jobPage);
        // The job's page shows the progress and reloads itself until the import has finished.
        var html = "";
        for (var waited = 0; waited < 60_000 && !html.Contains("导入报告"); waited += 100)
        {
            if (waited > 0) await Task.Delay(100);
            html = await (await manager.Get(jobPage)).Content.ReadAsStringAsync();
            if (!html.Contains("导入报告")) Assert.Contains("http-equiv=\"refresh\"", html);
        }
        Assert.DoesNotContain("http-equiv=\"refresh\"", html);
        Assert.Contains("新增 1", html);
        Assert.Contains("错误 1", html);
        Assert.Contains("第 18 位应为“F”", html);
    }

    [Theory]
    [InlineData("officer", "/Registry/Import")]
    [InlineData("officer", "/Registry/ImportJob/8c9f2f38-8f0e-4bb5-9d0e-3f4e0c1b2a11")]
    [InlineData("officer", "/Registry/Edit")]
    [InlineData("business", "/Registry")]
    public async Task Pages_beyond_the_role_are_denied(string user, string path)
    {
        var client = await PageClient.SignedIn(app, user);
        var response = await client.Get(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
    }
}

public sealed class RegistryPageTests_Sqlite(SqliteApp app) : RegistryPageTests(app), IClassFixture<SqliteApp>;
public sealed class RegistryPageTests_Postgres(PostgresApp app) : RegistryPageTests(app), IClassFixture<PostgresApp>;
