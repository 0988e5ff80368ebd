using System.Net;
using System.Net.Http.Json;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Privacy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jianguan.Tests.Modules.Credit;

/// <summary>The credit pages, as staff, the business and the public use them: who sees what, and who may keep the lists.</summary>
public abstract class CreditPageTests(JianguanApp app)
{
    private const string Demo = "91330702MA2E6WYQ2T";

    private static readonly string[] ClassNames = [.. Enum.GetValues<RiskClass>().Select(CreditNames.Class)];

    private static void AssertNoClass(string html)
    {
        foreach (var name in ClassNames) Assert.DoesNotContain(name, html);
        Assert.DoesNotContain("风险分类", html);
        Assert.DoesNotContain("分类依据", html);
    }

    [Fact]
    public async Task Staff_in_remit_see_the_class_with_its_explanation()
    {
        var officer = await PageClient.SignedIn(app, "officer");
        var response = await officer.Get($"/Credit/Entity/{Demo}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("分类依据", html);
        Assert.Contains("近三年行政处罚", html);
        Assert.True(ClassNames.Any(html.Contains), html);
        // An officer does not keep the lists: no forms for them.
        Assert.DoesNotContain("移出名单", html);

        // A listing behind a factor is linked from the explanation to its row.
        var serious = await app.WithDb(db => db.Set<CreditListing>().Where(l => l.Reason == ListingReason.SeverePenalty)
            .OrderBy(l => l.Id).Select(l => new { l.Id, l.Entity!.CreditCode }).FirstAsync());
        html = await (await officer.Get($"/Credit/Entity/{serious.CreditCode}")).Content.ReadAsStringAsync();
        Assert.Contains($"href=\"#listing-{serious.Id}\"", html);
        Assert.Contains($"id=\"listing-{serious.Id}\"", html);
    }

    [Fact]
    public async Task Staff_of_a_department_outside_the_remit_are_refused()
    {
        var (entityDivision, otherTown) = await app.WithDb(async db =>
        {
            var division = await db.Set<SupervisedEntity>().Where(e => e.CreditCode == Demo).Select(e => e.DivisionCode).SingleAsync();
            var other = await db.Set<Division>().Where(d => d.Code.Length == 9 && d.Code != division).OrderBy(d => d.Code).Select(d => d.Code).FirstAsync();
            return (division, other);
        });
        Assert.NotEqual(entityDivision, otherTown);
        var admin = await app.ClientFor("admin");
        var department = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/departments", new
        {
            code = "TOWNCREDIT", name = "乡镇信用测试办公室", shortName = "乡镇办", divisionCode = otherTown,
        }), HttpStatusCode.Created);
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "town.officer", displayName = "乡镇工作人员", role = Roles.Officer, departmentId = department.GetProperty("id").GetInt32(), password = "Test#Passw0rd",
        }), HttpStatusCode.Created);

        var townOfficer = await PageClient.SignedIn(app, "town.officer", "Test#Passw0rd");
        var response = await townOfficer.Get($"/Credit/Entity/{Demo}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var listings = await (await townOfficer.Get("/Credit/Listings")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(Demo, listings);
    }

    [Fact]
    public async Task The_business_sees_its_own_record_and_files_a_report_but_never_the_class()
    {
        var business = await PageClient.SignedIn(app, "business");
        var response = await business.Get("/Credit/Mine");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("金华市婺城区示范餐饮有限公司", html);
        Assert.Contains("信用记录", html);
        AssertNoClass(html);

        var year = DateTime.Now.Year - 2; // late: filed after its window closed
        var filed = await business.PostForm("/Credit/Mine", new() { ["Year"] = year.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        html = await (await business.Get("/Credit/Mine")).Content.ReadAsStringAsync();
        Assert.Contains($"{year} 年度报告逾期报送", html);
        AssertNoClass(html);

        var denied = await business.Get($"/Credit/Entity/{Demo}");
        Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_public_page_masks_the_legal_representative_and_shows_no_class()
    {
        var visitor = PageClient.Anonymous(app);
        var search = await (await visitor.Get("/Public/Credit?q=示范餐饮")).Content.ReadAsStringAsync();
        Assert.Contains($"/Public/Credit/{Demo}", search);
        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.Get("/Public/Credit?q=示")).StatusCode);

        var response = await visitor.Get($"/Public/Credit/{Demo}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var name = await app.WithDb(db => db.Set<SupervisedEntity>().Where(e => e.CreditCode == Demo).Select(e => e.LegalRepresentativeName).SingleAsync());
        Assert.DoesNotContain(name!, html);
        Assert.Contains(PublicMask.Name(name)!, html);
        AssertNoClass(html);
    }

    [Fact]
    public async Task The_public_page_is_rate_limited_as_the_public_api()
    {
        Assert.Equal(HttpStatusCode.OK, (await PageClient.Anonymous(app).Get("/Public/Credit")).StatusCode); // the pages' endpoints are built
        var endpoint = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == "Public/Credit/{creditCode?}");
        Assert.Equal(CreditModule.PublicRateLimit, endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName);
    }

    [Fact]
    public async Task A_manager_outside_the_registration_authority_gets_no_listing_forms_and_is_refused_when_posting()
    {
        var listing = await app.WithDb(db => db.Set<CreditListing>().Where(l => l.RemovedOn == null && l.List == CreditList.AbnormalList)
            .OrderBy(l => l.Id).Select(l => new { l.Id, l.Entity!.CreditCode }).FirstAsync());
        var manager = await PageClient.SignedIn(app, "zhzf.manager");

        var listingsPage = await (await manager.Get("/Credit/Listings")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("name=\"NewList\"", listingsPage);
        var entityPage = await manager.Get($"/Credit/Entity/{listing.CreditCode}");
        Assert.Equal(HttpStatusCode.OK, entityPage.StatusCode);
        Assert.DoesNotContain("name=\"ListingId\"", await entityPage.Content.ReadAsStringAsync());

        var listed = await manager.PostForm("/Credit/Listings", new()
        {
            ["CreditCode"] = Demo, ["NewList"] = "AbnormalList", ["Reason"] = "Unreachable", ["FoundOn"] = DateTime.Now.ToString("yyyy-MM-dd"),
            ["DecisionNumber"] = "综执异入〔2026〕1号", ["Facts"] = "无法联系。",
        });
        Assert.Equal(HttpStatusCode.Forbidden, listed.StatusCode);
        Assert.Contains("登记机关", await listed.Content.ReadAsStringAsync());
        var removed = await manager.PostForm($"/Credit/Entity/{listing.CreditCode}", new()
        {
            ["Form"] = "Remove", ["ListingId"] = listing.Id.ToString(), ["Reason"] = "DecisionRevoked", ["DecisionNumber"] = "综执异出〔2026〕1号",
        });
        Assert.Equal(HttpStatusCode.Forbidden, removed.StatusCode);
        Assert.Null(await app.WithDb(db => db.Set<CreditListing>().Where(l => l.Id == listing.Id).Select(l => l.RemovedOn).SingleAsync()));
        Assert.False(await app.WithDb(db => db.Set<CreditListing>().AnyAsync(l => l.DecisionNumber == "综执异入〔2026〕1号")));
    }

    [Fact]
    public async Task A_registration_authority_manager_lists_an_entity_through_the_form()
    {
        var code = await app.WithDb(db => db.Set<SupervisedEntity>().Where(e => e.Type == EntityType.Enterprise && e.Status == EntityStatus.Active
            && !db.Set<CreditListing>().Any(l => l.EntityId == e.Id)).OrderByDescending(e => e.Id).Select(e => e.CreditCode).FirstAsync());
        var manager = await PageClient.SignedIn(app, "manager");
        var html = await (await manager.Get("/Credit/Listings")).Content.ReadAsStringAsync();
        Assert.Contains("name=\"NewList\"", html);

        var fields = new Dictionary<string, string>
        {
            ["CreditCode"] = code, ["NewList"] = "SeriousViolationList", ["Reason"] = "Unreachable", ["FoundOn"] = DateTime.Now.AddDays(-2).ToString("yyyy-MM-dd"),
            ["DecisionNumber"] = "金市监异入〔2026〕900号", ["Facts"] = "经实地核查，通过登记的住所无法联系。",
        };
        var refused = await manager.PostForm("/Credit/Listings", fields);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("不是列入严重违法失信名单的事由", await refused.Content.ReadAsStringAsync());

        fields["NewList"] = "AbnormalList";
        var saved = await manager.PostForm("/Credit/Listings", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/Credit/Entity/{code}", saved.Headers.Location!.OriginalString);
        var page = await (await manager.Get($"/Credit/Entity/{code}")).Content.ReadAsStringAsync();
        Assert.Contains("金市监异入〔2026〕900号", page);
        Assert.Contains("移出名单", page);
    }

    [Fact]
    public async Task An_administrator_saves_a_model_version_from_the_json_and_sees_errors_by_field()
    {
        var admin = await PageClient.SignedIn(app, "admin");
        var html = await (await admin.Get("/Credit/RiskModel")).Content.ReadAsStringAsync();
        Assert.Contains("第 1 版", html);
        Assert.Contains("近三年行政处罚", html); // the factors' table
        Assert.Contains("&quot;name&quot;: &quot;近三年行政处罚&quot;", html); // the definition to edit, readable
        var definition = System.Text.Json.JsonSerializer.Serialize(RiskModels.Starter, RiskModelDefinition.Json);

        var gap = definition.Replace("\"from\":20", "\"from\":25");
        Assert.NotEqual(definition, gap);
        var fields = new Dictionary<string, string> { ["Form"] = "Save", ["EffectiveFrom"] = DateTime.Now.ToString("yyyy-MM-dd"), ["Note"] = "页面测试", ["Definition"] = gap };
        var refused = await admin.PostForm("/Credit/RiskModel", fields);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("缺口", await refused.Content.ReadAsStringAsync());
        fields["Definition"] = "{ not json";
        Assert.Contains("不是有效的 JSON", await (await admin.PostForm("/Credit/RiskModel", fields)).Content.ReadAsStringAsync());

        fields["Definition"] = definition;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostForm("/Credit/RiskModel", fields)).StatusCode);
        html = await (await admin.Get("/Credit/RiskModel")).Content.ReadAsStringAsync();
        Assert.Contains("第 2 版", html);

        var runs = await app.WithDb(db => db.Set<RiskRun>().CountAsync());
        var run = await admin.PostForm("/Credit/RiskModel", new() { ["Form"] = "Run" });
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        Assert.Equal(runs + 1, await app.WithDb(db => db.Set<RiskRun>().CountAsync()));
        Assert.Contains("重新分类完成", await (await admin.Get("/Credit/RiskModel")).Content.ReadAsStringAsync());

        // Only administrators change the model: a manager may read it.
        var manager = await PageClient.SignedIn(app, "manager");
        var denied = await manager.PostForm("/Credit/RiskModel", new() { ["Form"] = "Run" });
        Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location!.PathAndQuery);
    }
}

public sealed class CreditPageTests_Sqlite(SqliteApp app) : CreditPageTests(app), IClassFixture<SqliteApp>;
public sealed class CreditPageTests_Postgres(PostgresApp app) : CreditPageTests(app), IClassFixture<PostgresApp>;
