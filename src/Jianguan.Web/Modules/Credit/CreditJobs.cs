using Jianguan.Web.Platform.Audit;
using Jianguan.Web.Platform.Calendar;
using Quartz;

namespace Jianguan.Web.Modules.Credit;

/// <summary>The monthly reclassification (LEGAL-RULES.md §4: the class is refreshed monthly), at 02:00 on the 1st.</summary>
[DisallowConcurrentExecution]
public sealed class MonthlyReclassificationJob(RiskClassifier classifier, AuditTrail trail) : IJob
{
    public const string Cron = "0 0 2 1 * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        trail.ActAs(AuditActor.System);
        await classifier.RunAsync(RiskRunTrigger.Scheduled, null, AuditActor.System.Name, cancellationToken);
    }
}

/// <summary>
/// Every night at 01:00: serious listings whose period ended leave the list; on 1 July, the entities that did not
/// file last year's annual report are listed (sole traders marked). Both are idempotent, so a missed night is
/// made up by the next, and a second instance running the same job changes nothing.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DailyCreditJob(CreditListings listings, AnnualReports reports, AuditTrail trail, TimeProvider time) : IJob
{
    public const string Cron = "0 0 1 * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        trail.ActAs(AuditActor.System);
        await listings.RemoveExpiredAsync(cancellationToken);
        var today = time.Today();
        var window = listings.Rules.Credit(today).AnnualReport;
        if (today > window.Deadline(today.Year - 1)) await reports.ListMissingAsync(today.Year - 1, cancellationToken);
    }
}
