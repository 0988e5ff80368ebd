using System.Security.Claims;
using System.Text;
using System.Threading.RateLimiting;
using Jianguan.Web.Platform.Data;
using Jianguan.Web.Platform.Errors;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Jianguan.Web.Platform.Auth;

public static class AuthModule
{
    public const string SignInRateLimit = "sign-in";

    public static WebApplicationBuilder AddPlatformAuth(this WebApplicationBuilder builder, bool demo)
    {
        var options = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            if (!demo)
                throw new InvalidOperationException("Auth:SigningKey is required outside demo mode (at least 32 characters).");
            // Demo only: tokens die with the process, which is what a demo wants.
            options.SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        }
        if (options.SigningKey.Length < 32)
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 characters.");
        builder.Services.AddSingleton(options);

        builder.Services.AddDataProtection().PersistKeysToDbContext<AppDbContext>().SetApplicationName("Jianguan");
        builder.Services
            .AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = options.MaxFailedAccessAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(options.LockoutMinutes);
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddSignInManager<AppSignInManager>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddDefaultTokenProviders();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "jianguan.auth";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        // Deactivating a user or changing a password ends cookie sessions within a minute.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        builder.Services.AddAuthentication()
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey)),
                    NameClaimType = ClaimTypes.Name,
                    RoleClaimType = ClaimTypes.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = ValidateUserStillAllowedAsync,
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        var detail = context.AuthenticateFailure switch
                        {
                            SecurityTokenExpiredException expired => $"访问令牌已于 {expired.Expires:yyyy-MM-dd HH:mm:ss} (UTC) 过期，请重新获取。",
                            null when string.IsNullOrEmpty(context.Request.Headers.Authorization) => "需要登录：请在 Authorization 头中提供 Bearer 访问令牌（POST /api/v1/auth/token 获取）。",
                            { } failure when failure.Message.StartsWith("用户", StringComparison.Ordinal) => failure.Message,
                            _ => "访问令牌无效。",
                        };
                        await Problems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "未认证", detail);
                    },
                    OnForbidden = context =>
                        Problems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "无权操作", "当前角色无权访问此功能。"),
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Staff))
            .AddPolicy(Policies.Administrator, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.ManageOfficers, p => p.RequireRole(Roles.Administrator, Roles.DepartmentManager))
            .AddPolicy(Policies.MaintainRegistry, p => p.RequireRole(Roles.Administrator, Roles.DepartmentManager));

        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => new ValueTask(Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
                "请求过于频繁", "登录尝试过于频繁，请一分钟后再试。"));
            o.AddPolicy(SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInPermitsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        builder.Services.AddScoped<TokenIssuer>();
        return builder;
    }

    /// <summary>
    /// A token outlives nothing: a deactivated, locked-out or re-credentialed user loses access at once. Checked on
    /// every bearer request, so it reads the four columns it needs rather than loading the user through
    /// <see cref="UserManager{TUser}"/> (whose construction and full row cost a fifth of an API request).
    /// </summary>
    private static async Task ValidateUserStillAllowedAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var user = id is null ? null : await StandingOf.RunAsync(services.GetRequiredService<AppDbContext>(), id, context.HttpContext.RequestAborted);
        var stamp = context.Principal?.FindFirstValue(new IdentityOptions().ClaimsIdentity.SecurityStampClaimType);
        if (user is null || !user.IsActive)
            context.Fail("用户不存在或已停用。");
        // As UserManager.IsLockedOutAsync decides it.
        else if (user.LockoutEnabled && user.LockoutEnd >= services.GetRequiredService<TimeProvider>().GetUtcNow())
            context.Fail("用户已被锁定。");
        else if (stamp != user.SecurityStamp)
            context.Fail("用户凭据已变更，请重新获取访问令牌。");
    }

    private static readonly CompiledQuery<string, UserStanding?> StandingOf = new((db, id, _) => db.Users.AsNoTracking().Where(u => u.Id == id)
        .Select(u => new UserStanding(u.IsActive, u.LockoutEnabled, u.LockoutEnd, u.SecurityStamp)).FirstOrDefault());

    private sealed record UserStanding(bool IsActive, bool LockoutEnabled, DateTimeOffset? LockoutEnd, string? SecurityStamp);

    public static IEndpointRouteBuilder MapPlatformAuth(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/auth").WithTags("Auth");
        api.MapPost("/token", IssueTokenAsync)
            .AllowAnonymous()
            .RequireRateLimiting(SignInRateLimit)
            .WithName("IssueToken")
            .WithSummary("Exchange a user name and password for a bearer access token")
            .Produces<TokenResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        app.MapGroup("/api/v1").RequireAuthorization(ApiAuthorization.Authenticated).WithTags("Auth")
            .MapGet("/me", GetMe).WithName("GetCurrentUser").WithSummary("The signed-in user, its roles and department");
        return app;
    }

    public sealed record TokenRequest(string? UserName, string? Password);
    public sealed record TokenResponse(string AccessToken, int ExpiresIn, string TokenType);
    public sealed record MeResponse(string Id, string UserName, string DisplayName, int? DepartmentId, IReadOnlyList<string> Roles);

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request, UserManager<AppUser> users, SignInManager<AppUser> signIn, TokenIssuer issuer)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName)) errors["userName"] = ["必填：用户名。"];
        if (string.IsNullOrEmpty(request.Password)) errors["password"] = ["必填：密码。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "请求参数有误");

        var user = await users.FindByNameAsync(request.UserName!);
        if (user is null)
            return Problems.Unauthorized("用户名或密码错误。");
        var result = await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);
        if (result.IsLockedOut)
            return Problems.Unauthorized($"账户因多次密码错误已被锁定，请于 {user.LockoutEnd:yyyy-MM-dd HH:mm} (UTC) 后再试。");
        if (result.IsNotAllowed)
            return Problems.Unauthorized("账户已停用。");
        if (!result.Succeeded)
            return Problems.Unauthorized("用户名或密码错误。");
        return TypedResults.Ok(await issuer.IssueAsync(user));
    }

    private static async Task<Ok<MeResponse>> GetMe(ClaimsPrincipal principal, UserManager<AppUser> users)
    {
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("authenticated user vanished");
        return TypedResults.Ok(new MeResponse(user.Id, user.UserName!, user.DisplayName, user.DepartmentId, [.. await users.GetRolesAsync(user)]));
    }
}

/// <summary>Issues bearer tokens with the same claims as the sign-in cookie.</summary>
public sealed class TokenIssuer(IUserClaimsPrincipalFactory<AppUser> principals, AuthOptions options, TimeProvider time)
{
    public async Task<AuthModule.TokenResponse> IssueAsync(AppUser user)
    {
        var principal = await principals.CreateAsync(user);
        var now = time.GetUtcNow().UtcDateTime;
        var lifetime = TimeSpan.FromMinutes(options.TokenLifetimeMinutes);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = (ClaimsIdentity)principal.Identity!,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey!)), SecurityAlgorithms.HmacSha256),
        });
        return new AuthModule.TokenResponse(token, (int)lifetime.TotalSeconds, "Bearer");
    }
}

/// <summary>The policies API groups require: bearer tokens only, so that no cookie can be ridden by another site (CSRF).</summary>
public static class ApiAuthorization
{
    public static readonly Microsoft.AspNetCore.Authorization.AuthorizationPolicy Authenticated =
        new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build();

    public static Microsoft.AspNetCore.Authorization.AuthorizationPolicy InRoles(params string[] roles) =>
        new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireRole(roles).Build();
}
