namespace Jianguan.Web.Platform.Auth;

/// <summary>Bearer tokens for the mobile app and integrations, and sign-in limits.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>HMAC-SHA256 key for access tokens, at least 32 characters. Required outside demo mode, where a random one is made per start.</summary>
    public string? SigningKey { get; set; }
    public string Issuer { get; set; } = "jianguan";
    public string Audience { get; set; } = "jianguan-api";
    public int TokenLifetimeMinutes { get; set; } = 60;
    /// <summary>Sign-in attempts (page and token endpoint) allowed per client address per minute.</summary>
    public int SignInPermitsPerMinute { get; set; } = 20;
    public int MaxFailedAccessAttempts { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
}
