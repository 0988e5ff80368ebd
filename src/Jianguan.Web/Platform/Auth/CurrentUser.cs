using System.Security.Claims;

namespace Jianguan.Web.Platform.Auth;

public static class ClaimsPrincipalExtensions
{
    public const string DepartmentClaim = "department";

    public static int? DepartmentId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(DepartmentClaim), out var id) ? id : null;

    /// <summary>
    /// Administrators and the coordination committee see across departments (MISSION.md: "Sees across
    /// departments"); everybody else sees only the records of their own department.
    /// </summary>
    public static bool SeesAllDepartments(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.CoordinationCommittee);

    public static bool CanSeeDepartment(this ClaimsPrincipal user, int? departmentId) =>
        user.SeesAllDepartments() || (departmentId is not null && user.DepartmentId() == departmentId);

    /// <summary>Changing officers: administrators anywhere, department managers in their own department.</summary>
    public static bool CanManageOfficersOf(this ClaimsPrincipal user, int departmentId) =>
        user.IsInRole(Roles.Administrator) || (user.IsInRole(Roles.DepartmentManager) && user.DepartmentId() == departmentId);
}
