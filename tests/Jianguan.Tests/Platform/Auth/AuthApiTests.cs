using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Jianguan.Tests.Platform.Auth;

public abstract class AuthApiTests(JianguanApp app)
{
    private async Task<string> CreateUserAsync(string userName, string role = Roles.Officer)
    {
        var admin = await app.ClientFor("admin");
        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName, displayName = "测试用户", role, departmentId = 1, password = "Test#Passw0rd",
        });
        var json = await ApiAssert.Json(response, HttpStatusCode.Created);
        return json.GetProperty("id").GetString()!;
    }

    private Task<HttpResponseMessage> RequestToken(string userName, string password) =>
        app.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { userName, password });

    [Theory]
    [InlineData("admin", Roles.Administrator)]
    [InlineData("manager", Roles.DepartmentManager)]
    [InlineData("officer", Roles.Officer)]
    [InlineData("reviewer", Roles.LegalReviewer)]
    [InlineData("head", Roles.DepartmentHead)]
    [InlineData("committee", Roles.CoordinationCommittee)]
    [InlineData("business", Roles.Business)]
    public async Task Every_demo_user_gets_a_token_that_the_api_accepts(string userName, string role)
    {
        var json = await ApiAssert.Json(await RequestToken(userName, JianguanApp.DemoPassword));
        Assert.True(json.GetProperty("expiresIn").GetInt32() > 0);
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.GetProperty("accessToken").GetString());
        var me = await ApiAssert.Json(await client.GetAsync("/api/v1/me"));
        Assert.Equal(userName, me.GetProperty("userName").GetString());
        Assert.Equal(role, me.GetProperty("roles")[0].GetString());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_401_and_counted()
    {
        await CreateUserAsync("wrongpw");
        var json = await ApiAssert.Problem(await RequestToken("wrongpw", "Not#ThePassw0rd"), HttpStatusCode.Unauthorized);
        Assert.Contains("用户名或密码错误", json.GetProperty("detail").GetString());
        Assert.Equal(1, await app.WithDb(db => db.Users.Where(u => u.UserName == "wrongpw").Select(u => u.AccessFailedCount).SingleAsync()));
    }

    [Fact]
    public async Task An_unknown_user_gets_the_same_answer_as_a_wrong_password()
    {
        var json = await ApiAssert.Problem(await RequestToken("nobody-here", "Whatever#2026"), HttpStatusCode.Unauthorized);
        Assert.Contains("用户名或密码错误", json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_token_request_without_user_name_or_password_names_the_missing_fields()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { userName = "" });
        await ApiAssert.InvalidField(response, "userName");
        response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin" });
        await ApiAssert.InvalidField(response, "password");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_a_problem()
    {
        var response = await app.Anonymous().PostAsync("/api/v1/auth/token", new StringContent("{not json", Encoding.UTF8, "application/json"));
        await ApiAssert.Problem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await CreateUserAsync("lockme");
        for (var i = 0; i < 5; i++)
            await ApiAssert.Problem(await RequestToken("lockme", "Wrong#Passw0rd"), HttpStatusCode.Unauthorized);
        var json = await ApiAssert.Problem(await RequestToken("lockme", "Test#Passw0rd"), HttpStatusCode.Unauthorized);
        Assert.Contains("锁定", json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_expired_token_is_refused_saying_it_expired()
    {
        var userId = await app.WithDb(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync());
        var past = DateTime.UtcNow.AddHours(-2);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "jianguan", Audience = "jianguan-api",
            Subject = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, Roles.Administrator)]),
            IssuedAt = past, NotBefore = past, Expires = past.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(JianguanApp.TestSigningKey)), SecurityAlgorithms.HmacSha256),
        });
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var json = await ApiAssert.Problem(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
        Assert.Contains("过期", json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_token_with_a_forged_signature_is_refused()
    {
        var client = await app.ClientFor("officer");
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        var forged = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        await ApiAssert.Problem(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_deactivated_users_token_stops_working_at_once()
    {
        var id = await CreateUserAsync("leaver");
        var client = await app.ClientFor("leaver", "Test#Passw0rd");
        await ApiAssert.Json(await client.GetAsync("/api/v1/me"));
        var admin = await app.ClientFor("admin");
        await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/users/{id}", new
        {
            userName = "leaver", displayName = "测试用户", role = Roles.Officer, departmentId = 1, isActive = false,
        }));
        await ApiAssert.Problem(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
        var json = await ApiAssert.Problem(await RequestToken("leaver", "Test#Passw0rd"), HttpStatusCode.Unauthorized);
        Assert.Contains("停用", json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_officer_calling_an_administrator_endpoint_is_forbidden()
    {
        var client = await app.ClientFor("officer");
        await ApiAssert.Problem(await client.GetAsync("/api/v1/audit/verify"), HttpStatusCode.Forbidden);
        await ApiAssert.Problem(await client.GetAsync("/api/v1/users"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_sign_in_cookie_does_not_open_the_api()
    {
        // The API takes bearer tokens only, so no other site can ride a signed-in browser's cookie (CSRF).
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", "jianguan.auth=anything");
        await ApiAssert.Problem(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
    }
}

public sealed class AuthApiTests_Sqlite(SqliteApp app) : AuthApiTests(app), IClassFixture<SqliteApp>;
public sealed class AuthApiTests_Postgres(PostgresApp app) : AuthApiTests(app), IClassFixture<PostgresApp>;
