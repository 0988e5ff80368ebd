using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Credit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace Jianguan.Tests.Modules.Credit;

/// <summary>
/// The credit jobs' schedule on PostgreSQL is Quartz's clustered store in the platform's own database (created by
/// Quartz at start), so that instances sharing the database share one schedule and a monthly reclassification
/// runs on one of them, not on each; on SQLite (one embedded instance) it stays in memory.
/// </summary>
public sealed class CreditJobScheduleTests_Postgres(PostgresApp app) : IClassFixture<PostgresApp>
{
    private async Task<IScheduler> SchedulerAsync() => await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    private async Task<T> QueryAsync<T>(string sql) => await app.WithDb(async db =>
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    });

    [Fact]
    public async Task The_schedule_is_kept_in_the_database_and_the_instance_checks_in_as_one_of_a_cluster()
    {
        var metadata = await (await SchedulerAsync()).GetMetadata();
        Assert.True(metadata.JobStorePersistent);
        Assert.True(metadata.JobStoreClustered);
        Assert.Equal(MonthlyReclassificationJob.Cron,
            await QueryAsync<string>("SELECT cron_expression FROM qrtz_cron_triggers WHERE trigger_name = 'risk-reclassification'"));
        Assert.Equal(DailyCreditJob.Cron, await QueryAsync<string>("SELECT cron_expression FROM qrtz_cron_triggers WHERE trigger_name = 'daily-credit'"));
        Assert.Equal(1L, await QueryAsync<long>($"SELECT count(*) FROM qrtz_scheduler_state WHERE instance_name = '{metadata.SchedulerInstanceId}'"));
        // A firing an instance died in is run again by another.
        Assert.Equal(2L, await QueryAsync<long>("SELECT count(*) FROM qrtz_job_details WHERE requests_recovery"));
    }

    [Fact]
    public async Task A_firing_of_the_monthly_job_reclassifies_everyone_once_as_a_scheduled_run()
    {
        var scheduler = await SchedulerAsync();
        var trigger = await scheduler.GetTrigger(new TriggerKey("risk-reclassification"));
        Assert.NotNull(trigger);
        var before = await app.WithDb(db => db.Set<RiskRun>().CountAsync(r => r.Trigger == RiskRunTrigger.Scheduled));
        await scheduler.TriggerJob(trigger.JobKey);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        RiskRun? run = null;
        while (DateTime.UtcNow < deadline && run is null)
        {
            await Task.Delay(200);
            run = await app.WithDb(db => db.Set<RiskRun>().Where(r => r.Trigger == RiskRunTrigger.Scheduled && r.FinishedAtUtc != null)
                .OrderByDescending(r => r.Id).Skip(before).FirstOrDefaultAsync());
        }
        Assert.NotNull(run);
        Assert.Null(run.EntityId);
        Assert.True(run.Assessed > 0);
        // The firing is then done with: Quartz removes it from the store's table of firings in progress a moment after
        // the job's own commit.
        var firings = -1L;
        while (DateTime.UtcNow < deadline && (firings = await QueryAsync<long>("SELECT count(*) FROM qrtz_fired_triggers")) != 0)
            await Task.Delay(100);
        Assert.Equal(0L, firings);
    }
}

public sealed class CreditJobScheduleTests_Sqlite(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task One_embedded_instance_keeps_its_schedule_in_memory()
    {
        var metadata = await (await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).GetMetadata();
        Assert.False(metadata.JobStorePersistent);
        Assert.False(metadata.JobStoreClustered);
    }
}
