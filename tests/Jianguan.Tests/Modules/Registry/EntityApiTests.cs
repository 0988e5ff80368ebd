using System.Net;
using System.Net.Http.Json;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Tests.Modules.Registry;

public abstract class EntityApiTests(JianguanApp app)
{
    // Valid by GB 32100 and GB 11714, not among the demo businesses.
    private const string NewCode = "91330702MA2HJ3K51M";

    private static object NewEntity(string code, string name = "金华市测试食品有限公司", string industry = "1419") => new
    {
        creditCode = code, name, divisionCode = "330702001", industryCode = industry,
        legalRepresentativeName = "张三", legalRepresentativeIdNumber = "11010519491231002X", address = "婺城区测试路1号",
        registeredOn = "2020-05-06", tags = new[] { "食品生产", "重点监管" },
        licences = new[] { new { name = "食品生产许可证", number = "SC10633070200001", expiresOn = "2027-05-05" } },
    };

    private Task<int> CountWithCode(string code) => app.WithDb(db => db.Set<SupervisedEntity>().CountAsync(e => e.CreditCode == code));

    [Fact]
    public async Task A_manager_registers_an_entity_and_reads_it_back_by_a_lower_case_code()
    {
        var client = await app.ClientFor("manager");
        var created = await ApiAssert.Json(await client.PostAsJsonAsync("/api/v1/entities", NewEntity(NewCode.ToLowerInvariant())), HttpStatusCode.Created);
        Assert.Equal(NewCode, created.GetProperty("creditCode").GetString());
        Assert.Equal("Enterprise", created.GetProperty("type").GetString());
        var read = await ApiAssert.Json(await client.GetAsync($"/api/v1/entities/{NewCode.ToLowerInvariant()}"));
        Assert.Equal("金华市测试食品有限公司", read.GetProperty("name").GetString());
        Assert.Equal("1101**********002X", read.GetProperty("legalRepresentativeIdNumber").GetString());
        Assert.Equal(2, read.GetProperty("tags").GetArrayLength());
        Assert.Equal("2027-05-05", read.GetProperty("licences")[0].GetProperty("expiresOn").GetString());
        // The full ID number is stored, only ever shown masked.
        Assert.Equal("11010519491231002X", await app.WithDb(db => db.Set<SupervisedEntity>().Where(e => e.CreditCode == NewCode).Select(e => e.LegalRepresentativeIdNumber).SingleAsync()));
    }

    [Fact]
    public async Task A_code_with_a_wrong_check_character_is_refused_naming_the_expected_one_and_nothing_is_stored()
    {
        var client = await app.ClientFor("manager");
        var message = await ApiAssert.InvalidField(await client.PostAsJsonAsync("/api/v1/entities", NewEntity("91440300192317458A")), "creditCode");
        Assert.Contains("“F”", message);
        Assert.Equal(0, await CountWithCode("91440300192317458A"));
    }

    [Fact]
    public async Task A_code_failing_only_the_organisation_check_is_stored_with_a_warning()
    {
        var client = await app.ClientFor("manager");
        var created = await ApiAssert.Json(await client.PostAsJsonAsync("/api/v1/entities", NewEntity("91330702MA2E6WYQ0L", "警告测试有限公司")), HttpStatusCode.Created);
        Assert.Contains("GB 11714", created.GetProperty("warnings")[0].GetString());
    }

    [Fact]
    public async Task A_registered_code_is_a_conflict()
    {
        var client = await app.ClientFor("manager");
        var json = await ApiAssert.Problem(await client.PostAsJsonAsync("/api/v1/entities", NewEntity("91330702MA2E6WYQ2T")), HttpStatusCode.Conflict);
        Assert.Contains("91330702MA2E6WYQ2T", json.GetProperty("detail").GetString());
        Assert.Equal(1, await CountWithCode("91330702MA2E6WYQ2T"));
    }

    [Theory]
    [InlineData("industryCode", "Z")]
    [InlineData("industryCode", "9999")]
    [InlineData("industryCode", "62a")]
    public async Task Bad_industry_codes_are_refused(string field, string value)
    {
        var client = await app.ClientFor("manager");
        var body = new { creditCode = "91330702MA2E6WYQ7A", name = "行业测试", divisionCode = "330702", industryCode = value };
        await ApiAssert.InvalidField(await client.PostAsJsonAsync("/api/v1/entities", body), field);
    }

