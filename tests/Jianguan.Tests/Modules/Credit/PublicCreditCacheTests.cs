using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Credit;
using Jianguan.Web.Modules.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jianguan.Tests.Modules.Credit;

/// <summary>
/// The public answers kept in memory on PostgreSQL (PublicCreditCache): served without the database until a change is
/// announced at its commit (a record, a new entity for a code looked up in vain, a new credit code, a truncated snapshot
/// table), and all forgotten when the connection that hears the announcements is lost. "Silently" below means written
/// with the database's triggers off, so that no announcement goes out, as if one had been lost.
/// </summary>
public sealed class PublicCreditCacheTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Today);

    private async Task<JsonElement> LookUpAsync(string code) => await ApiAssert.Json(await app.PublicCreditAsync(code));

    private Task SilentlyAsync(FormattableString sql) => app.WithDb(async db =>
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = replica");
        await db.Database.ExecuteSqlInterpolatedAsync(sql);
        await transaction.CommitAsync();
    });

    private Task RenameSnapshotSilentlyAsync(SupervisedEntity entity, string name) => SilentlyAsync($"""
        UPDATE public_credit_snapshots SET "Json" = convert_to(replace(convert_from("Json", 'UTF8'), {entity.Name}, {name}), 'UTF8') WHERE "EntityId" = {entity.Id}
        """);

    [Fact]
    public async Task An_answer_is_served_from_memory_until_a_change_to_its_entity_is_announced()
    {
        Assert.True(app.Services.GetRequiredService<PublicCreditCache>().IsActive);
        var entity = await CreditApiData.NewEntityAsync(app);
        await LookUpAsync(entity.CreditCode);
        await RenameSnapshotSilentlyAsync(entity, "静默改写的名称");
        Assert.Equal(entity.Name, (await LookUpAsync(entity.CreditCode)).GetProperty("name").GetString());

        var officer = await app.ClientFor("officer");
        await ApiAssert.Json(await officer.PostAsJsonAsync("/api/v1/credit/records", new
        {
            creditCode = entity.CreditCode, kind = "Penalty", severity = "General", title = "违反《产品质量法》，罚款两万元", decisionNumber = "婺市监罚决〔2026〕301号",
            occurredOn = Today.AddDays(-1).ToString("yyyy-MM-dd"),
        }), HttpStatusCode.Created);
        var view = await LookUpAsync(entity.CreditCode);
        Assert.Equal(["违反《产品质量法》，罚款两万元"], view.GetProperty("penalties").EnumerateArray().Select(p => p.GetProperty("title").GetString()));
        Assert.Equal(entity.Name, view.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_code_looked_up_in_vain_is_found_once_an_entity_with_it_is_added()
    {
        var code = $"91330702NC{Random.Shared.Next(10_000_000, 99_999_999)}";
        await ApiAssert.Problem(await app.PublicCreditAsync(code), HttpStatusCode.NotFound);
        await ApiAssert.Problem(await app.PublicCreditAsync(code), HttpStatusCode.NotFound);
        var entity = new SupervisedEntity
        {
            CreditCode = code, Name = "后来登记的有限公司", Type = EntityType.Enterprise, DivisionCode = "330702001", IndustryCode = "5211", IndustrySection = "F",
            RegisteredOn = Today, Address = "婺城区信用路2号",
        };
        await app.WithDb(async db => { db.Add(entity); await db.SaveChangesAsync(); });
        Assert.Equal("后来登记的有限公司", (await LookUpAsync(code)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_new_credit_code_is_announced_for_the_old_code_and_the_new_one()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        var newCode = $"91330702RC{Random.Shared.Next(10_000_000, 99_999_999)}";
        await LookUpAsync(entity.CreditCode);
        await ApiAssert.Problem(await app.PublicCreditAsync(newCode), HttpStatusCode.NotFound);
        await app.WithDb(db => db.Set<SupervisedEntity>().Where(e => e.Id == entity.Id).ExecuteUpdateAsync(e => e.SetProperty(x => x.CreditCode, newCode)));
        await ApiAssert.Problem(await app.PublicCreditAsync(entity.CreditCode), HttpStatusCode.NotFound);
        Assert.Equal(entity.Name, (await LookUpAsync(newCode)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Emptying_the_snapshot_table_forgets_every_answer_kept()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        await LookUpAsync(entity.CreditCode);
        await SilentlyAsync($"""UPDATE supervised_entities SET "Name" = '清空后重建的名称' WHERE "Id" = {entity.Id}""");
        Assert.Equal(entity.Name, (await LookUpAsync(entity.CreditCode)).GetProperty("name").GetString());
        await app.WithDb(db => db.Database.ExecuteSqlRawAsync("TRUNCATE public_credit_snapshots"));
        Assert.Equal("清空后重建的名称", (await LookUpAsync(entity.CreditCode)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task When_the_connection_that_listens_is_lost_every_answer_kept_is_forgotten()
    {
        var entity = await CreditApiData.NewEntityAsync(app);
        await LookUpAsync(entity.CreditCode);
        await RenameSnapshotSilentlyAsync(entity, "断线期间的名称");
        Assert.Equal(entity.Name, (await LookUpAsync(entity.CreditCode)).GetProperty("name").GetString());

        var listener = await app.WithDb(db => db.Database.SqlQueryRaw<int>("""
            SELECT pid AS "Value" FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'
            """).SingleAsync());
        await app.WithDb(db => db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_terminate_backend({listener})"));
        for (var waited = 0; await app.WithDb(db => db.Database.SqlQuery<int>($"""SELECT count(*)::int AS "Value" FROM pg_stat_activity WHERE pid = {listener}""").SingleAsync()) > 0; waited += 20)
        {
            Assert.True(waited < 10_000, "the listening connection did not end");
            await Task.Delay(20);
        }
        // PublicCreditAsync waits until the cache listens again; what it kept before is gone, so the database answers.
        Assert.Equal("断线期间的名称", (await LookUpAsync(entity.CreditCode)).GetProperty("name").GetString());
    }
}
