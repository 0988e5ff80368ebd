using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Tests.Modules.Credit;

/// <summary>
/// The public look-up's snapshots (PublicCreditSnapshot): an answer is kept and served again, and whatever changes what
/// the answer shows (a record, a listing, the entity, a department's name, a day on which a publicity begins or ends)
/// is in the next answer, however the change was written.
/// </summary>
public abstract class PublicCreditSnapshotTests(JianguanApp app)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Today);

    private async Task<JsonElement> LookUpAsync(SupervisedEntity entity) =>
        await ApiAssert.Json(await app.PublicCreditAsync(entity.CreditCode));

    private Task<PublicCreditSnapshot?> SnapshotAsync(SupervisedEntity entity) =>
        app.WithDb(db => db.Set<PublicCreditSnapshot>().AsNoTracking().SingleOrDefaultAsync(s => s.EntityId == entity.Id));

    /// <summary>Rewrites the kept answer's name, so that a test sees whether the next answer came from the snapshot.</summary>
    private Task MarkSnapshotAsync(SupervisedEntity entity, DateOnly? builtOn = null, DateOnly? validUntil = null, long? format = null) => app.WithDb(async db =>
    {
        var snapshot = await db.Set<PublicCreditSnapshot>().SingleAsync(s => s.EntityId == entity.Id);
        snapshot.Json = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(snapshot.Json!).Replace(entity.Name, "快照中的名称"));
        if (builtOn is not null) snapshot.BuiltOn = builtOn;
        if (validUntil is not null) snapshot.ValidUntil = validUntil;
        if (format is not null) snapshot.Format = format.Value;
        await db.SaveChangesAsync();
    });

    private Task AddRecordAsync(SupervisedEntity entity, string title, DateOnly from, DateOnly? until = null) => app.WithDb(async db =>
    {
        db.Add(new CreditRecord
        {
            EntityId = entity.Id, Kind = CreditRecordKind.Penalty, Severity = CreditSeverity.General, Title = title, OccurredOn = from, IssuedBy = "金华市婺城区市场监督管理局",
            Source = CreditRecordSource.Entered, RecordedAtUtc = DateTime.UtcNow, PublicFrom = from, PublicUntil = until,
        });
        await db.SaveChangesAsync();
    });

    private static string[] Penalties(JsonElement view) => [.. view.GetProperty("penalties").EnumerateArray().Select(p => p.GetProperty("title").GetString()!)];

    [Fact]
    public async Task A_look_up_keeps_its_answer_and_the_next_look_up_is_served_from_it()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var first = await app.PublicCreditStringAsync(entity.CreditCode);
        var snapshot = await SnapshotAsync(entity);
        Assert.NotNull(snapshot);
        Assert.Equal(Today, snapshot.BuiltOn);
        Assert.Null(snapshot.ValidUntil);
        Assert.Equal(first, Encoding.UTF8.GetString(snapshot.Json!));
        Assert.Equal(first, await app.PublicCreditStringAsync(entity.CreditCode.ToLowerInvariant()));
        await MarkSnapshotAsync(entity);
        Assert.Equal("快照中的名称", (await LookUpAsync(entity)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_record_entered_through_the_api_is_in_the_next_answer()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        await LookUpAsync(entity);
        await MarkSnapshotAsync(entity);
        var officer = await app.ClientFor("officer");
        await ApiAssert.Json(await officer.PostAsJsonAsync("/api/v1/credit/records", new
        {
            creditCode = entity.CreditCode, kind = "Penalty", severity = "General", title = "违反《食品安全法》，罚款一万元", decisionNumber = "婺市监罚决〔2026〕77号",
            occurredOn = Today.AddDays(-2).ToString("yyyy-MM-dd"),
        }), System.Net.HttpStatusCode.Created);
        var view = await LookUpAsync(entity);
        Assert.Equal(entity.Name, view.GetProperty("name").GetString());
        Assert.Equal(["违反《食品安全法》，罚款一万元"], Penalties(view));
    }

    [Fact]
    public async Task A_listing_added_and_then_removed_is_in_the_next_answer_and_then_gone()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        Assert.Empty((await LookUpAsync(entity)).GetProperty("listings").EnumerateArray());
        var manager = await app.ClientFor("manager");
        var listing = await ApiAssert.Json(await manager.PostAsJsonAsync("/api/v1/credit/listings", new
        {
            creditCode = entity.CreditCode, list = "AbnormalList", reason = "Unreachable", foundOn = Today.AddDays(-3).ToString("yyyy-MM-dd"),
            decisionNumber = "婺市监异入〔2026〕88号", facts = "经实地核查，通过登记的住所无法联系。",
        }), System.Net.HttpStatusCode.Created);
        Assert.Equal("经营异常名录", Assert.Single((await LookUpAsync(entity)).GetProperty("listings").EnumerateArray()).GetProperty("listName").GetString());
        await ApiAssert.Json(await manager.PostAsJsonAsync($"/api/v1/credit/listings/{listing.GetProperty("id").GetInt64()}/removal",
            new { reason = "ContactRestored", decisionNumber = "婺市监异出〔2026〕88号" }));
        Assert.Empty((await LookUpAsync(entity)).GetProperty("listings").EnumerateArray());
    }

    [Fact]
    public async Task A_publicity_ended_early_by_repair_leaves_the_next_answer()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        await AddRecordAsync(entity, "将被修复", Today.AddMonths(-5), Today.AddMonths(7));
        Assert.Equal(["将被修复"], Penalties(await LookUpAsync(entity)));
        // As CreditRepairs.DecideAsync ends it, by a plain update.
        await app.WithDb(db => db.Set<CreditRecord>().Where(r => r.EntityId == entity.Id)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.PublicityEndedOn, Today).SetProperty(x => x.PublicityEndReason, "信用修复")));
        Assert.Empty(Penalties(await LookUpAsync(entity)));
    }

    [Fact]
    public async Task Records_written_in_bulk_are_in_the_next_answer()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        await LookUpAsync(entity);
        await app.WithDb(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAsync(db, [new CreditRecord
            {
                EntityId = entity.Id, Kind = CreditRecordKind.Penalty, Severity = CreditSeverity.Serious, Title = "批量导入的处罚", OccurredOn = Today.AddDays(-1),
                IssuedBy = "其他系统", Source = CreditRecordSource.Received, RecordedAtUtc = DateTime.UtcNow, PublicFrom = Today.AddDays(-1), PublicUntil = Today.AddYears(3),
            }], default);
            await transaction.CommitAsync();
        });
        Assert.Equal(["批量导入的处罚"], Penalties(await LookUpAsync(entity)));
    }

    [Fact]
    public async Task A_change_of_the_entitys_name_or_of_the_listing_departments_name_is_in_the_next_answer()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var department = new Department { Code = $"T{Random.Shared.Next(100000, 999999)}", Name = $"测试登记机关{Guid.NewGuid():N}"[..14], ShortName = "测试机关" };
        await app.WithDb(async db =>
        {
            db.Add(department);
            await db.SaveChangesAsync();
            db.Add(new CreditListing
            {
                EntityId = entity.Id, List = CreditList.AbnormalList, Reason = ListingReason.Unreachable, FoundOn = Today.AddDays(-20), ListBy = Today.AddDays(-10),
                ListedOn = Today.AddDays(-12), DecisionNumber = "婺市监异入〔2026〕99号", DepartmentId = department.Id, Facts = "无法联系。", ObjectionBy = Today.AddDays(18),
                ExpiresOn = Today.AddYears(3),
            });
            await db.SaveChangesAsync();
        });
        Assert.Equal(department.Name, Assert.Single((await LookUpAsync(entity)).GetProperty("listings").EnumerateArray()).GetProperty("department").GetString());

        await app.WithDb(db => db.Set<SupervisedEntity>().Where(e => e.Id == entity.Id).ExecuteUpdateAsync(e => e.SetProperty(x => x.Name, "更名后的有限公司")));
        Assert.Equal("更名后的有限公司", (await LookUpAsync(entity)).GetProperty("name").GetString());

        await app.WithDb(db => db.Set<Department>().Where(d => d.Id == department.Id).ExecuteUpdateAsync(d => d.SetProperty(x => x.Name, department.Name + "（更名）")));
        Assert.Equal(department.Name + "（更名）", Assert.Single((await LookUpAsync(entity)).GetProperty("listings").EnumerateArray()).GetProperty("department").GetString());
    }

    [Fact]
    public async Task A_snapshot_holds_until_the_next_day_a_publicity_begins_or_ends_and_is_rebuilt_from_that_day()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        await AddRecordAsync(entity, "十天后期满", Today.AddDays(-30), Today.AddDays(9));
        await AddRecordAsync(entity, "三天后公示", Today.AddDays(3));
        Assert.Equal(["十天后期满"], Penalties(await LookUpAsync(entity)));
        Assert.Equal(Today.AddDays(3), (await SnapshotAsync(entity))!.ValidUntil);

        // The day it is valid until has come (as if a day had passed): built again, not served.
        await MarkSnapshotAsync(entity, validUntil: Today);
        Assert.Equal(entity.Name, (await LookUpAsync(entity)).GetProperty("name").GetString());
        Assert.Equal(Today.AddDays(3), (await SnapshotAsync(entity))!.ValidUntil);
    }

    [Fact]
    public async Task A_snapshot_from_an_earlier_day_within_its_validity_is_served_as_of_today_and_one_of_another_format_is_rebuilt()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        await LookUpAsync(entity);
        await MarkSnapshotAsync(entity, builtOn: Today.AddDays(-2));
        var view = await LookUpAsync(entity);
        Assert.Equal("快照中的名称", view.GetProperty("name").GetString());
        Assert.Equal(Today.ToString("yyyy-MM-dd"), view.GetProperty("asOf").GetString());

        await MarkSnapshotAsync(entity, format: 42);
        Assert.Equal(entity.Name, (await LookUpAsync(entity)).GetProperty("name").GetString());
        Assert.NotEqual(42, (await SnapshotAsync(entity))!.Format);
    }

    [Fact]
    public async Task A_change_voids_the_snapshot_and_raises_its_generation_so_a_view_read_before_is_not_stored_over_it()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        await LookUpAsync(entity);
        var before = (await SnapshotAsync(entity))!.Generation;
        await AddRecordAsync(entity, "新的处罚", Today.AddDays(-1), Today.AddMonths(6));
        var voided = (await SnapshotAsync(entity))!;
        Assert.Null(voided.Json);
        Assert.True(voided.Generation > before);
        // A look-up that read the generation before the change stores over that generation only: nothing here.
        var stored = await app.WithDb(db => db.Set<PublicCreditSnapshot>().Where(s => s.EntityId == entity.Id && s.Generation == before)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Json, [1, 2, 3])));
        Assert.Equal(0, stored);
        Assert.Equal(["新的处罚"], Penalties(await LookUpAsync(entity)));
        Assert.NotNull((await SnapshotAsync(entity))!.Json);
    }

    [Fact]
    public void The_stored_answers_date_is_replaced_by_todays_and_an_answer_not_ending_in_its_date_is_not_served()
    {
        var json = """{"name":"x","asOf":"2026-11-20"}"""u8.ToArray();
        Assert.Equal("""{"name":"x","asOf":"2026-11-27"}""", Encoding.UTF8.GetString(PublicCreditLookup.WithAsOf(json, new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 27))!));
        Assert.Same(json, PublicCreditLookup.WithAsOf(json, new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20)));
        Assert.Null(PublicCreditLookup.WithAsOf("""{"asOf":"2026-11-20","name":"x"}"""u8.ToArray(), new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 27)));
    }
}

public sealed class PublicCreditSnapshotTests_Sqlite(SqliteApp app) : PublicCreditSnapshotTests(app), IClassFixture<SqliteApp>;
public sealed class PublicCreditSnapshotTests_Postgres(PostgresApp app) : PublicCreditSnapshotTests(app), IClassFixture<PostgresApp>;
