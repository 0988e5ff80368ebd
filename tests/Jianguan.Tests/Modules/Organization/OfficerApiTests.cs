using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Organization;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Tests.Modules.Organization;

/// <summary>Officers are a department's own records: other departments neither see nor change them.</summary>
public abstract class OfficerApiTests(JianguanApp app)
{
    // Demo data: department 1 is 市场监管局 (manager, officer), department 2 综合行政执法局 (zhzf.manager).
    private Task<int> DepartmentId(string code) => app.WithDb(db => db.Set<Department>().Where(d => d.Code == code).Select(d => d.Id).SingleAsync());
    private Task<Officer> FirstOfficerOf(string code) => app.WithDb(db => db.Set<Officer>().AsNoTracking().Where(o => o.Department!.Code == code).OrderBy(o => o.Id).FirstAsync());

    private static object NewOfficer(int departmentId, string license, string name = "测试执法员") =>
        new { departmentId, name, licenseNumber = license, licenseExpiresOn = "2028-06-30", qualifications = "食品安全、特种设备" };

    [Fact]
    public async Task A_manager_sees_only_the_officers_of_its_own_department()
    {
        var client = await app.ClientFor("manager");
        var list = await ApiAssert.Json(await client.GetAsync("/api/v1/officers"));
        var scjg = await DepartmentId("SCJG");
        Assert.NotEmpty(list.EnumerateArray());
        Assert.All(list.EnumerateArray(), o => Assert.Equal(scjg, o.GetProperty("departmentId").GetInt32()));
    }

    [Fact]
    public async Task The_coordination_committee_sees_officers_of_every_department()
    {
        var client = await app.ClientFor("committee");
        var list = await ApiAssert.Json(await client.GetAsync("/api/v1/officers"));
        Assert.True(list.EnumerateArray().Select(o => o.GetProperty("departmentId").GetInt32()).Distinct().Count() >= 10);
    }

    [Fact]
    public async Task Reading_another_departments_officer_is_not_found()
    {
        var other = await FirstOfficerOf("ZHZF");
        var client = await app.ClientFor("manager");
        var json = await ApiAssert.Problem(await client.GetAsync($"/api/v1/officers/{other.Id}"), HttpStatusCode.NotFound);
        Assert.Contains("不属于您的部门", json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Changing_another_departments_officer_is_refused_and_changes_nothing()
    {
        var other = await FirstOfficerOf("ZHZF");
        var client = await app.ClientFor("manager");
        var response = await client.PutAsJsonAsync($"/api/v1/officers/{other.Id}", NewOfficer(other.DepartmentId, other.LicenseNumber, "改名"));
        await ApiAssert.Problem(response, HttpStatusCode.NotFound);
        var after = await app.WithDb(db => db.Set<Officer>().AsNoTracking().SingleAsync(o => o.Id == other.Id));
        Assert.Equal(other.Name, after.Name);
    }

    [Fact]
    public async Task A_manager_cannot_register_an_officer_in_another_department()
    {
        var before = await app.WithDb(db => db.Set<Officer>().CountAsync());
        var client = await app.ClientFor("manager");
        var json = await ApiAssert.Problem(await client.PostAsJsonAsync("/api/v1/officers", NewOfficer(await DepartmentId("ZHZF"), "X1000001")), HttpStatusCode.Forbidden);
        Assert.Contains("本部门", json.GetProperty("detail").GetString());
        Assert.Equal(before, await app.WithDb(db => db.Set<Officer>().CountAsync()));
    }

    [Fact]
    public async Task An_officer_cannot_register_officers()
    {
        var client = await app.ClientFor("officer");
        await ApiAssert.Problem(await client.PostAsJsonAsync("/api/v1/officers", NewOfficer(await DepartmentId("SCJG"), "X1000002")), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_manager_registers_an_officer_of_its_department_and_can_read_it_back()
    {
        var client = await app.ClientFor("manager");
        var created = await ApiAssert.Json(await client.PostAsJsonAsync("/api/v1/officers", NewOfficer(await DepartmentId("SCJG"), "x1000003", "周新")), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        var read = await ApiAssert.Json(await client.GetAsync($"/api/v1/officers/{id}"));
        Assert.Equal("X1000003", read.GetProperty("licenseNumber").GetString());
        Assert.Equal("2028-06-30", read.GetProperty("licenseExpiresOn").GetString());
        Assert.Equal(["食品安全", "特种设备"], read.GetProperty("qualifications").EnumerateArray().Select(q => q.GetString()));
        var otherManager = await app.ClientFor("zhzf.manager");
        await ApiAssert.Problem(await otherManager.GetAsync($"/api/v1/officers/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_officer_input_is_refused_naming_each_field_and_nothing_is_stored()
    {
        var before = await app.WithDb(db => db.Set<Officer>().CountAsync());
        var client = await app.ClientFor("manager");
        var response = await client.PostAsJsonAsync("/api/v1/officers", new { name = "", licenseNumber = "有空 格", licenseExpiresOn = "2028-02-30" });
        var json = await ApiAssert.Problem(response, HttpStatusCode.BadRequest);
        var errors = json.GetProperty("errors");
        Assert.Contains("必填", errors.GetProperty("name")[0].GetString());
        Assert.Contains("数字、字母", errors.GetProperty("licenseNumber")[0].GetString());
        Assert.Contains("YYYY-MM-DD", errors.GetProperty("licenseExpiresOn")[0].GetString());
        Assert.Equal(before, await app.WithDb(db => db.Set<Officer>().CountAsync()));
    }

    [Fact]
    public async Task A_licence_number_already_held_is_a_conflict()
    {
        var existing = await FirstOfficerOf("SCJG");
        var client = await app.ClientFor("manager");
        var json = await ApiAssert.Problem(await client.PostAsJsonAsync("/api/v1/officers", NewOfficer(existing.DepartmentId, existing.LicenseNumber)), HttpStatusCode.Conflict);
        Assert.Contains(existing.LicenseNumber, json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_officer_whose_licence_expired_may_not_inspect()
    {
        var expired = await app.WithDb(db => db.Set<Officer>().AsNoTracking().Where(o => o.LicenseExpiresOn < DateOnly.FromDateTime(DateTime.Today)).FirstAsync());
        Assert.False(expired.MayInspectOn(DateOnly.FromDateTime(DateTime.Today)));
        Assert.True(expired.MayInspectOn(expired.LicenseExpiresOn));
    }
}

public sealed class OfficerApiTests_Sqlite(SqliteApp app) : OfficerApiTests(app), IClassFixture<SqliteApp>;
public sealed class OfficerApiTests_Postgres(PostgresApp app) : OfficerApiTests(app), IClassFixture<PostgresApp>;
