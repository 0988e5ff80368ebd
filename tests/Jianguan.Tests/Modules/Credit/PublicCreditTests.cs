using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Platform.Privacy;

namespace Jianguan.Tests.Modules.Credit;

/// <summary>
/// The public look-up (公示, LEGAL-RULES.md §5): anonymous, registration facts and what is within its publicity,
/// personal data masked, never the risk class (国市监信发〔2022〕6号: the class is internal).
/// </summary>
public abstract class PublicCreditTests(JianguanApp app)
{
    private static IEnumerable<string> PropertyNames(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => PropertyNames(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(PropertyNames),
        _ => [],
    };

    [Fact]
    public async Task The_public_view_masks_the_legal_representative_and_shows_only_records_within_their_publicity()
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        var entity = await CreditApiData.NewEntityAsync(app, legalRepresentative: "王小明");
        await app.WithDb(async db =>
        {
            CreditRecord Penalty(string title, CreditSeverity severity, DateOnly on)
            {
                var record = new CreditRecord
                {
                    EntityId = entity.Id, Kind = CreditRecordKind.Penalty, Severity = severity, Title = title, OccurredOn = on, IssuedBy = "金华市婺城区市场监督管理局",
                    Source = CreditRecordSource.Entered, RecordedAtUtc = DateTime.UtcNow, DecisionNumber = $"婺市监罚决〔{on.Year}〕{Random.Shared.Next(100, 999)}号",
                };
                (record.PublicFrom, record.PublicUntil) = CreditRecords.Publicity(LegalRulesDefault, severity, on);
                db.Add(record);
                return record;
            }
            Penalty("一般失信，公示中", CreditSeverity.General, today.AddMonths(-2));
            Penalty("一般失信，公示期满", CreditSeverity.General, today.AddMonths(-13));            // 1 year at most
            Penalty("严重失信，公示中", CreditSeverity.Serious, today.AddMonths(-30));             // 3 years
            Penalty("轻微失信，不公示", CreditSeverity.Minor, today.AddMonths(-1));                 // 2026 rules
            Penalty("已信用修复", CreditSeverity.General, today.AddMonths(-5)).PublicityEndedOn = today.AddDays(-1);
            await db.SaveChangesAsync();
        });
        await ApiAssert.Json(await (await app.ClientFor("admin")).PostAsJsonAsync("/api/v1/credit/risk-runs", new { creditCode = entity.CreditCode }), HttpStatusCode.Created);

        var response = await app.PublicCreditAsync(entity.CreditCode.ToLowerInvariant());
        var json = await ApiAssert.Json(response);
        Assert.Equal("王**", json.GetProperty("legalRepresentative").GetString());
        Assert.DoesNotContain("王小明", await response.Content.ReadAsStringAsync());
        Assert.Equal(new[] { "一般失信，公示中", "严重失信，公示中" }.Order(), json.GetProperty("penalties").EnumerateArray().Select(p => p.GetProperty("title").GetString()!).Order());
        // The entity is classed (a penalty: class B under the starter model), and nothing of it is public.
        Assert.NotNull(await app.WithDb(db => db.Set<EntityRiskClass>().FindAsync(entity.Id).AsTask()));
        Assert.DoesNotContain(PropertyNames(json), n => n.Contains("class", StringComparison.OrdinalIgnoreCase) || n.Contains("risk", StringComparison.OrdinalIgnoreCase)
            || n.Contains("score", StringComparison.OrdinalIgnoreCase) || n.Contains("idNumber", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_record_is_public_from_its_first_to_its_last_day_and_not_from_the_day_its_publicity_ended_each_in_its_section_newest_first()
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        var entity = await CreditApiData.NewEntityAsync(app);
        var authority = await CreditApiData.RegistrationAuthorityIdAsync(app);
        await app.WithDb(async db =>
        {
            void Record(string title, CreditRecordKind kind, DateOnly occurredOn, DateOnly? from, DateOnly? until = null, DateOnly? ended = null) => db.Add(new CreditRecord
            {
                EntityId = entity.Id, Kind = kind, Severity = CreditSeverity.General, Title = title, OccurredOn = occurredOn, IssuedBy = "金华市婺城区市场监督管理局",
                Source = CreditRecordSource.Entered, RecordedAtUtc = DateTime.UtcNow, PublicFrom = from, PublicUntil = until, PublicityEndedOn = ended,
            });
            Record("明天起公示", CreditRecordKind.Penalty, today, today.AddDays(1));
            Record("今天公示期满", CreditRecordKind.Penalty, today.AddDays(-40), today.AddDays(-40), until: today);
            Record("昨天公示期满", CreditRecordKind.Penalty, today.AddDays(-41), today.AddDays(-41), until: today.AddDays(-1));
            Record("今天修复", CreditRecordKind.Penalty, today.AddDays(-42), today.AddDays(-42), ended: today);
            Record("明天修复", CreditRecordKind.Penalty, today.AddDays(-43), today.AddDays(-43), ended: today.AddDays(1));
            Record("不公示", CreditRecordKind.Penalty, today.AddDays(-5), null);
            Record("检查未发现问题", CreditRecordKind.InspectionCompliant, today.AddDays(-3), today.AddDays(-3));
            Record("作出信用承诺", CreditRecordKind.CommitmentMade, today.AddDays(-9), today.AddDays(-9));
            Record("年报按时报送", CreditRecordKind.AnnualReportOnTime, today.AddDays(-100), today.AddDays(-100));
            Record("列入经营异常名录（记录）", CreditRecordKind.AbnormalListing, today.AddDays(-7), today.AddDays(-7));
            CreditListing Listing(DateOnly listedOn, DateOnly? removedOn) => new()
            {
                EntityId = entity.Id, List = CreditList.AbnormalList, Reason = ListingReason.Unreachable, FoundOn = listedOn.AddDays(-5), ListBy = listedOn,
                ListedOn = listedOn, DecisionNumber = $"婺市监异入〔{listedOn.Year}〕{listedOn.DayNumber % 1000}号", DepartmentId = authority, Facts = "无法联系。",
                ObjectionBy = listedOn.AddDays(30), ExpiresOn = listedOn.AddYears(3), RemovedOn = removedOn,
            };
            db.AddRange(Listing(today.AddDays(-7), null), Listing(today.AddDays(-300), today.AddDays(-200)), Listing(today.AddDays(1), null));
            await db.SaveChangesAsync();
        });

        var json = await ApiAssert.Json(await app.PublicCreditAsync(entity.CreditCode));
        string[] Titles(string section) => [.. json.GetProperty(section).EnumerateArray().Select(r => r.GetProperty("title").GetString()!)];
        Assert.Equal(["今天公示期满", "明天修复"], Titles("penalties"));
        Assert.Equal(["检查未发现问题"], Titles("inspections"));
        Assert.Equal(["作出信用承诺"], Titles("commitments"));
        Assert.Equal(["年报按时报送"], Titles("others"));
        var penalty = json.GetProperty("penalties")[0];
        Assert.Equal("行政处罚", penalty.GetProperty("kindName").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd"), penalty.GetProperty("publicUntil").GetString());
        var listing = Assert.Single(json.GetProperty("listings").EnumerateArray());
        Assert.Equal("经营异常名录", listing.GetProperty("listName").GetString());
        Assert.Equal(today.AddDays(-7).ToString("yyyy-MM-dd"), listing.GetProperty("listedOn").GetString());
        Assert.Equal("金华市婺城区市场监督管理局", listing.GetProperty("department").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd"), json.GetProperty("asOf").GetString());
        Assert.Equal("2020-03-01", json.GetProperty("registeredOn").GetString());
    }

    private static readonly Jianguan.Web.Platform.Rules.LegalRules LegalRulesDefault = Jianguan.Web.Platform.Rules.LegalRules.Default;

    [Fact]
    public async Task The_demo_business_is_public_without_its_class_and_an_unknown_code_is_404()
    {
        var response = await app.PublicCreditAsync(CreditApiData.BusinessCode);
        var json = await ApiAssert.Json(response);
        Assert.Equal(CreditApiData.BusinessCode, json.GetProperty("creditCode").GetString());
        Assert.DoesNotContain(PropertyNames(json), n => n.Contains("class", StringComparison.OrdinalIgnoreCase) || n.Contains("risk", StringComparison.OrdinalIgnoreCase));
        await ApiAssert.Problem(await app.PublicCreditAsync("91330702ZZZZZZZZZZ"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("")]
    [InlineData("餐")]
    [InlineData(" a ")]
    public async Task A_search_needs_two_characters_at_least(string q)
    {
        await ApiAssert.InvalidField(await app.Anonymous().GetAsync($"/api/v1/public/credit?q={Uri.EscapeDataString(q)}"), "q");
    }

    [Fact]
    public async Task A_search_finds_by_name_fragment_at_most_20_and_by_whole_code()
    {
        var response = await app.Anonymous().GetAsync($"/api/v1/public/credit?q={Uri.EscapeDataString("餐饮")}");
        var matches = await ApiAssert.Json(response);
        Assert.InRange(matches.GetArrayLength(), 1, CreditProfiles.PublicMatches);
        Assert.All(matches.EnumerateArray(), m => Assert.Contains("餐饮", m.GetProperty("name").GetString()));
        Assert.Equal(["creditCode", "name", "statusName"], PropertyNames(matches[0]).ToArray());
        var byCode = await ApiAssert.Json(await app.Anonymous().GetAsync($"/api/v1/public/credit?q={CreditApiData.BusinessCode.ToLowerInvariant()}"));
        Assert.Equal(CreditApiData.BusinessCode, Assert.Single(byCode.EnumerateArray()).GetProperty("creditCode").GetString());
    }
}

public sealed class PublicCreditTests_Sqlite(SqliteApp app) : PublicCreditTests(app), IClassFixture<SqliteApp>;
public sealed class PublicCreditTests_Postgres(PostgresApp app) : PublicCreditTests(app), IClassFixture<PostgresApp>;

/// <summary>The public look-up is rate limited per client address (Credit:PublicRequestsPerMinute).</summary>
public abstract class PublicCreditRateLimitTests(JianguanApp app)
{
    public const string Limit = "3";

    public sealed class LimitedSqliteApp : SqliteApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Credit:PublicRequestsPerMinute", Limit)];
    }

    public sealed class LimitedPostgresApp : PostgresApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Credit:PublicRequestsPerMinute", Limit)];
    }

    [Fact]
    public async Task Past_the_limit_a_public_request_gets_429_with_a_problem_and_staff_requests_are_not_limited()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < int.Parse(Limit); i++)
            statuses.Add((await app.PublicCreditAsync(CreditApiData.BusinessCode)).StatusCode);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var json = await ApiAssert.Problem(await app.Anonymous().GetAsync($"/api/v1/public/credit?q={Uri.EscapeDataString("餐饮")}"), HttpStatusCode.TooManyRequests);
        Assert.Contains("频繁", json.GetProperty("detail").GetString());
        await ApiAssert.Json(await (await app.ClientFor("officer")).GetAsync($"/api/v1/credit/{CreditApiData.BusinessCode}"));
    }
}

public sealed class PublicCreditRateLimitTests_Sqlite(PublicCreditRateLimitTests.LimitedSqliteApp app)
    : PublicCreditRateLimitTests(app), IClassFixture<PublicCreditRateLimitTests.LimitedSqliteApp>;
public sealed class PublicCreditRateLimitTests_Postgres(PublicCreditRateLimitTests.LimitedPostgresApp app)
    : PublicCreditRateLimitTests(app), IClassFixture<PublicCreditRateLimitTests.LimitedPostgresApp>;

/// <summary>PublicMask: personal data on public answers.</summary>
public sealed class PublicMaskTests
{
    [Theory]
    [InlineData("王小明", "王**")]
    [InlineData(" 欧阳娜娜 ", "欧***")]
    [InlineData("王", "*")]
    [InlineData("𠀀明", "𠀀*")] // a character outside the BMP is one character, not two halves
    [InlineData("", null)]
    [InlineData("  ", null)]
    [InlineData(null, null)]
    public void A_name_keeps_its_first_character(string? name, string? masked) => Assert.Equal(masked, PublicMask.Name(name));

    [Theory]
    [InlineData("11010519491231002X", "1****************X")]
    [InlineData("12", "**")]
    [InlineData(null, null)]
    public void An_id_number_keeps_its_first_and_last_character(string? id, string? masked) => Assert.Equal(masked, PublicMask.IdNumber(id));
}
