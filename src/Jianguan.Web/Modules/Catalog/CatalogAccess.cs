using Jianguan.Web.Platform.Errors;
using System.Globalization;
using System.Security.Claims;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Auth;

namespace Jianguan.Web.Modules.Catalog;

/// <summary>A catalog record owned by one department.</summary>
public interface IDepartmentOwned
{
    int DepartmentId { get; }
}

/// <summary>
/// Who may read and maintain which department's catalog (MISSION.md: the department manager maintains its
/// department's catalog; administrators all). Reading follows the platform rule: administrators and the
/// committee see every department, other staff their own; the public sees only published versions in force.
/// </summary>
public static class CatalogAccess
{
    public static bool MaintainsCatalogOf(this ClaimsPrincipal user, int departmentId) =>
        user.IsInRole(Roles.Administrator) || (user.IsInRole(Roles.DepartmentManager) && user.DepartmentId() == departmentId);

    public static bool MaintainsCatalog(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.DepartmentManager);

    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, ClaimsPrincipal user) where T : class, IDepartmentOwned
    {
        if (user.SeesAllDepartments()) return query;
        var departmentId = user.DepartmentId() ?? -1;
        return query.Where(r => r.DepartmentId == departmentId);
    }
}

/// <summary>The versioning rule shared by items and checklists (动态调整).</summary>
internal static class CatalogVersioning
{
    /// <summary>
    /// Adds <paramref name="next"/> as the version after <paramref name="current"/> (or the first version),
    /// closing the current one's period on the new version's first day. Only EffectiveTo of the old row changes.
    /// </summary>
    public static void Supersede<T>(T? current, T next, DateOnly from, string? note, ClaimsPrincipal user, DateTime nowUtc) where T : class, ICatalogVersion
    {
        next.Version = (current?.Version ?? 0) + 1;
        next.EffectiveFrom = from;
        next.EffectiveTo = null;
        next.ChangeNote = string.IsNullOrWhiteSpace(note) ? (current is null ? "新增" : "调整") : note.Trim();
        next.RecordedAtUtc = nowUtc;
        next.RecordedBy = user.Identity?.Name ?? "";
        if (current is not null) current.EffectiveTo = from;
    }

    /// <summary>Reads the first day of the new version: today when blank; never before the current version's first day.</summary>
    public static DateOnly EffectiveFrom(string? text, ICatalogVersion? current, DateOnly today, FieldErrors errors, string field = "effectiveFrom")
    {
        var from = today;
        if (!string.IsNullOrWhiteSpace(text)
            && !DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out from))
        {
            errors.Add(field, $"生效日期应为 YYYY-MM-DD 格式的有效日期，收到“{text}”。");
            return today;
        }
        if (current is not null && from < current.EffectiveFrom)
            errors.Add(field, $"生效日期不能早于现行版本（第 {current.Version} 版）的生效日期 {current.EffectiveFrom:yyyy-MM-dd}，收到 {from:yyyy-MM-dd}。");
        return from;
    }

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public static string? Date(DateOnly? day) => day is { } d ? Date(d) : null;
}
