using Jianguan.Tests.Infrastructure;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Tests.Platform.Data;

/// <summary>
/// A compiled query serves both providers in one process: EF binds a compiled query to the model it first ran with
/// and refuses another ("Compiled queries can only be used with a single model"), so <see cref="CompiledQuery{TParam,TResult}"/>
/// keeps one per model.
/// </summary>
public sealed class CompiledQueryTests(SqliteApp sqlite, PostgresApp postgres) : IClassFixture<SqliteApp>, IClassFixture<PostgresApp>
{
    private static readonly CompiledQuery<int, string?> DepartmentName = new((db, id, _) =>
        db.Set<Department>().AsNoTracking().Where(d => d.Id == id).Select(d => d.Name).FirstOrDefault());

    [Fact]
    public async Task One_query_answers_on_sqlite_and_on_postgresql_in_turn()
    {
        for (var round = 0; round < 2; round++)
        {
            foreach (var app in new JianguanApp[] { sqlite, postgres })
            {
                var expected = await app.WithDb(db => db.Set<Department>().AsNoTracking().Where(d => d.Id == 1).Select(d => d.Name).FirstAsync());
                Assert.Equal(expected, await app.WithDb(db => DepartmentName.RunAsync(db, 1, CancellationToken.None)));
                Assert.Null(await app.WithDb(db => DepartmentName.RunAsync(db, -1, CancellationToken.None)));
            }
        }
    }
}
