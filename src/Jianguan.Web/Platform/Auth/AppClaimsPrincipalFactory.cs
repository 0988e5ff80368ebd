using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jianguan.Web.Platform.Auth;

/// <summary>Adds the department and display name to the claims of cookies and tokens alike.</summary>
public sealed class AppClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.DepartmentId is { } departmentId)
            identity.AddClaim(new Claim(ClaimsPrincipalExtensions.DepartmentClaim, departmentId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        if (user.CreditCode is { } code)
            identity.AddClaim(new Claim(Modules.Registry.RegistryModule.CreditCodeClaim, code));
        return identity;
    }
}

/// <summary>A deactivated user cannot sign in, by page or by token.</summary>
public sealed class AppSignInManager(
    UserManager<AppUser> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<AppUser> factory,
    IOptions<IdentityOptions> options, ILogger<SignInManager<AppUser>> logger,
    Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemes, IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(users, context, factory, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) => user.IsActive && await base.CanSignInAsync(user);
}
