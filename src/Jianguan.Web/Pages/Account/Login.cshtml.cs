using Jianguan.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Jianguan.Web.Pages.Account;

[EnableRateLimiting(AuthModule.SignInRateLimit)]
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(UserName), "请输入用户名和密码。");
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        var user = await users.FindByNameAsync(UserName.Trim());
        ModelState.AddModelError(nameof(UserName), result switch
        {
            { IsLockedOut: true } => $"账户因多次密码错误已被锁定，请于 {user?.LockoutEnd?.ToLocalTime():HH:mm} 后再试。",
            { IsNotAllowed: true } => "账户已停用，请联系系统管理员。",
            _ => "用户名或密码错误。",
        });
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
