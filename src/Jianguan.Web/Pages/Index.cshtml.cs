using System.Security.Claims;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Calendar;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages;

/// <summary>The home page: real counts from the database for the signed-in user's department.</summary>
public sealed class IndexModel(AppDbContext db, OfficerEditor officers, TimeProvider time) : PageModel
{
    /// <summary>How far ahead the home page warns of expiring officer licences.</summary>
    public const int LicenceWarningDays = 30;

    public string Heading { get; private set; } = "";
    public string RoleNames { get; private set; } = "";
    public string Scope { get; private set; } = "";
    public string? CreditCode { get; private set; }
    public List<(string Label, int Value, string Css)> Counts { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Department).FirstAsync(u => u.Id == User.FindFirstValue(ClaimTypes.NameIdentifier), ct);
        Heading = $"欢迎，{user.DisplayName}";
        RoleNames = "角色：" + string.Join("、", Roles.All.Where(User.IsInRole).Select(Roles.ChineseName)) +
                    (user.Department is { } d ? $" · 部门：{d.Name}" : "");
        CreditCode = user.CreditCode;
        if (!Roles.Staff.Any(User.IsInRole)) return;

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var soon = today.AddDays(LicenceWarningDays);
        var visible = officers.VisibleTo(User);
        Scope = User.SeesAllDepartments() ? "全区概况" : $"{user.Department?.ShortName}概况";
        if (User.SeesAllDepartments())
            Counts.Add(("监管部门", await db.Set<Department>().CountAsync(x => x.IsActive, ct), ""));
        Counts.Add(("在岗执法人员", await visible.CountAsync(o => o.IsActive, ct), ""));
        Counts.Add(("执法证有效", await visible.CountAsync(o => o.IsActive && o.LicenseExpiresOn >= today, ct), "ok"));
        Counts.Add(($"{LicenceWarningDays} 天内执法证到期", await visible.CountAsync(o => o.IsActive && o.LicenseExpiresOn >= today && o.LicenseExpiresOn <= soon, ct), "warn"));
        Counts.Add(("执法证已过期", await visible.CountAsync(o => o.IsActive && o.LicenseExpiresOn < today, ct), "bad"));
        var departmentId = User.DepartmentId();
        Counts.Add(("用户账号", User.SeesAllDepartments()
            ? await db.Users.CountAsync(ct)
            : await db.Users.CountAsync(u => u.DepartmentId == departmentId, ct), ""));
        Counts.Add(("留痕记录", User.SeesAllDepartments()
            ? await db.AuditEntries.CountAsync(ct)
            : await db.AuditEntries.CountAsync(e => e.DepartmentId == departmentId, ct), ""));
        if (User.IsInRole(Roles.Administrator))
            Counts.Add(("工作日历年份", await db.Set<CalendarYear>().CountAsync(ct), ""));
    }
}
