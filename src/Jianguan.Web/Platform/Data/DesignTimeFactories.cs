using Jianguan.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Jianguan.Web.Platform.Data;

// `dotnet ef migrations add X --context SqliteAppDbContext --output-dir Platform/Data/Migrations/Sqlite`
// and the same with PostgresAppDbContext: every schema change is a migration for both providers.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db").Options)
        {
            AuditTrail = new AuditTrail(new HttpContextAccessor(), TimeProvider.System),
        };
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=jianguan_design").Options)
        {
            AuditTrail = new AuditTrail(new HttpContextAccessor(), TimeProvider.System),
        };
}
