using System.Net;
using System.Net.Http.Json;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Tests.Modules.Credit;

/// <summary>
/// 经营异常名录 and 严重违法失信名单 (LEGAL-RULES.md §5): 企业信息公示暂行条例 第17条 and 总局令第44号, kept by the
/// registration authority (市场监管局, the demo's manager and head).
/// </summary>
public abstract class CreditListingTests(JianguanApp app)
{
    private static object Listing(string code, string list = "AbnormalList", string reason = "Unreachable", int? reportYear = null,
        string foundOn = "2026-11-16", string? listedOn = "2026-11-20", string? decisionNumber = "婺市监异入〔2026〕501号") => new
    {
        creditCode = code, list, reason, reportYear, foundOn, listedOn, decisionNumber, facts = "经实地核查，通过登记的住所无法联系。",
    };

    private Task<int> ListingsOf(SupervisedEntity entity) => app.WithDb(db => db.Set<CreditListing>().CountAsync(l => l.EntityId == entity.Id));
    private Task<int> RecordsOf(SupervisedEntity entity) => app.WithDb(db => db.Set<CreditRecord>().CountAsync(r => r.EntityId == entity.Id));
    private Task<CreditListing> Stored(long id) => app.WithDb(db => db.Set<CreditListing>().SingleAsync(l => l.Id == id));

