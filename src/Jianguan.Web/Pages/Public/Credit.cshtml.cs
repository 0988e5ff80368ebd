using Jianguan.Web.Modules.Credit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Jianguan.Web.Pages.Public;

/// <summary>信用信息公示: look up an entity by name or code, and what the law makes public of it (no risk class).</summary>
[AllowAnonymous]
[EnableRateLimiting(CreditModule.PublicRateLimit)]
public sealed class CreditModel(CreditProfiles profiles, PublicCreditLookup lookup) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? CreditCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public IReadOnlyList<PublicEntityMatch>? Matches { get; private set; }
    public PublicCreditDto? Entity { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CreditCode is not null)
        {
            Entity = await lookup.ViewAsync(CreditCode, ct);
            return Entity is null ? NotFound() : Page();
        }
        if (Q is null) return Page();
        // At least two characters, so that the list cannot be walked (as the public API).
        if (Q.Trim().Length < 2)
        {
            ModelState.AddModelError("q", "请输入市场主体名称中的至少两个字，或完整的统一社会信用代码。");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Matches = await profiles.PublicSearchAsync(Q, ct);
        return Page();
    }
}
