using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jianguan.Tests.Modules.Credit;

/// <summary>Entities and rows the credit tests set up straight on the database.</summary>
internal static class CreditApiData
{
    /// <summary>The demo business user's entity.</summary>
    public const string BusinessCode = "91330702MA2E6WYQ2T";

    private static int _next;

    /// <summary>A new active entity of the district with no credit history; its code is unique, not a valid GB 32100 code.</summary>
    public static async Task<SupervisedEntity> NewEntityAsync(JianguanApp app, EntityType type = EntityType.Enterprise, DateOnly? registeredOn = null,
        string industry = "5211", string section = "F", string? legalRepresentative = "王小明")
    {
        var entity = new SupervisedEntity
        {
            CreditCode = $"91330702TC{Interlocked.Increment(ref _next):D4}{Random.Shared.Next(1000, 9999)}", Name = $"信用测试{Guid.NewGuid():N}"[..16] + "有限公司",
            Type = type, DivisionCode = "330702001", IndustryCode = industry, IndustrySection = section,
            RegisteredOn = registeredOn ?? new DateOnly(2020, 3, 1), LegalRepresentativeName = legalRepresentative, Address = "婺城区信用路1号",
        };
        await app.WithDb(async db => { db.Add(entity); await db.SaveChangesAsync(); });
        return entity;
    }

    public static Task<int> RegistrationAuthorityIdAsync(JianguanApp app) =>
        app.WithDb(db => db.Set<Department>().Where(d => d.IsRegistrationAuthority).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());

    /// <summary>Runs <paramref name="work"/> with a service of the application's own, in a scope of its own (as the jobs do).</summary>
    public static async Task<T> WithService<TService, T>(JianguanApp app, Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public static Task<int> CountAsync<T>(JianguanApp app) where T : class => app.WithDb(db => db.Set<T>().CountAsync());
}

public abstract class CreditApiTests(JianguanApp app)
{
    private static object Record(string code, string kind = "Penalty", string severity = "General", string title = "违反《食品安全法》，罚款一万元",
        string? occurredOn = null, string? sourceKey = null) => new
    {
        creditCode = code, kind, severity, title, detail = "经查属实。", decisionNumber = "婺市监罚决〔2026〕901号",
        occurredOn = occurredOn ?? DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd"), sourceKey,
    };

    [Fact]
    public async Task Staff_in_remit_get_the_class_with_its_explanation_naming_the_records_behind_each_factor()
    {
        // 国市监信发〔2022〕6号: each entity has a class A–D, refreshed by the runs, explained by the factors that scored.
        var entity = await CreditApiData.NewEntityAsync(app);
        var manager = await app.ClientFor("manager");
        var record = await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/credit/records", Record(entity.CreditCode)), HttpStatusCode.Created);
        var admin = await app.ClientFor("admin");
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/credit/risk-runs", new { creditCode = entity.CreditCode }), HttpStatusCode.Created);

        foreach (var user in new[] { "officer", "head", "committee", "admin" })
        {
            var profile = await ApiAssert.Json(await (await app.ClientFor(user)).GetAsync($"/api/v1/credit/{entity.CreditCode.ToLowerInvariant()}"));
            var risk = profile.GetProperty("risk");
            Assert.Equal("B", risk.GetProperty("class").GetString()); // one penalty: 5 points under the starter model
            Assert.Equal(5, risk.GetProperty("score").GetDecimal());
            var factor = Assert.Single(risk.GetProperty("factors").EnumerateArray());
            Assert.Equal("PEN", factor.GetProperty("code").GetString());
            var cited = Assert.Single(factor.GetProperty("records").EnumerateArray());
            Assert.Equal(record.GetProperty("id").GetInt64(), cited.GetProperty("id").GetInt64());
            Assert.Equal("违反《食品安全法》，罚款一万元", cited.GetProperty("title").GetString());
            Assert.Contains(profile.GetProperty("records").EnumerateArray(), r => r.GetProperty("id").GetInt64() == record.GetProperty("id").GetInt64());
        }
    }

