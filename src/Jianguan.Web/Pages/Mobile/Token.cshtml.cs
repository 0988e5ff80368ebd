using Jianguan.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jianguan.Web.Pages.Mobile;

/// <summary>
/// Exchanges the sign-in cookie for a bearer token the phone app sends to the API (which takes no cookie, against
/// CSRF). A POST with the page's antiforgery token, so another site cannot obtain one through the officer's cookie.
/// </summary>
public sealed class TokenModel(UserManager<AppUser> users, TokenIssuer issuer) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Unauthorized();
        return new JsonResult(await issuer.IssueAsync(user));
    }
}
