using System.Net;
using System.Net.Http.Json;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Tests.Modules.Organization;

public abstract class DepartmentAndUserApiTests(JianguanApp app)
{
    [Fact]
    public async Task The_demo_district_has_its_departments_divisions_and_a_user_for_every_role()
    {
        var client = await app.ClientFor("admin");
        var departments = await ApiAssert.Json(await client.GetAsync("/api/v1/departments"));
        var names = departments.EnumerateArray().Select(d => d.GetProperty("shortName").GetString()).ToList();
        foreach (var name in new[] { "市场监管局", "综合行政执法局", "生态环境分局", "卫生健康局", "应急管理局", "交通运输局", "农业农村局", "文化和广电旅游体育局", "住房和城乡建设局", "消防救援大队" })
            Assert.Contains(name, names);
        var divisions = await ApiAssert.Json(await client.GetAsync("/api/v1/divisions"));
        Assert.Contains(divisions.EnumerateArray(), d => d.GetProperty("code").GetString() == "330702" && d.GetProperty("name").GetString() == "婺城区");
        Assert.True(divisions.GetArrayLength() >= 28);
        var users = await ApiAssert.Json(await client.GetAsync("/api/v1/users"));
        foreach (var role in Roles.All)
            Assert.Contains(users.EnumerateArray(), u => u.GetProperty("role").GetString() == role);
    }

    [Fact]
    public async Task An_administrator_creates_a_department_and_a_duplicate_code_is_a_conflict()
    {
        var client = await app.ClientFor("admin");
        var body = new { code = "TJJ", name = "金华市婺城区统计局", shortName = "统计局", divisionCode = "330702" };
        await ApiAssert.Json(await client.PostAsJsonAsync("/api/v1/departments", body), HttpStatusCode.Created);
        var json = await ApiAssert.Problem(await client.PostAsJsonAsync("/api/v1/departments", body with { name = "另一个" }), HttpStatusCode.Conflict);
        Assert.Contains("TJJ", json.GetProperty("detail").GetString());
        Assert.Equal(1, await app.WithDb(db => db.Set<Department>().CountAsync(d => d.Code == "TJJ")));
    }

    [Fact]
    public async Task Bad_department_input_names_each_field()
    {
        var client = await app.ClientFor("admin");
        var json = await ApiAssert.Problem(await client.PostAsJsonAsync("/api/v1/departments", new { code = "1x", name = "", shortName = "", divisionCode = "33" }), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "code", "name", "shortName", "divisionCode" })
            Assert.True(json.GetProperty("errors").TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task A_manager_cannot_create_departments()
    {
        var client = await app.ClientFor("manager");
        await ApiAssert.Problem(await client.PostAsJsonAsync("/api/v1/departments", new { code = "ABC", name = "某局", shortName = "某局" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_the_policy_and_no_user_is_created()
    {
        var client = await app.ClientFor("admin");
        var response = await client.PostAsJsonAsync("/api/v1/users", new { userName = "weak", displayName = "弱密码", role = Roles.Officer, departmentId = 1, password = "short" });
        var message = await ApiAssert.InvalidField(response, "password");
        Assert.Contains("10", message);
        Assert.False(await app.WithDb(db => db.Users.AnyAsync(u => u.UserName == "weak")));
    }

    [Fact]
    public async Task A_user_created_by_the_administrator_can_sign_in_with_its_role()
    {
        var client = await app.ClientFor("admin");
        await ApiAssert.Json(await client.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "new.reviewer", displayName = "新审核员", role = Roles.LegalReviewer, departmentId = 2, password = "Review#2026x",
        }), HttpStatusCode.Created);
        var reviewer = await app.ClientFor("new.reviewer", "Review#2026x");
        var me = await ApiAssert.Json(await reviewer.GetAsync("/api/v1/me"));
        Assert.Equal(Roles.LegalReviewer, me.GetProperty("roles")[0].GetString());
        Assert.Equal(2, me.GetProperty("departmentId").GetInt32());
    }

    [Fact]
    public async Task A_staff_user_without_a_department_or_with_an_unknown_role_is_refused()
    {
        var client = await app.ClientFor("admin");
        var response = await client.PostAsJsonAsync("/api/v1/users", new { userName = "nodept", displayName = "无部门", role = Roles.Officer, password = "Test#Passw0rd" });
        await ApiAssert.InvalidField(response, "departmentId");
        response = await client.PostAsJsonAsync("/api/v1/users", new { userName = "norole", displayName = "无角色", role = "God", departmentId = 1, password = "Test#Passw0rd" });
        await ApiAssert.InvalidField(response, "role");
    }
}

public sealed class DepartmentAndUserApiTests_Sqlite(SqliteApp app) : DepartmentAndUserApiTests(app), IClassFixture<SqliteApp>;
public sealed class DepartmentAndUserApiTests_Postgres(PostgresApp app) : DepartmentAndUserApiTests(app), IClassFixture<PostgresApp>;
