using Jianguan.Web.Modules.SpotChecks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Jianguan.Web.Pages.Public;

/// <summary>One published draw: its numbers, the entities drawn with their officers, and how to check it.</summary>
[AllowAnonymous]
[EnableRateLimiting(SpotChecksModule.PublicRateLimit)]
public sealed class SpotCheckDrawModel(SpotCheckPublic published) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    public SpotCheckDraw Draw { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await published.DrawAsync(Id, ct) is not { } draw) return NotFound();
        Draw = draw;
        return Page();
    }
}
