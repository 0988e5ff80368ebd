using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Platform.Demo;

/// <summary>Fills an empty database with the demo district. Never runs outside demo mode.</summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, TimeProvider time, ILogger<DemoSeeder> logger)
{
    public async Task SeedIfEmptyAsync(CancellationToken ct)
    {
        if (await db.Set<Department>().AnyAsync(ct)) return;
        logger.LogInformation("Empty database in demo mode: seeding the Wucheng demo district");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.AddRange(DemoDistrict.Departments.Select(d => new Department
        {
            Code = d.Code, Name = d.Name, ShortName = d.ShortName, DivisionCode = d.DivisionCode, SortOrder = d.SortOrder,
        }));
        db.AddRange(DemoDistrict.Divisions);
        await db.SaveChangesAsync(ct);
        var departmentIds = await db.Set<Department>().ToDictionaryAsync(d => d.Code, d => d.Id, ct);
        int DepartmentId(int demoId) => departmentIds[DemoDistrict.Departments[demoId - 1].Code];

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var officers = DemoDistrict.Officers(today).ToList();
        foreach (var o in officers) o.DepartmentId = DepartmentId(o.DepartmentId);
        db.AddRange(officers);
        await db.SaveChangesAsync(ct);

        // One hash for the shared demo password: hashing is deliberately slow, and start-up should not be.
        var passwordHash = users.PasswordHasher.HashPassword(new AppUser(), DemoDistrict.Password);
        foreach (var account in DemoDistrict.Accounts)
        {
            var user = new AppUser
            {
                UserName = account.UserName,
                DisplayName = account.DisplayName,
                DepartmentId = account.DepartmentId is { } d ? DepartmentId(d) : null,
                OfficerId = account.OfficerNumber is { } n ? officers[n - 1].Id : null,
                CreditCode = account.CreditCode,
                PasswordHash = passwordHash,
            };
            Check(await users.CreateAsync(user), account.UserName);
            Check(await users.AddToRoleAsync(user, account.Role), account.UserName);
        }
        await transaction.CommitAsync(ct);
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Demo user {userName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
