using System.Net;
using System.Text.Json;
using Jianguan.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Jianguan.Tests.Platform.Web;

public abstract class HttpTests(JianguanApp app)
{
    [Fact]
    public async Task Health_answers_200_when_the_database_answers()
    {
        var response = await app.Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_every_api_endpoint()
    {
        var json = await ApiAssert.Json(await app.Anonymous().GetAsync("/openapi/v1.json"));
        var paths = json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        var endpoints = app.Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>()
            .SelectMany(s => s.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p.StartsWith("/api/", StringComparison.Ordinal))
            .Select(p => System.Text.RegularExpressions.Regex.Replace(p, @"\{(\w+)(:[^}]+)?\}", "{$1}").TrimEnd('/'))
            .ToHashSet();
        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e => Assert.Contains(e, paths));
        Assert.Contains("/api/v1/calendar/working-days/add", paths);
        Assert.Contains("/api/v1/audit/verify", paths);
    }

    [Fact]
    public async Task An_unknown_api_address_is_a_404_problem()
    {
        var json = await ApiAssert.Problem(await app.Anonymous().GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound);
        Assert.Equal("/api/v1/no-such-thing", json.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task An_unknown_page_is_a_chinese_404_page_for_a_browser_and_a_problem_otherwise()
    {
        var browser = await PageClient.SignedIn(app, "officer");
        var response = await browser.Get("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面或记录不存在", await response.Content.ReadAsStringAsync());
        await ApiAssert.Problem(await app.Anonymous().GetAsync("/no/such/page"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Pages_need_a_signed_in_user()
    {
        var response = await PageClient.Anonymous(app).Get("/Organization/Officers");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        var client = PageClient.Anonymous(app);
        var response = await client.Http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "admin", ["Password"] = JianguanApp.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("jianguan.auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_wrong_password_on_the_login_page_is_refused_in_chinese()
    {
        var response = await PageClient.Anonymous(app).PostForm("/Account/Login", new() { ["UserName"] = "head", ["Password"] = "Wrong#Passw0rd" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("用户名或密码错误", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_home_page_shows_counts_of_the_users_own_department()
    {
        var manager = await PageClient.SignedIn(app, "manager");
        var html = await (await manager.Get("/")).Content.ReadAsStringAsync();
        Assert.Contains("市场监管局概况", html);
        Assert.Contains("在岗执法人员", html);
        var admin = await PageClient.SignedIn(app, "admin");
        Assert.Contains("全区概况", await (await admin.Get("/")).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("officer", "/Organization/Users")]
    [InlineData("manager", "/Organization/Departments")]
    [InlineData("manager", "/Audit")]
    [InlineData("business", "/Organization/Officers")]
    [InlineData("reviewer", "/Calendar/Edit?year=2027")]
    public async Task A_page_beyond_the_users_role_is_denied(string userName, string path)
    {
        var client = await PageClient.SignedIn(app, userName);
        var response = await client.Get(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_manager_opening_another_departments_officer_page_gets_404()
    {
        var otherId = await app.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.Set<Jianguan.Web.Modules.Organization.Officer>().Where(o => o.Department!.Code == "ZHZF").Select(o => o.Id)));
        var client = await PageClient.SignedIn(app, "manager");
        Assert.Equal(HttpStatusCode.NotFound, (await client.Get($"/Organization/Officers/Edit?id={otherId}")).StatusCode);
    }

    [Fact]
    public async Task Responses_carry_security_headers()
    {
        var response = await app.Anonymous().GetAsync("/Account/Login");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}

public sealed class HttpTests_Sqlite(SqliteApp app) : HttpTests(app), IClassFixture<SqliteApp>;
public sealed class HttpTests_Postgres(PostgresApp app) : HttpTests(app), IClassFixture<PostgresApp>;

/// <summary>Sign-in is rate limited per client address, by page and by token endpoint alike.</summary>
public sealed class RateLimitTests : IClassFixture<RateLimitTests.LimitedApp>
{
    private readonly LimitedApp _app;
    public RateLimitTests(LimitedApp app) => _app = app;

    public sealed class LimitedApp : SqliteApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Auth:SignInPermitsPerMinute", "3")];
    }

    [Fact]
    public async Task Too_many_token_requests_in_a_minute_get_429()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await _app.Anonymous().PostAsync("/api/v1/auth/token", JsonContent("{\"userName\":\"x\",\"password\":\"y\"}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        var json = await ApiAssert.Problem(await _app.Anonymous().PostAsync("/api/v1/auth/token", JsonContent("{}")), HttpStatusCode.TooManyRequests);
        Assert.Contains("频繁", json.GetProperty("detail").GetString());
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
