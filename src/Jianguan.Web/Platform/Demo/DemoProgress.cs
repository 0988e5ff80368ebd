using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jianguan.Web.Platform.Demo;

/// <summary>The demo seeding that goes on after the application serves (catalog and registry).</summary>
public sealed class DemoProgress
{
    public Task Background { get; set; } = Task.CompletedTask;
}

/// <summary>Degraded while demo businesses are still being written; Unhealthy if that failed.</summary>
public sealed class DemoProgressHealthCheck(DemoProgress progress) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(progress.Background switch
        {
            { IsCompletedSuccessfully: true } => HealthCheckResult.Healthy(),
            { IsFaulted: true } t => HealthCheckResult.Unhealthy("载入演示监管事项或市场主体失败。", t.Exception),
            _ => HealthCheckResult.Degraded("演示监管事项和市场主体仍在载入。"),
        });
}
