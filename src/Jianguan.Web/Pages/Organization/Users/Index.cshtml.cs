using Jianguan.Web.Modules.Organization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.Organization.Users;

public sealed class IndexModel(UserEditor editor) : PageModel
{
    public List<UserDto> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Users = await editor.ListAsync(ct);
}
