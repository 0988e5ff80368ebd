using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Tests.Modules.Registry;

/// <summary>
/// Search against an expectation computed here from every stored name, so the name index must find exactly the
/// names containing the fragment; pages followed by their cursor, so no entity is missed or repeated.
/// </summary>
public abstract class EntitySearchTests(JianguanApp app)
{
    private static readonly string[] ExtraNames =
    [
        "婺城区甲乙丙丁有限公司", "金华市乙丙商行", "金华市丙丁%_商行", "金华市100%纯净水店", "ABC科技有限公司", "乙", "𠀀𠀁字号店",
    ];

    private async Task AddExtraNamesOnce()
    {
        if (await app.WithDb(db => db.Set<SupervisedEntity>().AnyAsync(e => e.Name == ExtraNames[0]))) return;
        var manager = await app.ClientFor("manager");
        foreach (var (name, i) in ExtraNames.Select((n, i) => (n, i)))
        {
            var code = Code(i);
            var response = await manager.PostAsJsonAsync("/api/v1/entities", new { creditCode = code, name, divisionCode = "330702001", industryCode = "5221" });
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{name}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>A code with a right check character (its organisation code may fail GB 11714: a warning only).</summary>
    internal static string Code(int n) => $"91330702MA9{n:D6}" + CreditCode.ExpectedCheckCharacter($"91330702MA9{n:D6}");

    /// <summary>Every page of a search, following the cursor; fails on a repeated entity.</summary>
    private static async Task<(List<JsonElement> Items, JsonElement First)> AllPages(HttpClient client, string query, int pageSize = 100)
    {
        var items = new List<JsonElement>();
        JsonElement? first = null;
        string? after = null;
        do
        {
            var page = await ApiAssert.Json(await client.GetAsync($"/api/v1/entities?{query}&pageSize={pageSize}" + (after is null ? "" : $"&after={after}")));
            first ??= page;
            items.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.GetProperty("next").GetString();
        } while (after is not null);
        var codes = items.Select(e => e.GetProperty("creditCode").GetString()).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        return (items, first!.Value);
    }

    private static string Fold(string s) => new([.. s.Select(c => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c)]);

    [Theory]
    [InlineData("乙")]
    [InlineData("乙丙")]
    [InlineData("甲乙丙")]
    [InlineData("乙丙丁有限")]
    [InlineData("餐饮")]
    [InlineData("有限公司")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("%_")]
    [InlineData("0%纯")]
    [InlineData("abc")]
    [InlineData("𠀁字")]
    [InlineData("不存在的名称")]
    public async Task A_fragment_finds_exactly_the_names_containing_it_in_name_order_when_few(string fragment)
    {
        await AddExtraNamesOnce();
        var names = await app.WithDb(db => db.Set<SupervisedEntity>().Select(e => new { e.Name, e.CreditCode }).ToListAsync());
        var expected = names.Where(e => Fold(e.Name).Contains(Fold(fragment), StringComparison.Ordinal)).Select(e => e.CreditCode).Order().ToList();
        var client = await app.ClientFor("officer");
        var (items, first) = await AllPages(client, $"q={Uri.EscapeDataString(fragment)}");
        Assert.Equal(expected, items.Select(e => e.GetProperty("creditCode").GetString()!).Order().ToList());
        Assert.Equal(Math.Min(expected.Count, EntitySearch.FragmentCountLimit), first.GetProperty("total").GetInt32());
        Assert.Equal(expected.Count <= EntitySearch.FragmentCountLimit, first.GetProperty("totalIsExact").GetBoolean());
        Assert.Equal(expected.Count <= EntitySearch.SortLimit ? "name" : "entered", first.GetProperty("order").GetString());
        var shown = items.Select(e => e.GetProperty("name").GetString()!).ToList();
        if (expected.Count <= EntitySearch.SortLimit)
            Assert.Equal(shown.Order(StringComparer.Ordinal), shown); // no names outside the BMP here, so UTF-16 order is code-point order
    }

    [Fact]
    public async Task A_name_change_moves_the_entity_between_searches()
    {
        var manager = await app.ClientFor("manager");
        var created = await manager.PostAsJsonAsync("/api/v1/entities", new { creditCode = Code(100), name = "改名前独特戊己有限公司", divisionCode = "330702001", industryCode = "5221" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await ApiAssert.Json(await manager.PutAsJsonAsync($"/api/v1/entities/{Code(100)}", new { creditCode = Code(100), name = "改名后独特庚辛有限公司", divisionCode = "330702001", industryCode = "5221" }));
        var officer = await app.ClientFor("officer");
        Assert.Equal(0, (await ApiAssert.Json(await officer.GetAsync("/api/v1/entities?q=戊己"))).GetProperty("total").GetInt32());
        Assert.Equal(1, (await ApiAssert.Json(await officer.GetAsync("/api/v1/entities?q=庚辛"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Filters_and_a_fragment_combine()
    {
        var all = await app.WithDb(db => db.Set<SupervisedEntity>().Include(e => e.Tags).AsNoTracking().ToListAsync());
        var client = await app.ClientFor("officer");
        var tag = all.SelectMany(e => e.Tags).GroupBy(t => t.Tag).OrderByDescending(g => g.Count()).First().Key;
        (string Query, Func<SupervisedEntity, bool> Matches)[] cases =
        [
            ("q=餐饮&industry=H&status=Active", e => e.Name.Contains("餐饮") && e.IndustrySection == "H" && e.Status == EntityStatus.Active),
            ("industry=62&division=330702", e => e.IndustryCode.StartsWith("62") && e.DivisionCode.StartsWith("330702")),
            ($"tag={Uri.EscapeDataString(tag)}&status=Active", e => e.Tags.Any(t => t.Tag == tag) && e.Status == EntityStatus.Active),
            ($"q=有限&tag={Uri.EscapeDataString(tag)}&industry=F", e => e.Name.Contains("有限") && e.Tags.Any(t => t.Tag == tag) && e.IndustrySection == "F"),
        ];
        foreach (var (query, matches) in cases)
        {
            var expected = all.Where(matches).Select(e => e.CreditCode).Order().ToList();
            Assert.NotEmpty(expected);
            var (items, first) = await AllPages(client, query, 37);
            Assert.Equal(expected, items.Select(e => e.GetProperty("creditCode").GetString()!).Order().ToList());
            Assert.Equal(expected.Count, first.GetProperty("total").GetInt32());
        }
    }

    [Fact]
    public async Task A_credit_code_prefix_in_any_case_finds_the_codes_starting_with_it()
    {
        var codes = await app.WithDb(db => db.Set<SupervisedEntity>().Select(e => e.CreditCode).ToListAsync());
        var client = await app.ClientFor("officer");
        var (items, first) = await AllPages(client, "q=91330702ma2e6");
        var expected = codes.Where(c => c.StartsWith("91330702MA2E6", StringComparison.Ordinal)).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, items.Select(e => e.GetProperty("creditCode").GetString()!).Order().ToList());
        Assert.Equal(expected.Count, first.GetProperty("total").GetInt32());
    }
}

public sealed class EntitySearchTests_Sqlite(SqliteApp app) : EntitySearchTests(app), IClassFixture<SqliteApp>;
public sealed class EntitySearchTests_Postgres(PostgresApp app) : EntitySearchTests(app), IClassFixture<PostgresApp>;

/// <summary>
/// More matches than the search counts (<see cref="EntitySearch.CountLimit"/>, <see cref="EntitySearch.FragmentCountLimit"/>
/// with a fragment): the total says so, and the pages, in the order entered, still hold every match once.
/// </summary>
public abstract class EntitySearchAtScaleTests(JianguanApp app)
{
    private const int Extra = EntitySearch.CountLimit * 12 / 10; // still more than counted once a tenth is deregistered

    private async Task AddManyOnce()
    {
        if (await app.WithDb(db => db.Set<SupervisedEntity>().AnyAsync(e => e.Name == "批量测试0号商行"))) return;
        await app.WithDb(async db =>
        {
            // Written as a bulk import writes them, straight into the table: the name index must follow by itself.
            await db.Database.OpenConnectionAsync(); // through EF, which registers the platform's SQLite functions
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO supervised_entities ("CreditCode", "Name", "Type", "DivisionCode", "IndustryCode", "IndustrySection", "Status")
                VALUES (@code, @name, 1, '330702002', '5221', 'F', @status)
                """;
            DbParameter Add(string name) { var p = insert.CreateParameter(); p.ParameterName = name; insert.Parameters.Add(p); return p; }
            var (code, name, status) = (Add("code"), Add("name"), Add("status"));
            for (var i = 0; i < Extra; i++)
            {
                code.Value = $"T{i:D17}";
                name.Value = $"批量测试{i}号{(i % 3 == 0 ? "商行" : "店")}";
                status.Value = i % 10 == 0 ? 2 : 1;
                await insert.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        });
    }

    [Theory]
    [InlineData("q=批量测试", Extra, EntitySearch.FragmentCountLimit, "entered")]
    [InlineData("q=批量&status=Active", Extra - Extra / 10, EntitySearch.FragmentCountLimit, "entered")]
    [InlineData("q=批量测试&division=330702002", Extra, EntitySearch.FragmentCountLimit, "entered")]
    [InlineData("q=号店&industry=F", -2, EntitySearch.FragmentCountLimit, "entered")]
    [InlineData("q=t0000000000000", 10_000, EntitySearch.FragmentCountLimit, "code")]
    [InlineData("division=330702002&industry=F&status=Active", -1, EntitySearch.CountLimit, "entered")]
    public async Task A_search_with_more_matches_than_it_counts_says_so_and_pages_through_all(string query, int expectedCount, int counted, string order)
    {
        await AddManyOnce();
        if (expectedCount == -1)
            expectedCount = await app.WithDb(db => db.Set<SupervisedEntity>().CountAsync(e => e.DivisionCode.StartsWith("330702002") && e.IndustrySection == "F" && e.Status == EntityStatus.Active));
        if (expectedCount == -2)
            expectedCount = await app.WithDb(db => db.Set<SupervisedEntity>().CountAsync(e => e.Name.Contains("号店") && e.IndustrySection == "F"));
        var ids = await app.WithDb(db => db.Set<SupervisedEntity>().ToDictionaryAsync(e => e.CreditCode, e => e.Id));
        var client = await app.ClientFor("officer");
        var first = await ApiAssert.Json(await client.GetAsync($"/api/v1/entities?{query}&pageSize=100"));
        Assert.Equal(counted, first.GetProperty("total").GetInt32());
        Assert.False(first.GetProperty("totalIsExact").GetBoolean());
        Assert.Equal(order, first.GetProperty("order").GetString());
        var seen = new HashSet<string>();
        (long Id, string Code) previous = (0, "");
        for (var page = first; ;)
        {
            foreach (var e in page.GetProperty("items").EnumerateArray())
            {
                var code = e.GetProperty("creditCode").GetString()!;
                Assert.True(order == "code" ? string.CompareOrdinal(previous.Code, code) < 0 : previous.Id < ids[code], $"{code} after {previous}");
                Assert.True(seen.Add(code));
                previous = (ids[code], code);
            }
            if (page.GetProperty("next").GetString() is not { } after) break;
            page = await ApiAssert.Json(await client.GetAsync($"/api/v1/entities?{query}&pageSize=100&after={after}"));
        }
        Assert.Equal(expectedCount, seen.Count);
    }

    [Fact]
    public async Task A_page_after_a_cursor_in_name_order_stays_in_name_order_when_the_matches_grow_past_the_sort_limit()
    {
        var manager = await app.ClientFor("manager");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await manager.PostAsJsonAsync("/api/v1/entities",
                new { creditCode = EntitySearchTests.Code(200 + i), name = $"游标{i}号测试店", divisionCode = "330702001", industryCode = "5221" })).StatusCode);
        var client = await app.ClientFor("officer");
        var first = await ApiAssert.Json(await client.GetAsync($"/api/v1/entities?q={Uri.EscapeDataString("游标")}&pageSize=1"));
        Assert.Equal("name", first.GetProperty("order").GetString());
        await AddManyOnce();
        // 号 matches thousands, which would come in the order entered; after a cursor in name order they do not.
        var after = first.GetProperty("next").GetString();
        var second = await ApiAssert.Json(await client.GetAsync($"/api/v1/entities?q={Uri.EscapeDataString("号")}&pageSize=1&after={after}"));
        Assert.Equal("name", second.GetProperty("order").GetString());
        Assert.True(string.CompareOrdinal(first.GetProperty("items")[0].GetProperty("name").GetString(), second.GetProperty("items")[0].GetProperty("name").GetString()) < 0);
    }

    [Fact]
    public async Task The_page_shows_a_capped_count_as_more_than()
    {
        await AddManyOnce();
        var officer = await PageClient.SignedIn(app, "officer");
        var html = await (await officer.Get("/Registry?q=" + Uri.EscapeDataString("批量测试"))).Content.ReadAsStringAsync();
        Assert.Contains("超过 1,000 户，较多，按录入先后排列", html);
        Assert.Contains("rel=\"next\"", html);
    }
}

public sealed class EntitySearchAtScaleTests_Sqlite(SqliteApp app) : EntitySearchAtScaleTests(app), IClassFixture<SqliteApp>;
public sealed class EntitySearchAtScaleTests_Postgres(PostgresApp app) : EntitySearchAtScaleTests(app), IClassFixture<PostgresApp>;
