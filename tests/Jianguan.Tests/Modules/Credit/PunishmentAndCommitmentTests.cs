using System.Net;
using System.Net.Http.Json;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Credit;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Tests.Modules.Credit;

/// <summary>
/// The closed loop of 二(三)2 of the district policy: credit commitments before (信用承诺), joint punishment after (失信联合惩戒),
/// with the executing departments' feedback.
/// </summary>
public abstract class PunishmentAndCommitmentTests(JianguanApp app)
{
    private static object Listing(string code) => new
    {
        creditCode = code, list = "AbnormalList", reason = "Unreachable", foundOn = "2026-11-16", listedOn = "2026-11-20",
        decisionNumber = $"婺市监异入〔2026〕{Random.Shared.Next(5000, 9999)}号", facts = "经实地核查，通过登记的住所无法联系。",
    };

    [Fact]
    public async Task A_listing_calls_for_the_rules_measures_which_end_with_the_listing()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var manager = await app.ClientFor("manager");
        var listing = await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/credit/listings", Listing(entity.CreditCode)), HttpStatusCode.Created);
        var id = listing.GetProperty("id").GetInt64();
        // The demo rule: 经营异常名录 → the registration authority 列为重点监管对象.
        var measures = await app.WithDb(db => db.Set<JointPunishmentMeasure>().Where(m => m.ListingId == id).ToListAsync());
        var measure = Assert.Single(measures);
        Assert.Equal(MeasureStatus.Pending, measure.Status);
        var pending = await ApiAssert.Json(await manager.GetAsync("/api/v1/credit/punishments?pending=true"));
        Assert.Contains(pending.EnumerateArray(), m => m.GetProperty("id").GetInt64() == measure.Id);

        // Another department neither sees nor answers it.
        var other = await app.ClientFor("zhzf.manager");
        var theirs = await ApiAssert.Json(await other.GetAsync("/api/v1/credit/punishments"));
        Assert.DoesNotContain(theirs.EnumerateArray(), m => m.GetProperty("id").GetInt64() == measure.Id);
        await ApiAssert.Problem(await other.PostAsJsonAsync($"/api/v1/credit/punishments/{measure.Id}/feedback", new { applied = true }), HttpStatusCode.NotFound);
        // "Not applicable" needs its reason; nothing changes without it.
        Assert.Contains("不适用的理由", await ApiAssert.InvalidField(await manager.PostAsJsonAsync($"/api/v1/credit/punishments/{measure.Id}/feedback", new { applied = false }), "feedback"));
        Assert.Equal(MeasureStatus.Pending, (await app.WithDb(db => db.Set<JointPunishmentMeasure>().SingleAsync(m => m.Id == measure.Id))).Status);
        var applied = await ApiAssert.Json(await manager.PostAsJsonAsync($"/api/v1/credit/punishments/{measure.Id}/feedback", new { applied = true, feedback = "已纳入重点监管对象库" }));
        Assert.Equal("Applied", applied.GetProperty("status").GetString());

        // The listing ends: so does the measure.
        await ApiAssert.Json(await manager.PostAsJsonAsync($"/api/v1/credit/listings/{id}/removal", new { reason = "ContactRestored", decisionNumber = "婺市监异出〔2026〕1号" }));
        var ended = await app.WithDb(db => db.Set<JointPunishmentMeasure>().SingleAsync(m => m.Id == measure.Id));
        Assert.Equal(MeasureStatus.Ended, ended.Status);
        Assert.NotNull(ended.EndsOn);
        await ApiAssert.Problem(await manager.PostAsJsonAsync($"/api/v1/credit/punishments/{measure.Id}/feedback", new { applied = true }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Removal_for_a_filed_report_needs_the_report_on_file()
    {
        // 企业信息公示暂行条例 第17条 and 工商总局令第68号: removal follows the late filing of the missing report, not before it.
        var entity = await CreditApiData.NewEntityAsync(app, registeredOn: new DateOnly(2020, 3, 1));
        var manager = await app.ClientFor("manager");
        var listing = await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/credit/listings", new
        {
            creditCode = entity.CreditCode, list = "AbnormalList", reason = "AnnualReportNotFiled", reportYear = 2025, foundOn = "2026-07-01", listedOn = "2026-07-03",
            decisionNumber = $"婺市监异入〔2026〕{Random.Shared.Next(5000, 9999)}号", facts = "截至 2026-06-30 未报送 2025 年度报告。",
        }), HttpStatusCode.Created);
        var id = listing.GetProperty("id").GetInt64();
        var removal = new { reason = "AnnualReportFiled", decisionNumber = "婺市监异出〔2026〕9号" };
        Assert.Contains("尚无该主体 2025 年度报告", await ApiAssert.InvalidField(await manager.PostAsJsonAsync($"/api/v1/credit/listings/{id}/removal", removal), "reason"));
        Assert.Null((await app.WithDb(db => db.Set<CreditListing>().SingleAsync(l => l.Id == id))).RemovedOn);

        await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/credit/annual-reports", new { creditCode = entity.CreditCode, year = 2025 }), HttpStatusCode.Created);
        var removed = await ApiAssert.Json(await manager.PostAsJsonAsync($"/api/v1/credit/listings/{id}/removal", removal));
        Assert.Equal("AnnualReportFiled", removed.GetProperty("removalReason").GetString());
    }

