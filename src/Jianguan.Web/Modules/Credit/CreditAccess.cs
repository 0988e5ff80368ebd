using System.Security.Claims;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Credit;

/// <summary>
/// Who may see and change what in credit. A department's remit is the entities of its division and the divisions
/// under it (a district bureau: the whole district; a township office: its township); administrators and the
/// coordination committee see everywhere. The lists are kept by the registration authority alone.
/// </summary>
public sealed class CreditAccess(AppDbContext db)
{
    private Department? _department;
    private bool _loaded;

    public async Task<Department?> DepartmentOfAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (_loaded) return _department;
        _loaded = true;
        return _department = user.DepartmentId() is { } id ? await db.Set<Department>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) : null;
    }

    public async Task<bool> InRemitAsync(ClaimsPrincipal user, SupervisedEntity entity, CancellationToken ct)
    {
        if (!Roles.Staff.Any(user.IsInRole)) return false;
        if (user.SeesAllDepartments()) return true;
        return await DepartmentOfAsync(user, ct) is { } d && entity.DivisionCode.StartsWith(d.DivisionCode, StringComparison.Ordinal);
    }

    /// <summary>Why the user may not list or remove (null when it may): a manager or head of the registration authority.</summary>
    public async Task<string?> CannotKeepListsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.DepartmentManager) && !user.IsInRole(Roles.DepartmentHead))
            return "列入、移出名单须由登记机关的部门管理员或负责人办理。";
        return await DepartmentOfAsync(user, ct) is { IsRegistrationAuthority: true } ? null : "经营异常名录和严重违法失信名单由登记机关（市场监管部门）管理。";
    }
}
