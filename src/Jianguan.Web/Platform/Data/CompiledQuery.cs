using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Jianguan.Web.Platform.Data;

/// <summary>
/// A query asked at nearly every request, translated once (EF's compiled query) instead of at each call, where
/// extracting its parameters and looking its plan up by the expression's shape cost more of the server's time than
/// running it. EF binds a compiled query to the model it first ran with, and each provider has its own model (tests
/// run both in one process): one compiled delegate per model.
/// </summary>
public sealed class CompiledQuery<TParam, TResult>(Expression<Func<AppDbContext, TParam, CancellationToken, TResult>> query)
{
    private readonly ConcurrentDictionary<IModel, Func<AppDbContext, TParam, CancellationToken, Task<TResult>>> _compiled = new();

    public Task<TResult> RunAsync(AppDbContext db, TParam param, CancellationToken ct) =>
        _compiled.GetOrAdd(db.Model, _ => EF.CompileAsyncQuery(query))(db, param, ct);
}
