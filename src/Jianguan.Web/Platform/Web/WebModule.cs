using Jianguan.Web.Platform.Auth;

namespace Jianguan.Web.Platform.Web;

/// <summary>The HTTP pipeline shared by pages and API: pages, OpenAPI, health, security headers.</summary>
public static class WebModule
{
    public static WebApplicationBuilder AddPlatformWeb(this WebApplicationBuilder builder)
    {
        // Chinese text goes out as characters, not as &#x...; entities (smaller pages, readable source).
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // Kestrel reads uploads (evidence photos, registry files) in 64 KB blocks instead of 4 KB ones.
        builder.Services.AddSingleton<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToFolder("/Account");
            o.Conventions.AuthorizeFolder("/Organization", Policies.Staff);
            o.Conventions.AuthorizeFolder("/Organization/Departments", Policies.Administrator);
            o.Conventions.AuthorizeFolder("/Organization/Users", Policies.Administrator);
            o.Conventions.AuthorizeFolder("/Audit", Policies.Administrator);
            o.Conventions.AuthorizeFolder("/Registry", Policies.Staff);
            o.Conventions.AuthorizePage("/Registry/Edit", Policies.MaintainRegistry);
            o.Conventions.AuthorizePage("/Registry/Import", Policies.MaintainRegistry);
            o.Conventions.AuthorizePage("/Registry/ImportJob", Policies.MaintainRegistry);
            // Credit: Mine (Business) and RiskModel (its roles) say who on their page models.
            o.Conventions.AuthorizePage("/Credit/Entity", Policies.Staff);
            o.Conventions.AuthorizePage("/Credit/Listings", Policies.Staff);
            o.Conventions.AuthorizeFolder("/SpotChecks", Policies.Staff);
            o.Conventions.AuthorizeFolder("/Mobile", Policies.Staff);
            o.Conventions.AuthorizeFolder("/Inspections", Policies.Staff);
        });
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Jianguan 监管 API";
            document.Info.Description = "事中事后监管平台的接口。Authenticate with POST /api/v1/auth/token, then send `Authorization: Bearer <token>`. Errors are RFC 9457 problem details.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static WebApplication UsePlatformWeb(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; frame-ancestors 'none'; form-action 'self'";
            await next();
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapPlatformPages(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapRazorPages();
        return app;
    }
}