    [Fact]
    public async Task A_department_whose_division_does_not_cover_the_entitys_gets_404()
    {
        var entity = await CreditApiData.NewEntityAsync(app); // in 330702001
        var admin = await app.ClientFor("admin");
        var department = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/departments",
            new { code = "XZB", name = "金华市婺城区某乡镇办事处", shortName = "某乡镇", divisionCode = "330702002" }), HttpStatusCode.Created);
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "township.officer", displayName = "乡镇执法人员", role = "Officer", departmentId = department.GetProperty("id").GetInt32(), password = "Township#2026",
        }), HttpStatusCode.Created);
        var township = await app.ClientFor("township.officer", "Township#2026");
        await ApiAssert.Problem(await township.GetAsync($"/api/v1/credit/{entity.CreditCode}"), HttpStatusCode.NotFound);
        // The district bureau's officer, whose division covers the township, sees it.
        await ApiAssert.Json(await (await app.ClientFor("officer")).GetAsync($"/api/v1/credit/{entity.CreditCode}"));
        // Nor may the township send a record about it.
        var count = await CreditApiData.CountAsync<CreditRecord>(app);
        await ApiAssert.Problem(await township.PostAsJsonAsync("/api/v1/credit/records", Record(entity.CreditCode)), HttpStatusCode.NotFound);
        Assert.Equal(count, await CreditApiData.CountAsync<CreditRecord>(app));
    }

    [Fact]
    public async Task The_business_gets_403_on_the_staff_view_and_its_own_record_without_any_class_at_mine()
    {
        // 国市监信发〔2022〕6号: the class is internal.
        var business = await app.ClientFor("business");
        await ApiAssert.Problem(await business.GetAsync($"/api/v1/credit/{CreditApiData.BusinessCode}"), HttpStatusCode.Forbidden);
        var response = await business.GetAsync("/api/v1/credit/mine");
        var mine = await ApiAssert.Json(response);
        Assert.Equal(CreditApiData.BusinessCode, mine.GetProperty("entity").GetProperty("creditCode").GetString());
        Assert.True(mine.TryGetProperty("records", out _));
        Assert.False(mine.TryGetProperty("risk", out _));
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"class\"", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"score\"", text, StringComparison.OrdinalIgnoreCase);
        // The demo business is classed: the staff see a class the business does not.
        var staff = await ApiAssert.Json(await (await app.ClientFor("officer")).GetAsync($"/api/v1/credit/{CreditApiData.BusinessCode}"));
        Assert.Equal(JsonValueKind.Object, staff.GetProperty("risk").ValueKind);
    }

    [Fact]
    public async Task On_a_past_day_the_class_is_that_of_the_run_then()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var admin = await app.ClientFor("admin");
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/credit/risk-runs", new { creditCode = entity.CreditCode }), HttpStatusCode.Created);
        // A run of last June that found the entity in class D.
        await app.WithDb(async db =>
        {
            var model = await db.Set<RiskModel>().OrderBy(m => m.Version).FirstAsync();
            var run = new RiskRun { ModelId = model.Id, AsOf = new DateOnly(2026, 6, 1), Trigger = RiskRunTrigger.Scheduled, EntityId = entity.Id, StartedAtUtc = new DateTime(2026, 6, 1, 2, 0, 0, DateTimeKind.Utc), StartedBy = "system" };
            db.Add(run);
            await db.SaveChangesAsync();
            db.Add(new RiskAssessment
            {
                RunId = run.Id, EntityId = entity.Id, Class = RiskClass.D, Score = 45, AsOf = run.AsOf, ModelId = model.Id,
                Explanation = new RiskExplanation([new FactorScore("SER", "列入严重违法失信名单", 1, 40, [], [12345]), new FactorScore("NEW", "成立不满一年", 1, 5, [])]),
            });
            await db.SaveChangesAsync();
        });
        var client = await app.ClientFor("officer");
        var june = (await ApiAssert.Json(await client.GetAsync($"/api/v1/credit/{entity.CreditCode}?on=2026-07-15"))).GetProperty("risk");
        Assert.Equal("D", june.GetProperty("class").GetString());
        Assert.Equal("2026-06-01", june.GetProperty("asOf").GetString());
        Assert.Equal(2, june.GetProperty("factors").GetArrayLength());
        // Stored without names; the API names each factor from the model version the assessment names.
        Assert.Equal(["列入严重违法失信名单", "成立不满一年"], june.GetProperty("factors").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(12345, june.GetProperty("factors")[0].GetProperty("listingIds")[0].GetInt64());
        var today = (await ApiAssert.Json(await client.GetAsync($"/api/v1/credit/{entity.CreditCode}"))).GetProperty("risk");
        Assert.Equal("A", today.GetProperty("class").GetString());
        var before = await ApiAssert.Json(await client.GetAsync($"/api/v1/credit/{entity.CreditCode}?on=2026-05-31"));
        Assert.Equal(JsonValueKind.Null, before.GetProperty("risk").ValueKind);
        await ApiAssert.InvalidField(await client.GetAsync($"/api/v1/credit/{entity.CreditCode}?on=2026-13-01"), "on");
    }

    [Fact]
    public async Task A_record_sent_twice_with_the_same_source_key_is_stored_once()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var manager = await app.ClientFor("manager");
        var body = Record(entity.CreditCode, sourceKey: "CASE-2026-0042");
        var first = await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/credit/records", body), HttpStatusCode.Created);
        Assert.Equal("Received", first.GetProperty("source").GetString());
        var second = await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/credit/records", body), HttpStatusCode.OK);
        Assert.Equal(first.GetProperty("id").GetInt64(), second.GetProperty("id").GetInt64());
        Assert.Equal(1, await app.WithDb(db => db.Set<CreditRecord>().CountAsync(r => r.EntityId == entity.Id)));
        // The same key for another entity is a conflict, not a second record.
        var other = await CreditApiData.NewEntityAsync(app);
        await ApiAssert.Problem(await manager.PostAsJsonAsync("/api/v1/credit/records", Record(other.CreditCode, sourceKey: "CASE-2026-0042")), HttpStatusCode.Conflict);
        Assert.Equal(0, await app.WithDb(db => db.Set<CreditRecord>().CountAsync(r => r.EntityId == other.Id)));
    }

    public static TheoryData<string, string, string, string, string> BadRecords => new()
    {
        { "kind", "Fine", "General", "罚款", "2026-11-01" },
        { "kind", "AbnormalListing", "General", "列入经营异常名录", "2026-11-01" },      // written by the lists
        { "kind", "AnnualReportLate", "None", "年报逾期", "2026-11-01" },               // written by the annual reports
        { "kind", "1", "General", "数字类别", "2026-11-01" },
        { "severity", "Penalty", "Grave", "罚款", "2026-11-01" },
        { "occurredOn", "Penalty", "General", "罚款", "2099-01-01" },                  // in the future
        { "occurredOn", "Penalty", "General", "罚款", "2026-02-30" },
        { "title", "Penalty", "General", new string('长', 129), "2026-11-01" },
        { "title", "Penalty", "General", " ", "2026-11-01" },
        { "occurredOn", "Penalty", "General", "罚款", "2022-06-01" },                  // before the earliest rules the platform holds (2023-05-01)
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public async Task A_bad_record_is_refused_naming_the_field_and_nothing_is_stored(string field, string kind, string severity, string title, string occurredOn)
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var manager = await app.ClientFor("manager");
        await ApiAssert.InvalidField(await manager.PostAsJsonAsync("/api/v1/credit/records", Record(entity.CreditCode, kind, severity, title, occurredOn)), field);
        Assert.Equal(0, await app.WithDb(db => db.Set<CreditRecord>().CountAsync(r => r.EntityId == entity.Id)));
    }

    [Fact]
    public async Task A_minor_record_is_published_under_the_2023_rules_and_not_under_the_2026_ones()
    {
        // 发改委令第58号 (no 轻微 tier: 一般, public up to 1 year) vs 信用修复管理办法 from 2026-04-01 (轻微 not published).
        var entity = await CreditApiData.NewEntityAsync(app);
        var manager = await app.ClientFor("manager");
        var old = await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/credit/records", Record(entity.CreditCode, "InspectionNonCompliant", "Minor", "检查发现问题（三月）", "2026-03-31")), HttpStatusCode.Created);
        Assert.Equal("2026-03-31", old.GetProperty("publicFrom").GetString());
        Assert.Equal("2027-03-31", old.GetProperty("publicUntil").GetString());
        Assert.True(old.GetProperty("isPublic").GetBoolean());
        var recent = await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/credit/records", Record(entity.CreditCode, "InspectionNonCompliant", "Minor", "检查发现问题（四月）", "2026-04-01")), HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, recent.GetProperty("publicFrom").ValueKind);
        Assert.False(recent.GetProperty("isPublic").GetBoolean());
        var inspections = (await ApiAssert.Json(await app.PublicCreditAsync(entity.CreditCode))).GetProperty("inspections");
        var shown = Assert.Single(inspections.EnumerateArray());
        Assert.Equal("检查发现问题（三月）", shown.GetProperty("title").GetString());
    }

    // --- Annual reports: 企业信息公示暂行条例 第8条, window 1 January – 30 June ---

    [Fact]
    public async Task Filing_before_the_window_opens_is_refused_and_filing_twice_is_a_conflict()
    {
        // 企业信息公示暂行条例 第8条: the 2026 report is filed from 2027-01-01.
        var entity = await CreditApiData.NewEntityAsync(app, registeredOn: new DateOnly(2024, 5, 1));
        var manager = await app.ClientFor("manager");
        var message = await ApiAssert.InvalidField(await manager.PostAsJsonAsync("/api/v1/credit/annual-reports", new { creditCode = entity.CreditCode, year = 2026 }), "year");
        Assert.Contains("2027-01-01", message);
        var filed = await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/credit/annual-reports", new { creditCode = entity.CreditCode, year = 2025, filedOn = "2026-05-20" }), HttpStatusCode.Created);
        Assert.True(filed.GetProperty("onTime").GetBoolean());
        await ApiAssert.Problem(await manager.PostAsJsonAsync("/api/v1/credit/annual-reports", new { creditCode = entity.CreditCode, year = 2025 }), HttpStatusCode.Conflict);
        Assert.Equal(1, await app.WithDb(db => db.Set<AnnualReport>().CountAsync(r => r.EntityId == entity.Id)));
        Assert.Equal(1, await app.WithDb(db => db.Set<CreditRecord>().CountAsync(r => r.EntityId == entity.Id && r.Kind == CreditRecordKind.AnnualReportOnTime)));
    }

    [Fact]
    public async Task A_filing_dated_before_the_rules_the_platform_holds_is_refused_not_failed()
    {
        var entity = await CreditApiData.NewEntityAsync(app, registeredOn: new DateOnly(2019, 5, 1));
        var manager = await app.ClientFor("manager");
        Assert.Contains("2023-05-01", await ApiAssert.InvalidField(await manager.PostAsJsonAsync("/api/v1/credit/annual-reports", new { creditCode = entity.CreditCode, year = 2021, filedOn = "2022-03-01" }), "filedOn"));
        Assert.Equal(0, await app.WithDb(db => db.Set<AnnualReport>().CountAsync(r => r.EntityId == entity.Id)));
    }

    [Fact]
    public async Task A_business_files_only_its_own_report_and_another_departments_manager_none()
    {
        var entity = await CreditApiData.NewEntityAsync(app, registeredOn: new DateOnly(2024, 5, 1));
        await ApiAssert.Problem(await (await app.ClientFor("business")).PostAsJsonAsync("/api/v1/credit/annual-reports", new { creditCode = entity.CreditCode, year = 2025 }), HttpStatusCode.Forbidden);
        await ApiAssert.Problem(await (await app.ClientFor("zhzf.manager")).PostAsJsonAsync("/api/v1/credit/annual-reports", new { creditCode = entity.CreditCode, year = 2025 }), HttpStatusCode.Forbidden);
        Assert.Equal(0, await app.WithDb(db => db.Set<AnnualReport>().CountAsync(r => r.EntityId == entity.Id)));
    }

    [Fact]
    public async Task The_1_July_job_lists_enterprises_marks_sole_traders_and_a_second_run_adds_nothing()
    {
        // LEGAL-RULES.md §6: missed report → enterprise on 经营异常名录 (条例 第17条), 个体工商户 marked 经营异常状态.
        var enterprise = await CreditApiData.NewEntityAsync(app, registeredOn: new DateOnly(2024, 5, 1));
        var soleTrader = await CreditApiData.NewEntityAsync(app, EntityType.SoleTrader, registeredOn: new DateOnly(2024, 5, 1));
        var founded2026 = await CreditApiData.NewEntityAsync(app, registeredOn: new DateOnly(2026, 2, 1)); // reports from 2027
        var listed = await CreditApiData.WithService<AnnualReports, int>(app, reports => reports.ListMissingAsync(2025, CancellationToken.None));
        Assert.True(listed >= 2, $"{listed}");
        var listings = await app.WithDb(db => db.Set<CreditListing>().Where(l => l.EntityId == enterprise.Id || l.EntityId == soleTrader.Id || l.EntityId == founded2026.Id).ToListAsync());
        var onList = Assert.Single(listings, l => l.EntityId == enterprise.Id);
        Assert.False(onList.IsStatusMark);
        Assert.Equal((CreditList.AbnormalList, ListingReason.AnnualReportNotFiled, 2025), (onList.List, onList.Reason, onList.ReportYear));
        Assert.Equal(new DateOnly(2026, 7, 1), onList.FoundOn);
        Assert.True(Assert.Single(listings, l => l.EntityId == soleTrader.Id).IsStatusMark);
        Assert.DoesNotContain(listings, l => l.EntityId == founded2026.Id);

        var count = await CreditApiData.CountAsync<CreditListing>(app);
        Assert.Equal(0, await CreditApiData.WithService<AnnualReports, int>(app, reports => reports.ListMissingAsync(2025, CancellationToken.None)));
        Assert.Equal(count, await CreditApiData.CountAsync<CreditListing>(app));
    }

    [Fact]
    public async Task A_late_filing_makes_the_enterprises_removal_due_and_ends_the_sole_traders_mark()
    {
        // 企业信息公示暂行条例 第17条: removal within 5 working days of the fix; a sole trader's mark ends on filing (LEGAL-RULES.md §6).
        var enterprise = await CreditApiData.NewEntityAsync(app, registeredOn: new DateOnly(2024, 5, 1));
        var soleTrader = await CreditApiData.NewEntityAsync(app, EntityType.SoleTrader, registeredOn: new DateOnly(2024, 5, 1));
        await CreditApiData.WithService<AnnualReports, int>(app, reports => reports.ListMissingAsync(2025, CancellationToken.None));
        var manager = await app.ClientFor("manager");
        var today = DateOnly.FromDateTime(DateTime.Today);
        foreach (var e in new[] { enterprise, soleTrader })
        {
            var filed = await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/credit/annual-reports", new { creditCode = e.CreditCode, year = 2025 }), HttpStatusCode.Created);
            Assert.False(filed.GetProperty("onTime").GetBoolean());
            Assert.Equal(today.ToString("yyyy-MM-dd"), filed.GetProperty("filedOn").GetString());
        }
        var listings = await app.WithDb(db => db.Set<CreditListing>().Where(l => l.EntityId == enterprise.Id || l.EntityId == soleTrader.Id).ToListAsync());
        var onList = Assert.Single(listings, l => l.EntityId == enterprise.Id);
        Assert.Null(onList.RemovedOn); // the removal is a decision of the authority, due now
        Assert.Equal(today, onList.RemovalRequestedOn);
        var fiveWorkingDays = await CreditApiData.WithService<CalendarService, DateOnly>(app, async c => (await c.GetAsync()).AddWorkingDays(today, 5));
        Assert.Equal(fiveWorkingDays, onList.RemoveBy);
        var due = await ApiAssert.Json(await manager.GetAsync("/api/v1/credit/listings?due=true"));
        Assert.Contains(due.EnumerateArray(), l => l.GetProperty("id").GetInt64() == onList.Id);
        var mark = Assert.Single(listings, l => l.EntityId == soleTrader.Id);
        Assert.Equal(today, mark.RemovedOn);
        Assert.Equal(RemovalReason.AnnualReportFiled, mark.RemovalReason);
        Assert.Equal(1, await app.WithDb(db => db.Set<CreditRecord>().CountAsync(r => r.EntityId == enterprise.Id && r.Kind == CreditRecordKind.AnnualReportLate)));
    }

    // --- The scoring model and the runs ---

    private static object Definition(params object[] bands) => new
    {
        factors = new[] { new { code = "PEN", name = "行政处罚", kind = "Records", points = 5, maxPoints = 20, recordKinds = new[] { "Penalty" }, withinMonths = 36 } },
        bands,
        observation = new { tag = "观察期", highestClass = "B" },
    };

    private static readonly object[] GoodBands =
        [new { @class = "A", from = 0, to = (int?)10 }, new { @class = "B", from = 10, to = (int?)25 }, new { @class = "C", from = 25, to = (int?)45 }, new { @class = "D", from = 45, to = (int?)null }];

    [Fact]
    public async Task A_model_with_overlapping_or_gapped_bands_is_refused_and_nothing_is_stored()
    {
        var admin = await app.ClientFor("admin");
        var count = await CreditApiData.CountAsync<RiskModel>(app);
        object[] overlapping = [new { @class = "A", from = 0, to = (int?)10 }, new { @class = "B", from = 8, to = (int?)25 }, new { @class = "C", from = 25, to = (int?)45 }, new { @class = "D", from = 45, to = (int?)null }];
        object[] gapped = [new { @class = "A", from = 0, to = (int?)10 }, new { @class = "B", from = 10, to = (int?)25 }, new { @class = "C", from = 30, to = (int?)45 }, new { @class = "D", from = 45, to = (int?)null }];
        Assert.Contains("重叠", await ApiAssert.InvalidField(await admin.PostAsJsonAsync("/api/v1/credit/risk-models", new { effectiveFrom = "2026-12-01", note = "重叠", definition = Definition(overlapping) }), "bands"));
        Assert.Contains("缺口", await ApiAssert.InvalidField(await admin.PostAsJsonAsync("/api/v1/credit/risk-models", new { effectiveFrom = "2026-12-01", note = "缺口", definition = Definition(gapped) }), "bands"));
        await ApiAssert.InvalidField(await admin.PostAsJsonAsync("/api/v1/credit/risk-models", new { effectiveFrom = "2026-12-01", note = "无因素", definition = new { bands = GoodBands } }), "factors");
        await ApiAssert.InvalidField(await admin.PostAsJsonAsync("/api/v1/credit/risk-models", new { effectiveFrom = "2025-01-01", note = "早于", definition = Definition(GoodBands) }), "effectiveFrom");
        Assert.Equal(count, await CreditApiData.CountAsync<RiskModel>(app));
    }

    [Fact]
    public async Task A_valid_model_is_saved_as_the_next_version_and_only_an_administrator_may_save_one()
    {
        var latest = await app.WithDb(db => db.Set<RiskModel>().MaxAsync(m => m.Version));
        var count = await CreditApiData.CountAsync<RiskModel>(app);
        foreach (var user in new[] { "manager", "head", "committee" })
            await ApiAssert.Problem(await (await app.ClientFor(user)).PostAsJsonAsync("/api/v1/credit/risk-models", new { effectiveFrom = "2030-01-01", note = "越权", definition = Definition(GoodBands) }), HttpStatusCode.Forbidden);
        Assert.Equal(count, await CreditApiData.CountAsync<RiskModel>(app));
        var admin = await app.ClientFor("admin");
        // Effective far ahead, so that the other tests' runs keep the model in force today.
        var saved = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/credit/risk-models", new { effectiveFrom = "2030-01-01", note = "调整分数段", definition = Definition(GoodBands) }), HttpStatusCode.Created);
        Assert.Equal(latest + 1, saved.GetProperty("version").GetInt32());
        Assert.Equal(4, saved.GetProperty("definition").GetProperty("bands").GetArrayLength());
        var versions = await ApiAssert.Json(await admin.GetAsync("/api/v1/credit/risk-models"));
        Assert.Equal(latest + 1, versions[0].GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_run_classes_every_entity_and_a_second_run_with_nothing_changed_stores_no_assessment()
    {
        var admin = await app.ClientFor("admin");
        var first = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/credit/risk-runs", new { }), HttpStatusCode.Created);
        var entities = await CreditApiData.CountAsync<SupervisedEntity>(app);
        Assert.Equal(entities, first.GetProperty("assessed").GetInt32());
        Assert.Equal(entities, await CreditApiData.CountAsync<EntityRiskClass>(app));
        Assert.Equal(0, await app.WithDb(db => db.Set<SupervisedEntity>().CountAsync(e => !db.Set<EntityRiskClass>().Any(c => c.EntityId == e.Id))));
        var assessments = await CreditApiData.CountAsync<RiskAssessment>(app);
        var second = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/credit/risk-runs", new { }), HttpStatusCode.Created);
        Assert.Equal(entities, second.GetProperty("assessed").GetInt32());
        Assert.Equal(0, second.GetProperty("changed").GetInt32());
        Assert.Equal(assessments, await CreditApiData.CountAsync<RiskAssessment>(app));
    }

    [Fact]
    public async Task A_new_record_changes_the_class_at_the_next_run_of_that_entity_alone()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var admin = await app.ClientFor("admin");
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/credit/risk-runs", new { creditCode = entity.CreditCode }), HttpStatusCode.Created);
        var manager = await app.ClientFor("manager");
        for (var i = 0; i < 4; i++)
            await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/credit/records", Record(entity.CreditCode, title: $"罚款 {i}")), HttpStatusCode.Created);
        await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/credit/records", Record(entity.CreditCode, severity: "Serious", title: "严重违法")), HttpStatusCode.Created);
        var run = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/credit/risk-runs", new { creditCode = entity.CreditCode }), HttpStatusCode.Created);
        Assert.Equal(1, run.GetProperty("assessed").GetInt32());
        Assert.Equal(1, run.GetProperty("changed").GetInt32());
        // 5 penalties × 5 capped at 20, plus one serious 15: 35, class C.
        var current = await app.WithDb(db => db.Set<EntityRiskClass>().SingleAsync(c => c.EntityId == entity.Id));
        Assert.Equal((RiskClass.C, 35m), (current.Class, current.Score));
        // The first assessment, replaced, is history now; the second is the entity's class row.
        var history = await app.WithDb(db => db.Set<RiskAssessment>().Where(a => a.EntityId == entity.Id).ToListAsync());
        Assert.Equal(RiskClass.A, Assert.Single(history).Class);
        Assert.Equal(5, current.Explanation.Factors.Single(f => f.Code == "PEN").RecordIds.Count);
        await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/credit/risk-runs", new { creditCode = "91330702ZZZZZZZZZZ" }), HttpStatusCode.NotFound);
        await ApiAssert.Problem(await manager.PostAsJsonAsync("/api/v1/credit/risk-runs", new { }), HttpStatusCode.Forbidden);
    }
}

public sealed class CreditApiTests_Sqlite(SqliteApp app) : CreditApiTests(app), IClassFixture<SqliteApp>;
public sealed class CreditApiTests_Postgres(PostgresApp app) : CreditApiTests(app), IClassFixture<PostgresApp>;
