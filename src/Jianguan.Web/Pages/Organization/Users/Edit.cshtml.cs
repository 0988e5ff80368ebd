using Jianguan.Web.Platform.Errors;
using Jianguan.Web.Modules.Organization;
using Jianguan.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages.Organization.Users;

public sealed class EditModel(AppDbContext db, UserEditor editor, UserManager<Platform.Auth.AppUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Id { get; set; }
    [BindProperty] public UserInput Input { get; set; } = new(null, null, Platform.Auth.Roles.Officer, null, null, null, null);
    public List<Department> Departments { get; private set; } = [];
    public List<Officer> Officers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (Id is null) return Page();
        if (await users.FindByIdAsync(Id) is not { } u) return NotFound();
        Input = new UserInput(u.UserName, u.DisplayName, (await users.GetRolesAsync(u)).FirstOrDefault(), u.DepartmentId, u.OfficerId, u.CreditCode, null, u.IsActive);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        return EditResultPages.Handle(this, await editor.SaveAsync(Id, Input, ct), $"已保存用户“{Input.UserName}”。", "/Organization/Users/Index");
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Departments = await db.Set<Department>().AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct);
        Officers = await db.Set<Officer>().AsNoTracking().Include(o => o.Department).OrderBy(o => o.LicenseNumber).ToListAsync(ct);
    }
}
