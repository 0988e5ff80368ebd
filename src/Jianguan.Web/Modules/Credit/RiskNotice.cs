using System.Security.Claims;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jianguan.Web.Modules.Credit;

public enum RiskNoticeKind
{
    BecameHighRisk = 1,   // 风险等级升为 C 或 D
    Listed = 2,           // 列入名单
    CommitmentBroken = 3, // 违背信用承诺
}

/// <summary>信用风险提示: a department is told that an entity it supervises became riskier.</summary>
public sealed class RiskNotice
{
    public long Id { get; set; }
    public int DepartmentId { get; set; }
    public long EntityId { get; set; }
    public Registry.SupervisedEntity? Entity { get; set; }
    public RiskNoticeKind Kind { get; set; }
    public string Message { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ReadAtUtc { get; set; }
}

internal sealed class RiskNoticeConfiguration : IEntityTypeConfiguration<RiskNotice>
{
    public void Configure(EntityTypeBuilder<RiskNotice> b)
    {
        b.ToTable("risk_notices");
        b.HasOne<Department>().WithMany().HasForeignKey(n => n.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(n => n.Entity).WithMany().HasForeignKey(n => n.EntityId).OnDelete(DeleteBehavior.Restrict);
        b.Property(n => n.Message).HasMaxLength(256);
        b.HasIndex(n => new { n.DepartmentId, n.ReadAtUtc, n.CreatedAtUtc });
    }
}

public sealed record RiskNoticeDto(long Id, string Kind, string CreditCode, string EntityName, string Message, DateTime CreatedAtUtc, bool Read)
{
    public static RiskNoticeDto From(RiskNotice n) => new(n.Id, n.Kind.ToString(), n.Entity?.CreditCode ?? "", n.Entity?.Name ?? "", n.Message, n.CreatedAtUtc, n.ReadAtUtc is not null);
}

/// <summary>
/// Who is told: the departments that supervise the entity, which the platform knows as the registration authority
/// (it supervises every entity) and every department that issued a record or a listing about it.
/// </summary>
public sealed class RiskNotices(AppDbContext db, TimeProvider time)
{
    /// <summary>Adds the notices to the context (the caller saves, in the transaction of the change they report).</summary>
    public async Task AddAsync(IReadOnlyList<(long EntityId, RiskNoticeKind Kind, string Message)> notices, CancellationToken ct)
    {
        if (notices.Count == 0) return;
        var ids = notices.Select(n => n.EntityId).Distinct().ToList();
        var authorities = await db.Set<Department>().AsNoTracking().Where(d => d.IsRegistrationAuthority).Select(d => d.Id).ToListAsync(ct);
        var issuers = (await db.Set<CreditRecord>().AsNoTracking().Where(r => ids.Contains(r.EntityId) && r.DepartmentId != null)
                .Select(r => new { r.EntityId, DepartmentId = r.DepartmentId!.Value })
                .Union(db.Set<CreditListing>().AsNoTracking().Where(l => ids.Contains(l.EntityId)).Select(l => new { l.EntityId, l.DepartmentId }))
                .ToListAsync(ct))
            .ToLookup(x => x.EntityId, x => x.DepartmentId);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (entityId, kind, message) in notices)
            foreach (var department in authorities.Concat(issuers[entityId]).Distinct())
                db.Add(new RiskNotice { DepartmentId = department, EntityId = entityId, Kind = kind, Message = message, CreatedAtUtc = now });
    }

    public async Task<List<RiskNoticeDto>> ForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var department = user.DepartmentId();
        return [.. (await db.Set<RiskNotice>().AsNoTracking().Include(n => n.Entity).Where(n => n.DepartmentId == department)
            .OrderBy(n => n.ReadAtUtc != null).ThenByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id).Take(200).ToListAsync(ct)).Select(RiskNoticeDto.From)];
    }

    public async Task<bool> MarkReadAsync(long id, ClaimsPrincipal user, CancellationToken ct)
    {
        var department = user.DepartmentId();
        var notice = await db.Set<RiskNotice>().FirstOrDefaultAsync(n => n.Id == id && n.DepartmentId == department, ct);
        if (notice is null) return false;
        notice.ReadAtUtc ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }
}
