using Jianguan.Web.Platform.Audit;
using Jianguan.Web.Platform.Auth;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Platform.Data;

/// <summary>
/// The one context of the platform. Each module brings its <see cref="IEntityTypeConfiguration{T}"/>
/// classes; every save is recorded in the hash-chained audit trail in the same transaction.
/// The provider-specific subclasses exist only so each provider keeps its own migrations.
/// </summary>
public abstract class AppDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    private readonly AuditTrail _auditTrail;

    protected AppDbContext(DbContextOptions options, AuditTrail auditTrail) : base(options) => _auditTrail = auditTrail;

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    /// <summary>For writers that bypass change tracking (<see cref="BulkInsert"/>) and append their own entries.</summary>
    internal AuditTrail AuditTrail => _auditTrail;

    /// <summary>Builds the model from the entity classes, as if there were no compiled model (for the test that compares them).</summary>
    internal void BuildModelFromCode(ModelBuilder builder) => OnModelCreating(builder);

    /// <summary>
    /// Only for saves the trail does not record (data-protection keys, which ASP.NET saves synchronously);
    /// every audited save goes through <see cref="SaveChangesAsync(bool, CancellationToken)"/>.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        AuditTrail.HasAuditedChanges(this)
            ? throw new NotSupportedException("Use SaveChangesAsync: every audited save writes the audit trail asynchronously.")
            : base.SaveChanges(acceptAllChangesOnSuccess);

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        _auditTrail.SaveWithAuditAsync(this, ct => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), cancellationToken);
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, AuditTrail auditTrail)
    : AppDbContext(options, auditTrail)
{
    // Here rather than where the context is registered: every way of making one (tests, benchmarks, tools) gets them.
    protected override void OnConfiguring(DbContextOptionsBuilder options) => options.AddInterceptors(SqliteFunctions.Instance);
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, AuditTrail auditTrail)
    : AppDbContext(options, auditTrail);
