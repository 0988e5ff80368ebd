using System.Security.Claims;
using Jianguan.Web.Platform.Auth;

namespace Jianguan.Web.Platform.Audit;

/// <summary>Who an audit entry is attributed to.</summary>
public sealed record AuditActor(string? Id, string Name, int? DepartmentId)
{
    /// <summary>Work the platform does by itself: migrations, demo seeding, scheduled jobs.</summary>
    public static readonly AuditActor System = new(null, "system", null);

    public static AuditActor FromPrincipal(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true
            ? new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity.Name ?? "?", user.DepartmentId())
            : new(null, "anonymous", null);
}
