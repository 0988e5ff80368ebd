using Jianguan.Web.Platform.Audit;
using Jianguan.Web.Platform.Auth;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jianguan.Web.Platform.Data;

/// <summary>
/// The one context of the platform. Each module brings its <see cref="IEntityTypeConfiguration{T}"/>
/// classes; every save is recorded in the hash-chained audit trail in the same transaction.
/// The provider-specific subclasses exist only so each provider keeps its own migrations.
/// </summary>
public abstract class AppDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    private AuditTrail? _auditTrail;

    /// <summary>
    /// One constructor, as EF's pool requires: the trail is given afterwards, by the pool's lease for each request
    /// and by <c>new …(options) { AuditTrail = … }</c> elsewhere (tools, tests, benchmarks).
    /// </summary>
    protected AppDbContext(DbContextOptions options) : base(options) { }

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    /// <summary>
    /// For writers that bypass change tracking (<see cref="BulkInsert"/>) and append their own entries. Set on each
    /// lease from the pool (<see cref="DataServiceCollectionExtensions"/>) to the scope's trail, which knows who acts.
    /// </summary>
    internal AuditTrail AuditTrail
    {
        get => _auditTrail ?? throw new InvalidOperationException("A context from the pool is used only through the scope that leased it.");
        set => _auditTrail = value;
    }

    /// <summary>
    /// The interceptors every context needs, added here so that every way of making one (tests, benchmarks, tools)
    /// gets them; the pool's options have them already (a pooled context may not change its options).
    /// </summary>
    private protected static void AddInterceptors(DbContextOptionsBuilder options, IInterceptor[] interceptors)
    {
        var present = options.Options.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.Interceptors ?? [];
        var missing = interceptors.Except(present).ToArray();
        if (missing.Length > 0) options.AddInterceptors(missing);
    }

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
        AuditTrail.SaveWithAuditAsync(this, ct => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), cancellationToken);
}

public sealed class SqliteAppDbContext : AppDbContext
{
    public SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : base(options) { }

    internal static readonly IInterceptor[] Interceptors = [SqliteFunctions.Instance, AuditCommits.Instance];

    protected override void OnConfiguring(DbContextOptionsBuilder options) => AddInterceptors(options, Interceptors);
}

public sealed class PostgresAppDbContext : AppDbContext
{
    public PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : base(options) { }

    internal static readonly IInterceptor[] Interceptors = [AuditCommits.Instance];

    protected override void OnConfiguring(DbContextOptionsBuilder options) => AddInterceptors(options, Interceptors);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Credit codes (digits and capital letters) compared byte by byte, whatever the database's locale: the code's
        // index then gives the spot-check pool in its canonical order (byte order, docs/draw-record.md), where under
        // a language's collation the pool had to be sorted at every draw; comparisons are plain memcmp too.
        builder.Entity<Modules.Registry.SupervisedEntity>().Property(e => e.CreditCode).UseCollation("C");
    }
}
