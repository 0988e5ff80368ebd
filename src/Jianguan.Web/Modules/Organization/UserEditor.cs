using Jianguan.Web.Platform.Errors;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Organization;

/// <summary>Password is required on create; on update a non-empty password resets it.</summary>
public sealed record UserInput(string? UserName, string? DisplayName, string? Role, int? DepartmentId, int? OfficerId, string? CreditCode, string? Password, bool IsActive = true);

public sealed record UserDto(string Id, string UserName, string DisplayName, string Role, int? DepartmentId, string? DepartmentName, int? OfficerId, string? CreditCode, bool IsActive, bool IsLockedOut);

/// <summary>Creates and changes users (administrators only). One role per user keeps each account's powers plain.</summary>
public sealed class UserEditor(AppDbContext db, UserManager<AppUser> users, TimeProvider time)
{
    public async Task<List<UserDto>> ListAsync(CancellationToken ct)
    {
        var list = await db.Users.AsNoTracking().Include(u => u.Department).OrderBy(u => u.UserName).ToListAsync(ct);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
        var now = time.GetUtcNow();
        return list.Select(u => new UserDto(u.Id, u.UserName!, u.DisplayName, roles.FirstOrDefault(r => r.UserId == u.Id)?.Name ?? "",
            u.DepartmentId, u.Department?.ShortName, u.OfficerId, u.CreditCode, u.IsActive, u.LockoutEnd > now)).ToList();
    }

    public async Task<EditResult<AppUser>> SaveAsync(string? id, UserInput input, CancellationToken ct)
    {
        AppUser? user = null;
        if (id is not null && (user = await users.FindByIdAsync(id)) is null)
            return new EditResult<AppUser>.NotFound($"用户 {id} 不存在。");

        var errors = new FieldErrors();
        errors.Required("userName", input.UserName, "用户名", 64);
        errors.Required("displayName", input.DisplayName, "姓名", 64);
        if (input.Role is null || !Roles.All.Contains(input.Role))
            errors.Add("role", $"角色应为 {string.Join("、", Roles.All)} 之一。");
        var isStaff = input.Role is not null && Roles.Staff.Contains(input.Role);
        var needsDepartment = isStaff && input.Role is not (Roles.Administrator);
        if (needsDepartment && input.DepartmentId is null) errors.Add("departmentId", "必填：除系统管理员和市场主体外，每个用户都属于一个部门。");
        if (input.DepartmentId is not null && !await db.Set<Department>().AnyAsync(d => d.Id == input.DepartmentId, ct))
            errors.Add("departmentId", $"部门 {input.DepartmentId} 不存在。");
        if (input.OfficerId is not null && !await db.Set<Officer>().AnyAsync(o => o.Id == input.OfficerId && o.DepartmentId == input.DepartmentId, ct))
            errors.Add("officerId", $"执法人员 {input.OfficerId} 不存在或不属于所选部门。");
        if (input.Role == Roles.Business && string.IsNullOrWhiteSpace(input.CreditCode))
            errors.Add("creditCode", "必填：市场主体用户须填写其统一社会信用代码。");
        if (user is null && string.IsNullOrEmpty(input.Password)) errors.Add("password", "必填：初始密码。");
        if (!string.IsNullOrEmpty(input.Password))
            foreach (var validator in users.PasswordValidators)
            {
                var check = await validator.ValidateAsync(users, user ?? new AppUser(), input.Password);
                foreach (var e in check.Errors) errors.Add("password", e.Description);
            }
        if (errors.Any) return new EditResult<AppUser>.Invalid(errors.ToDictionary());

        var userName = input.UserName!.Trim();
        var existing = await users.FindByNameAsync(userName);
        if (existing is not null && existing.Id != user?.Id)
            return new EditResult<AppUser>.Conflict("userName", $"用户名“{userName}”已被使用。");

        var creating = user is null;
        user ??= new AppUser();
        user.UserName = userName;
        user.DisplayName = input.DisplayName!.Trim();
        user.DepartmentId = input.Role == Roles.Business ? null : input.DepartmentId;
        user.OfficerId = input.OfficerId;
        user.CreditCode = input.Role == Roles.Business ? input.CreditCode!.Trim().ToUpperInvariant() : null;
        user.IsActive = input.IsActive;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = creating ? await users.CreateAsync(user, input.Password!) : await users.UpdateAsync(user);
        if (result.Succeeded && !creating && !string.IsNullOrEmpty(input.Password))
        {
            await users.RemovePasswordAsync(user);
            result = await users.AddPasswordAsync(user, input.Password);
        }
        if (result.Succeeded)
        {
            var current = await users.GetRolesAsync(user);
            if (!current.SequenceEqual([input.Role!]))
            {
                if (current.Count > 0) result = await users.RemoveFromRolesAsync(user, current);
                if (result.Succeeded) result = await users.AddToRoleAsync(user, input.Role!);
            }
        }
        if (!result.Succeeded)
            return new EditResult<AppUser>.Invalid(new Dictionary<string, string[]> { ["userName"] = [.. result.Errors.Select(e => e.Description)] });
        // Deactivation or a new password must end the user's sessions and tokens.
        if (!creating) await users.UpdateSecurityStampAsync(user);
        await transaction.CommitAsync(ct);
        return new EditResult<AppUser>.Saved(user);
    }
}
