using Jianguan.Web.Modules.Registry;
using Jianguan.Web.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.Registry;

public sealed class EntityModel(EntityEditor editor, Modules.Credit.CreditAccess credit) : PageModel
{
    public EntityDto Entity { get; private set; } = null!;
    /// <summary>Whether the credit record is in the user's remit: the link is shown only where it leads somewhere.</summary>
    public bool SeesCredit { get; private set; }
    public bool CanMaintain => User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.DepartmentManager);

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || await editor.FindAsync(code, ct) is not { } entity) return NotFound();
        Entity = EntityDto.From(entity);
        SeesCredit = await credit.InRemitAsync(User, entity, ct);
        return Page();
    }
}