    [Fact]
    public async Task Each_bad_field_is_named()
    {
        var client = await app.ClientFor("manager");
        var response = await client.PostAsJsonAsync("/api/v1/entities", new
        {
            creditCode = "91330702MA2E6WYQ7A", name = new string('长', 200), divisionCode = "110101", industryCode = "62",
            legalRepresentativeIdNumber = "110105194912310021", registeredOn = "2020-02-30", status = "歇业",
        });
        var errors = (await ApiAssert.Problem(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        foreach (var field in new[] { "name", "divisionCode", "legalRepresentativeIdNumber", "registeredOn", "status" })
            Assert.True(errors.TryGetProperty(field, out _), field);
        Assert.Equal(0, await CountWithCode("91330702MA2E6WYQ7A"));
    }

    [Fact]
    public async Task Search_finds_by_name_fragment_and_filters_and_pages()
    {
        var client = await app.ClientFor("officer");
        var all = await ApiAssert.Json(await client.GetAsync("/api/v1/entities?pageSize=5"));
        Assert.True(all.GetProperty("total").GetInt32() >= 3000);
        Assert.Equal(5, all.GetProperty("items").GetArrayLength());
        var food = await ApiAssert.Json(await client.GetAsync("/api/v1/entities?q=餐饮&industry=H&status=Active&pageSize=100"));
        Assert.True(food.GetProperty("total").GetInt32() > 0);
        Assert.All(food.GetProperty("items").EnumerateArray(), e =>
        {
            Assert.Contains("餐饮", e.GetProperty("name").GetString());
            Assert.StartsWith("62", e.GetProperty("industryCode").GetString());
            Assert.Equal("Active", e.GetProperty("status").GetString());
        });
        var tagged = await ApiAssert.Json(await client.GetAsync("/api/v1/entities?tag=危险化学品&division=330702"));
        Assert.All(tagged.GetProperty("items").EnumerateArray(), e => Assert.Contains("危险化学品", e.GetProperty("tags").EnumerateArray().Select(t => t.GetString())));
        var byCode = await ApiAssert.Json(await client.GetAsync("/api/v1/entities?q=91330702ma2e6wyq2"));
        Assert.Equal("91330702MA2E6WYQ2T", byCode.GetProperty("items")[0].GetProperty("creditCode").GetString());
        var literal = await ApiAssert.Json(await client.GetAsync("/api/v1/entities?q=%25"));
        Assert.Equal(0, literal.GetProperty("total").GetInt32()); // a % is searched for, not a wildcard
    }

    [Theory]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("after=not-a-cursor", "after")]
    [InlineData("page=2", "page")]
    [InlineData("status=歇业", "status")]
    public async Task Bad_search_parameters_are_refused(string query, string field)
    {
        var client = await app.ClientFor("officer");
        await ApiAssert.InvalidField(await client.GetAsync($"/api/v1/entities?{query}"), field);
    }

    [Fact]
    public async Task A_business_reads_its_own_entity_only_and_cannot_search()
    {
        var client = await app.ClientFor("business");
        await ApiAssert.Json(await client.GetAsync("/api/v1/entities/91330702MA2E6WYQ2T"));
        var other = await app.WithDb(db => db.Set<SupervisedEntity>().Where(e => e.CreditCode != "91330702MA2E6WYQ2T").Select(e => e.CreditCode).FirstAsync());
        await ApiAssert.Problem(await client.GetAsync($"/api/v1/entities/{other}"), HttpStatusCode.NotFound);
        await ApiAssert.Problem(await client.GetAsync("/api/v1/entities?q=餐饮"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_officer_cannot_register_entities()
    {
        var client = await app.ClientFor("officer");
        await ApiAssert.Problem(await client.PostAsJsonAsync("/api/v1/entities", NewEntity("91330702MA2E6WYQ9G")), HttpStatusCode.Forbidden);
        Assert.Equal(0, await CountWithCode("91330702MA2E6WYQ9G"));
    }

    [Fact]
    public async Task The_industry_reference_has_the_20_sections_and_97_divisions()
    {
        var client = await app.ClientFor("officer");
        var industries = await ApiAssert.Json(await client.GetAsync("/api/v1/industries"));
        Assert.Equal(20, industries.EnumerateArray().Count(i => i.GetProperty("code").GetString()!.Length == 1));
        Assert.Equal(97, industries.EnumerateArray().Count(i => i.GetProperty("code").GetString()!.Length == 2));
    }
}

public sealed class EntityApiTests_Sqlite(SqliteApp app) : EntityApiTests(app), IClassFixture<SqliteApp>;
public sealed class EntityApiTests_Postgres(PostgresApp app) : EntityApiTests(app), IClassFixture<PostgresApp>;