    [Fact]
    public async Task Staff_record_a_filing_only_for_entities_in_their_remit()
    {
        // An entity of the neighbouring district (金东区, 330703): outside the 婺城区 registration authority's remit.
        var entity = await CreditApiData.NewEntityAsync(app);
        await app.WithDb(async db =>
        {
            var stored = await db.Set<Jianguan.Web.Modules.Registry.SupervisedEntity>().SingleAsync(e => e.Id == entity.Id);
            stored.DivisionCode = "330703001";
            await db.SaveChangesAsync();
        });
        var manager = await app.ClientFor("manager");
        await ApiAssert.Problem(await manager.PostAsJsonAsync("/api/v1/credit/annual-reports", new { creditCode = entity.CreditCode, year = 2025 }), HttpStatusCode.NotFound);
        Assert.Equal(0, await app.WithDb(db => db.Set<AnnualReport>().CountAsync(r => r.EntityId == entity.Id)));
        // The business speaks only for itself.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("business")).PostAsJsonAsync("/api/v1/credit/annual-reports", new { creditCode = entity.CreditCode, year = 2025 })).StatusCode);
    }

    [Fact]
    public async Task Rules_are_kept_by_administrators_and_refused_when_incomplete()
    {
        var manager = await app.ClientFor("manager");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/v1/credit/punishment-rules", new { list = "AbnormalList", departmentId = 1, measure = "m", legalBasis = "b" })).StatusCode);
        var admin = await app.ClientFor("admin");
        var before = await app.WithDb(db => db.Set<JointPunishmentRule>().CountAsync());
        await ApiAssert.InvalidField(await admin.PostAsJsonAsync("/api/v1/credit/punishment-rules", new { list = "AbnormalList", departmentId = 1, legalBasis = "b" }), "measure");
        await ApiAssert.InvalidField(await admin.PostAsJsonAsync("/api/v1/credit/punishment-rules", new { list = "AbnormalList", departmentId = 999, measure = "m", legalBasis = "b" }), "departmentId");
        Assert.Equal(before, await app.WithDb(db => db.Set<JointPunishmentRule>().CountAsync()));
        var rule = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/credit/punishment-rules",
            new { list = "SeriousViolationList", departmentId = 2, measure = "从严审查市容许可申请", legalBasis = "国发〔2016〕33号", monthsAfterListing = 12 }), HttpStatusCode.Created);
        Assert.Equal("严重违法失信名单", rule.GetProperty("listName").GetString());
    }

    [Fact]
    public async Task A_commitment_is_public_and_a_broken_one_becomes_a_record_and_a_notice()
    {
        var business = await app.ClientFor("business");
        var templates = await ApiAssert.Json(await app.Anonymous().GetAsync("/api/v1/public/credit-commitment-templates"));
        var template = templates.EnumerateArray().First(t => t.GetProperty("title").GetString() == "门前责任区市容环境卫生承诺书");
        var made = await ApiAssert.Json(await business.PostAsJsonAsync("/api/v1/credit/commitments", new { templateId = template.GetProperty("id").GetInt32() }), HttpStatusCode.Created);
        // The same commitment again while it is in force: refused.
        await ApiAssert.Problem(await business.PostAsJsonAsync("/api/v1/credit/commitments", new { templateId = template.GetProperty("id").GetInt32() }), HttpStatusCode.Conflict);
        var publicView = await ApiAssert.Json(await app.PublicCreditAsync(CreditApiData.BusinessCode));
        Assert.Contains(publicView.GetProperty("commitments").EnumerateArray(), c => c.GetProperty("title").GetString() == "作出信用承诺：门前责任区市容环境卫生承诺书");

        var id = made.GetProperty("id").GetInt64();
        // Only the accepting department (综合行政执法局) finds it kept or broken.
        await ApiAssert.Problem(await (await app.ClientFor("manager")).PostAsJsonAsync($"/api/v1/credit/commitments/{id}/outcome", new { kept = false, finding = "x" }), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await business.PostAsJsonAsync($"/api/v1/credit/commitments/{id}/outcome", new { kept = true })).StatusCode);
        var zhzf = await app.ClientFor("zhzf.manager");
        await ApiAssert.InvalidField(await zhzf.PostAsJsonAsync($"/api/v1/credit/commitments/{id}/outcome", new { kept = false }), "finding");
        var records = await app.WithDb(db => db.Set<CreditRecord>().CountAsync(r => r.Entity!.CreditCode == CreditApiData.BusinessCode && r.Kind == CreditRecordKind.CommitmentBroken));
        var broken = await ApiAssert.Json(await zhzf.PostAsJsonAsync($"/api/v1/credit/commitments/{id}/outcome", new { kept = false, finding = "门前堆放杂物，经责令仍未清理" }));
        Assert.Equal("Broken", broken.GetProperty("status").GetString());
        var record = await app.WithDb(db => db.Set<CreditRecord>().Where(r => r.Entity!.CreditCode == CreditApiData.BusinessCode && r.Kind == CreditRecordKind.CommitmentBroken)
            .OrderByDescending(r => r.Id).FirstAsync());
        Assert.Equal(records + 1, await app.WithDb(db => db.Set<CreditRecord>().CountAsync(r => r.Entity!.CreditCode == CreditApiData.BusinessCode && r.Kind == CreditRecordKind.CommitmentBroken)));
        Assert.Equal(CreditSeverity.General, record.Severity);
        Assert.NotNull(record.PublicFrom);
        var notices = await ApiAssert.Json(await zhzf.GetAsync("/api/v1/credit/notices"));
        Assert.Contains(notices.EnumerateArray(), n => n.GetProperty("kind").GetString() == "CommitmentBroken" && n.GetProperty("creditCode").GetString() == CreditApiData.BusinessCode);
        await ApiAssert.Problem(await zhzf.PostAsJsonAsync($"/api/v1/credit/commitments/{id}/outcome", new { kept = true }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_department_writes_commitment_texts_only_for_its_own_items()
    {
        var scjgItem = await app.WithDb(db => db.Set<Jianguan.Web.Modules.Catalog.SupervisionItem>().Where(i => i.DepartmentId == 1).Select(i => i.Code).FirstAsync());
        var zhzf = await app.ClientFor("zhzf.manager");
        await ApiAssert.InvalidField(await zhzf.PostAsJsonAsync("/api/v1/credit/commitment-templates", new { itemCode = scjgItem, title = "t", text = "x" }), "itemCode");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("officer")).PostAsJsonAsync("/api/v1/credit/commitment-templates", new { itemCode = scjgItem, title = "t", text = "x" })).StatusCode);
        var created = await ApiAssert.Json(await (await app.ClientFor("manager")).PostAsJsonAsync("/api/v1/credit/commitment-templates",
            new { itemCode = scjgItem, title = "特种设备使用登记告知承诺书", text = "本单位承诺按规定办理使用登记并定期检验。" }), HttpStatusCode.Created);
        Assert.Equal("金华市婺城区市场监督管理局", created.GetProperty("department").GetString());
    }
}

public sealed class PunishmentAndCommitmentTests_Sqlite(SqliteApp app) : PunishmentAndCommitmentTests(app), IClassFixture<SqliteApp>;
public sealed class PunishmentAndCommitmentTests_Postgres(PostgresApp app) : PunishmentAndCommitmentTests(app), IClassFixture<PostgresApp>;
