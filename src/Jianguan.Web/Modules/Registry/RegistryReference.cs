using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Jianguan.Web.Modules.Registry;

/// <summary>The reference codes entities are checked against, loaded once (they change with a migration or an administrator's edit).</summary>
public sealed record RegistryCodes(IReadOnlySet<string> Divisions, IReadOnlyDictionary<string, string> IndustrySections);

public sealed class RegistryReference(AppDbContext db, IMemoryCache cache)
{
    public async Task<RegistryCodes> GetAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync("registry-codes", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
            var divisions = await db.Set<Division>().AsNoTracking().Select(d => d.Code).ToListAsync(ct);
            var industries = await db.Set<Industry>().AsNoTracking().ToDictionaryAsync(i => i.Code, i => i.Section, ct);
            return new RegistryCodes(divisions.ToHashSet(), industries);
        }))!;
}
