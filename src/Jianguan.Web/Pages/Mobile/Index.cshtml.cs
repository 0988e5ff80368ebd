using Jianguan.Web.Modules.SpotChecks;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Pages.Mobile;

/// <summary>
/// The shell of the officers' phone app: what the service worker keeps for offline use. The work itself is
/// downloaded as data into the phone's storage and drawn by /m/app.js, so that it opens without network.
/// </summary>
public sealed class IndexModel(SpotCheckTasks tasks, Platform.Data.AppDbContext db) : PageModel
{
    public int? OfficerId { get; private set; }
    public string? OfficerName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        OfficerId = await tasks.OfficerIdOfAsync(User, ct);
        if (OfficerId is { } id)
            OfficerName = await db.Set<Modules.Organization.Officer>().Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync(ct);
    }
}