    /// <summary>A listing made on <paramref name="listedOn"/> (back-dated), with its record, as the lists write them.</summary>
    private async Task<CreditListing> ListedAsync(SupervisedEntity entity, DateOnly listedOn, CreditList list = CreditList.AbnormalList,
        ListingReason reason = ListingReason.Unreachable, bool statusMark = false, int? reportYear = null)
    {
        var department = await CreditApiData.RegistrationAuthorityIdAsync(app);
        var listing = new CreditListing
        {
            EntityId = entity.Id, List = list, Reason = reason, ReportYear = reportYear, FoundOn = listedOn.AddDays(-5), ListBy = listedOn.AddDays(9), ListedOn = listedOn,
            DecisionNumber = $"婺市监入〔{listedOn.Year}〕{Random.Shared.Next(1000, 9999)}号", DepartmentId = department, Facts = "回溯的列入。",
            ObjectionBy = listedOn.AddDays(30), ExpiresOn = listedOn.AddYears(3), IsStatusMark = statusMark,
        };
        await app.WithDb(async db =>
        {
            db.Add(listing);
            await db.SaveChangesAsync();
            db.Add(new CreditRecord
            {
                EntityId = entity.Id, ListingId = listing.Id, DepartmentId = department, IssuedBy = "金华市婺城区市场监督管理局",
                Kind = list == CreditList.AbnormalList ? CreditRecordKind.AbnormalListing : CreditRecordKind.SeriousViolationListing,
                Severity = list == CreditList.AbnormalList ? CreditSeverity.General : CreditSeverity.Serious, Title = "回溯的列入",
                DecisionNumber = listing.DecisionNumber, OccurredOn = listedOn, Source = CreditRecordSource.Platform, PublicFrom = listedOn, RecordedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        return listing;
    }

    [Fact]
    public async Task A_listing_carries_the_dates_of_article_17_and_its_public_record()
    {
        // 企业信息公示暂行条例 第17条: list within 10 working days of the finding, objection within 30 days, escalation after 3 years.
        var entity = await CreditApiData.NewEntityAsync(app);
        var manager = await app.ClientFor("manager");
        var listing = await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode.ToLowerInvariant())), HttpStatusCode.Created);
        Assert.Equal("2026-11-30", listing.GetProperty("listBy").GetString());       // Mon 16 Nov + 10 working days
        Assert.False(listing.GetProperty("listedLate").GetBoolean());
        Assert.Equal("2026-12-21", listing.GetProperty("objectionBy").GetString());  // 20 Dec is a Sunday: the next working day
        Assert.Equal("2029-11-20", listing.GetProperty("expiresOn").GetString());
        Assert.Equal("企业信息公示暂行条例 第17条第1款第4项", listing.GetProperty("legalBasis").GetString());
        Assert.True(listing.GetProperty("active").GetBoolean());
        Assert.DoesNotContain("Escalated", listing.GetProperty("possibleRemovals").EnumerateArray().Select(r => r.GetString()));
        var record = await app.WithDb(db => db.Set<CreditRecord>().SingleAsync(r => r.ListingId == listing.GetProperty("id").GetInt64()));
        Assert.Equal(CreditRecordKind.AbnormalListing, record.Kind);
        Assert.True(record.IsPublicOn(new DateOnly(2026, 11, 20)));
    }

    [Fact]
    public async Task A_listing_made_after_the_10_working_days_is_marked_late()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var manager = await app.ClientFor("manager");
        var listing = await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode, foundOn: "2026-11-02", listedOn: "2026-11-20")), HttpStatusCode.Created);
        Assert.Equal("2026-11-16", listing.GetProperty("listBy").GetString());
        Assert.True(listing.GetProperty("listedLate").GetBoolean());
    }

    [Fact]
    public async Task Listing_twice_for_the_same_reason_is_a_conflict_and_changes_nothing()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var manager = await app.ClientFor("manager");
        await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode)), HttpStatusCode.Created);
        var (listings, records) = (await ListingsOf(entity), await RecordsOf(entity));
        var json = await ApiAssert.Problem(await manager.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode, decisionNumber: "婺市监异入〔2026〕502号")), HttpStatusCode.Conflict);
        Assert.Contains("不重复列入", json.GetProperty("detail").GetString());
        Assert.Equal((listings, records), (await ListingsOf(entity), await RecordsOf(entity)));
    }

    [Fact]
    public async Task A_missing_annual_report_is_listed_once_a_year()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var manager = await app.ClientFor("manager");
        await ApiAssert.InvalidField(await manager.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode, reason: "AnnualReportNotFiled")), "reportYear");
        await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode, reason: "AnnualReportNotFiled", reportYear: 2024)), HttpStatusCode.Created);
        var count = await ListingsOf(entity);
        await ApiAssert.Problem(await manager.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode, reason: "AnnualReportNotFiled", reportYear: 2024)), HttpStatusCode.Conflict);
        Assert.Equal(count, await ListingsOf(entity));
        await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode, reason: "AnnualReportNotFiled", reportYear: 2025)), HttpStatusCode.Created);
        Assert.Equal(count + 1, await ListingsOf(entity));
    }

    [Fact]
    public async Task A_reason_of_the_other_list_is_refused()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var manager = await app.ClientFor("manager");
        var message = await ApiAssert.InvalidField(await manager.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode, list: "SeriousViolationList", reason: "Unreachable")), "reason");
        Assert.Contains("严重违法失信名单", message);
        await ApiAssert.InvalidField(await manager.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode, list: "AbnormalList", reason: "SeverePenalty")), "reason");
        await ApiAssert.InvalidField(await manager.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode, list: "Blacklist")), "list");
        // Two names are no reason, though the enum parser would OR them into a third (1 | 2 = FalseInformation).
        await ApiAssert.InvalidField(await manager.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode, reason: "AnnualReportNotFiled, InstantInformationNotFiled")), "reason");
        await ApiAssert.InvalidField(await manager.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode, reason: "3")), "reason");
        await ApiAssert.InvalidField(await manager.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode, decisionNumber: null)), "decisionNumber");
        await ApiAssert.InvalidField(await manager.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode, foundOn: "2026-11-21")), "foundOn");
        await ApiAssert.InvalidField(await manager.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode, foundOn: "2026-11-16", listedOn: "2099-01-01")), "listedOn");
        // Before the earliest rules the platform holds (2023-05-01), and before the calendar (2025): refused, not failed.
        Assert.Contains("2023-05-01", await ApiAssert.InvalidField(await manager.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode, foundOn: "2022-06-01", listedOn: "2022-06-10")), "foundOn"));
        await ApiAssert.InvalidField(await manager.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode, foundOn: "2024-06-03", listedOn: "2024-06-10")), "foundOn");
        Assert.Equal(0, await ListingsOf(entity));
    }

    [Theory]
    [InlineData("zhzf.manager")] // a manager, but not of the registration authority
    [InlineData("officer")]      // of the registration authority, but not a manager or head
    public async Task Only_the_registration_authoritys_manager_or_head_keeps_the_lists(string user)
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var client = await app.ClientFor(user);
        await ApiAssert.Problem(await client.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode)), HttpStatusCode.Forbidden);
        Assert.Equal((0, 0), (await ListingsOf(entity), await RecordsOf(entity)));
        var listing = await ListedAsync(entity, new DateOnly(2026, 10, 1));
        await ApiAssert.Problem(await client.PostAsJsonAsync($"/api/v1/credit/listings/{listing.Id}/removal", new { reason = "ContactRestored", decisionNumber = "婺市监异出〔2026〕1号" }), HttpStatusCode.Forbidden);
        Assert.Null((await Stored(listing.Id)).RemovedOn);
    }

    [Fact]
    public async Task The_head_of_the_registration_authority_may_list()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        await ApiAssert.Json(await (await app.ClientFor("head")).PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode)), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_removal_reason_that_does_not_fit_the_listing_reason_is_refused_and_the_listing_stands()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var manager = await app.ClientFor("manager");
        var listing = await ListedAsync(entity, new DateOnly(2026, 10, 1)); // unreachable
        var message = await ApiAssert.InvalidField(await manager.PostAsJsonAsync($"/api/v1/credit/listings/{listing.Id}/removal",
            new { reason = "AnnualReportFiled", decisionNumber = "婺市监异出〔2026〕2号" }), "reason");
        Assert.Contains("法定移出事由", message);
        // Escalation is its own act, not a removal reason.
        await ApiAssert.InvalidField(await manager.PostAsJsonAsync($"/api/v1/credit/listings/{listing.Id}/removal", new { reason = "Escalated", decisionNumber = "婺市监异出〔2026〕3号" }), "reason");
        var stored = await Stored(listing.Id);
        Assert.Null(stored.RemovedOn);
        Assert.Null(stored.RemovalReason);
    }

    [Fact]
    public async Task A_removal_without_a_decision_number_is_refused()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var manager = await app.ClientFor("manager");
        var listing = await ListedAsync(entity, new DateOnly(2026, 10, 1));
        await ApiAssert.InvalidField(await manager.PostAsJsonAsync($"/api/v1/credit/listings/{listing.Id}/removal", new { reason = "ContactRestored", decisionNumber = " " }), "decisionNumber");
        Assert.Null((await Stored(listing.Id)).RemovedOn);
    }

    [Fact]
    public async Task A_removal_ends_the_listing_and_its_records_publicity_and_the_request_sets_the_5_working_day_deadline()
    {
        // 企业信息公示暂行条例 第17条: removal within 5 working days of the request.
        var entity = await CreditApiData.NewEntityAsync(app);
        var manager = await app.ClientFor("manager");
        var listing = await ListedAsync(entity, new DateOnly(2026, 10, 1));
        var before = await ApiAssert.Json(await app.PublicCreditAsync(entity.CreditCode));
        Assert.Single(before.GetProperty("listings").EnumerateArray());
        var removed = await ApiAssert.Json(await manager.PostAsJsonAsync($"/api/v1/credit/listings/{listing.Id}/removal",
            new { reason = "ContactRestored", decisionNumber = "婺市监异出〔2026〕4号", requestedOn = "2026-11-20", removedOn = "2026-11-24" }));
        Assert.False(removed.GetProperty("active").GetBoolean());
        Assert.Equal("2026-11-27", removed.GetProperty("removeBy").GetString()); // Fri 20 Nov + 5 working days
        Assert.Equal("ContactRestored", removed.GetProperty("removalReason").GetString());
        var record = await app.WithDb(db => db.Set<CreditRecord>().SingleAsync(r => r.ListingId == listing.Id));
        Assert.Equal(new DateOnly(2026, 11, 24), record.PublicityEndedOn);
        Assert.False(record.IsPublicOn(new DateOnly(2026, 11, 24)));
        var after = await ApiAssert.Json(await app.PublicCreditAsync(entity.CreditCode));
        Assert.Empty(after.GetProperty("listings").EnumerateArray());
        var staff = await ApiAssert.Json(await manager.GetAsync($"/api/v1/credit/{entity.CreditCode}"));
        Assert.False(staff.GetProperty("records").EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == record.Id).GetProperty("isPublic").GetBoolean());
        // A second removal is a conflict.
        await ApiAssert.Problem(await manager.PostAsJsonAsync($"/api/v1/credit/listings/{listing.Id}/removal", new { reason = "ContactRestored", decisionNumber = "婺市监异出〔2026〕5号" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Escalation_is_refused_before_3_years_on_the_abnormal_list()
    {
        // 企业信息公示暂行条例 第17条第2款: 3 years on the abnormal list before the serious list.
        var entity = await CreditApiData.NewEntityAsync(app);
        var manager = await app.ClientFor("manager");
        var listing = await ListedAsync(entity, DateOnly.FromDateTime(DateTime.Today).AddYears(-3).AddDays(1));
        var json = await ApiAssert.Problem(await manager.PostAsJsonAsync($"/api/v1/credit/listings/{listing.Id}/escalation", new { decisionNumber = "婺市监严违入〔2026〕7号" }), HttpStatusCode.Conflict);
        Assert.Contains("满3年", json.GetProperty("detail").GetString());
        Assert.Null((await Stored(listing.Id)).RemovedOn);
        Assert.Equal(1, await ListingsOf(entity));
    }

    [Fact]
    public async Task After_3_years_escalation_lists_on_the_serious_list_and_ends_the_abnormal_listing()
    {
        // 企业信息公示暂行条例 第17条第2款; 总局令第44号: the serious listing's period is 3 years.
        var entity = await CreditApiData.NewEntityAsync(app);
        var manager = await app.ClientFor("manager");
        var today = DateOnly.FromDateTime(DateTime.Today);
        var listing = await ListedAsync(entity, today.AddYears(-3).AddDays(-10));
        await ApiAssert.InvalidField(await manager.PostAsJsonAsync($"/api/v1/credit/listings/{listing.Id}/escalation", new { decisionNumber = "" }), "decisionNumber");
        var before = await app.PublicCreditStringAsync(entity.CreditCode);
        Assert.Contains("经营异常名录", before);
        var serious = await ApiAssert.Json(await manager.PostAsJsonAsync($"/api/v1/credit/listings/{listing.Id}/escalation", new { decisionNumber = "婺市监严违入〔2026〕8号" }), HttpStatusCode.Created);
        Assert.Equal("SeriousViolationList", serious.GetProperty("list").GetString());
        Assert.Equal("AbnormalListExpired", serious.GetProperty("reason").GetString());
        Assert.Equal(listing.Id, serious.GetProperty("relatedListingId").GetInt64());
        Assert.Equal(today.AddYears(3).ToString("yyyy-MM-dd"), serious.GetProperty("expiresOn").GetString());
        var ended = await Stored(listing.Id);
        Assert.Equal(today, ended.RemovedOn);
        Assert.Equal(RemovalReason.Escalated, ended.RemovalReason);
        Assert.Equal(serious.GetProperty("id").GetInt64(), ended.RelatedListingId);
        var records = await app.WithDb(db => db.Set<CreditRecord>().Where(r => r.EntityId == entity.Id).ToListAsync());
        Assert.False(records.Single(r => r.ListingId == listing.Id).IsPublicOn(today));
        Assert.True(records.Single(r => r.Kind == CreditRecordKind.SeriousViolationListing).IsPublicOn(today));
        var after = await ApiAssert.Json(await app.PublicCreditAsync(entity.CreditCode));
        Assert.Equal("严重违法失信名单", Assert.Single(after.GetProperty("listings").EnumerateArray()).GetProperty("listName").GetString());
        // Escalated once: the abnormal listing is no longer active.
        await ApiAssert.Problem(await manager.PostAsJsonAsync($"/api/v1/credit/listings/{listing.Id}/escalation", new { decisionNumber = "婺市监严违入〔2026〕9号" }), HttpStatusCode.Conflict);
        Assert.Equal(2, await ListingsOf(entity));
    }

    [Fact]
    public async Task A_sole_traders_mark_is_not_escalated()
    {
        // LEGAL-RULES.md §6: a sole trader is marked 经营异常状态, not listed; the mark does not turn into the serious list.
        var soleTrader = await CreditApiData.NewEntityAsync(app, EntityType.SoleTrader);
        var mark = await ListedAsync(soleTrader, DateOnly.FromDateTime(DateTime.Today).AddYears(-4), reason: ListingReason.AnnualReportNotFiled, statusMark: true, reportYear: 2021);
        var json = await ApiAssert.Problem(await (await app.ClientFor("manager")).PostAsJsonAsync($"/api/v1/credit/listings/{mark.Id}/escalation", new { decisionNumber = "婺市监严违入〔2026〕10号" }), HttpStatusCode.Conflict);
        Assert.Contains("个体工商户", json.GetProperty("detail").GetString());
        Assert.Equal(1, await ListingsOf(soleTrader));
    }

    [Fact]
    public async Task Serious_listings_leave_the_list_when_their_3_years_end()
    {
        // 总局令第44号: 3 years on 严重违法失信名单; RemoveExpiredAsync (the nightly job) removes the expired ones.
        var today = DateOnly.FromDateTime(DateTime.Today);
        var expired = await CreditApiData.NewEntityAsync(app);
        var standing = await CreditApiData.NewEntityAsync(app);
        var old = await ListedAsync(expired, today.AddYears(-3).AddDays(-2), CreditList.SeriousViolationList, ListingReason.SeverePenalty);
        var recent = await ListedAsync(standing, today.AddYears(-3).AddDays(1), CreditList.SeriousViolationList, ListingReason.SeverePenalty);
        var removed = await CreditApiData.WithService<CreditListings, int>(app, listings => listings.RemoveExpiredAsync(CancellationToken.None));
        Assert.True(removed >= 1, $"{removed}");
        var ended = await Stored(old.Id);
        Assert.Equal(old.ExpiresOn, ended.RemovedOn);
        Assert.Equal(RemovalReason.PeriodExpired, ended.RemovalReason);
        Assert.False((await app.WithDb(db => db.Set<CreditRecord>().SingleAsync(r => r.ListingId == old.Id))).IsPublicOn(today));
        Assert.Null((await Stored(recent.Id)).RemovedOn);
        // Run again: nothing more to remove.
        Assert.Equal(0, await CreditApiData.WithService<CreditListings, int>(app, listings => listings.RemoveExpiredAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task A_serious_listing_is_not_removed_as_expired_before_its_end_nor_early_before_a_year()
    {
        // 总局令第44号: period 3 years; early removal (信用修复) after 1 year at the earliest.
        var entity = await CreditApiData.NewEntityAsync(app);
        var manager = await app.ClientFor("manager");
        var listing = await ListedAsync(entity, new DateOnly(2026, 3, 2), CreditList.SeriousViolationList, ListingReason.SeverePenalty);
        Assert.Contains("尚未到期", await ApiAssert.InvalidField(await manager.PostAsJsonAsync($"/api/v1/credit/listings/{listing.Id}/removal", new { reason = "PeriodExpired", decisionNumber = "婺市监严违出〔2026〕1号" }), "reason"));
        Assert.Contains("2027-03-02", await ApiAssert.InvalidField(await manager.PostAsJsonAsync($"/api/v1/credit/listings/{listing.Id}/removal", new { reason = "EarlyRemoval", decisionNumber = "婺市监严违出〔2026〕2号" }), "reason"));
        Assert.Null((await Stored(listing.Id)).RemovedOn);
        await ApiAssert.Json(await manager.PostAsJsonAsync($"/api/v1/credit/listings/{listing.Id}/removal", new { reason = "DecisionRevoked", decisionNumber = "婺市监严违出〔2026〕3号" }));
        Assert.NotNull((await Stored(listing.Id)).RemovedOn);
    }

    [Fact]
    public async Task The_lists_show_the_active_listings_and_those_due_for_escalation()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var listing = await ListedAsync(entity, DateOnly.FromDateTime(DateTime.Today).AddYears(-3).AddDays(-1));
        var manager = await app.ClientFor("manager");
        var due = await ApiAssert.Json(await manager.GetAsync("/api/v1/credit/listings?list=AbnormalList&due=true"));
        var shown = Assert.Single(due.EnumerateArray(), l => l.GetProperty("id").GetInt64() == listing.Id);
        Assert.True(shown.GetProperty("escalationDue").GetBoolean());
        Assert.All(due.EnumerateArray(), l => Assert.Equal("AbnormalList", l.GetProperty("list").GetString()));
    }
}

public sealed class CreditListingTests_Sqlite(SqliteApp app) : CreditListingTests(app), IClassFixture<SqliteApp>;
public sealed class CreditListingTests_Postgres(PostgresApp app) : CreditListingTests(app), IClassFixture<PostgresApp>;
