using System.Data.Common;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jianguan.Web.Platform.Audit;

/// <summary>
/// Appends the audit entries of the saves made inside a transaction just before it commits (see
/// <see cref="AuditTrail.SaveWithAuditAsync"/>), and forgets them when it rolls back: the entries commit or vanish
/// with the rows they record, and the chain's lock is held only from the append to the commit.
/// </summary>
public sealed class AuditCommits : DbTransactionInterceptor
{
    public static readonly AuditCommits Instance = new();

    private AuditCommits() { }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db) await db.AuditTrail.AppendDeferredAsync(db, eventData.TransactionId, cancellationToken);
        return result;
    }

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        eventData.Context is AppDbContext db && db.AuditTrail.HasDeferred(eventData.TransactionId)
            ? throw new NotSupportedException("Commit with CommitAsync: the transaction's audit entries are appended asynchronously.")
            : result;

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is AppDbContext db) db.AuditTrail.DiscardDeferred();
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }
}
