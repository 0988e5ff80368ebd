using Jianguan.Web.Modules.Catalog;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Platform.Demo;

/// <summary>Fills an empty database with the demo district. Never runs outside demo mode.</summary>
public sealed class DemoSeeder(AppDbContext db, ILookupNormalizer normalizer, TimeProvider time, ILogger<DemoSeeder> logger)
{
    /// <summary>The district itself: departments, divisions, officers and the demo accounts.</summary>
    public async Task SeedDistrictIfEmptyAsync(CancellationToken ct)
    {
        if (await db.Set<Department>().AnyAsync(ct)) return;
        logger.LogInformation("Empty database in demo mode: seeding the Wucheng demo district");

        // One save through navigation properties: the district is written (and audited) in one transaction,
        // and start-up stays short. Users are added directly rather than through UserManager, whose
        // per-user look-ups would only check what this fixed list already guarantees.
        var departments = DemoDistrict.Departments.ToDictionary(d => d.Id, d => new Department
        {
            Code = d.Code, Name = d.Name, ShortName = d.ShortName, DivisionCode = d.DivisionCode, SortOrder = d.SortOrder,
            IsRegistrationAuthority = d.IsRegistrationAuthority,
        });
        db.AddRange(departments.Values);
        db.AddRange(DemoDistrict.Divisions);

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var officers = DemoDistrict.Officers(today).ToList();
        foreach (var o in officers)
        {
            o.Department = departments[o.DepartmentId];
            o.DepartmentId = 0;
        }
        db.AddRange(officers);

        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        foreach (var account in DemoDistrict.Accounts)
        {
            var user = new AppUser
            {
                UserName = account.UserName,
                NormalizedUserName = normalizer.NormalizeName(account.UserName),
                DisplayName = account.DisplayName,
                Department = account.DepartmentId is { } d ? departments[d] : null,
                Officer = account.OfficerNumber is { } n ? officers[n - 1] : null,
                CreditCode = account.CreditCode,
                PasswordHash = DemoDistrict.PasswordHash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                LockoutEnabled = true,
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[account.Role] });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// What comes after the district, in the background: the catalog of each department and the
    /// registry's businesses, each when it has none.
    /// </summary>
    public async Task SeedCatalogAndRegistryIfEmptyAsync(CancellationToken ct)
    {
        if (!await db.Set<SupervisionItem>().AnyAsync(ct))
        {
            // Demo department ids are positions in DemoDistrict; the stored ones are found by code.
            var stored = await db.Set<Department>().ToDictionaryAsync(d => d.Code, d => d.Id, ct);
            int DepartmentId(int demoId) => stored[DemoDistrict.Departments[demoId - 1].Code];
            var (items, checklists, powers) = DemoCatalog.Build(time.GetUtcNow().UtcDateTime);
            foreach (var i in items) i.DepartmentId = DepartmentId(i.DepartmentId);
            foreach (var c in checklists) c.DepartmentId = DepartmentId(c.DepartmentId);
            foreach (var p in powers) p.DepartmentId = DepartmentId(p.DepartmentId);
            db.AddRange(items);
            db.AddRange(checklists);
            db.AddRange(powers);
            await db.SaveChangesAsync(ct);
        }
        if (await db.Set<SupervisedEntity>().AnyAsync(ct)) return;
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var towns = DemoDistrict.Divisions.Where(d => d.Level != DivisionLevel.County).Select(d => d.Code).ToList();
        // The registry's bulk path, as an import of the same rows takes: cheaper than tracking 3,000 entities
        // with their tags and licences, and the background seeding shares the two cores with the first requests.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await EntityImporter.InsertNewAsync(db, [.. DemoEntities.Generate(towns, today)], ct);
        await transaction.CommitAsync(ct);
    }
}
