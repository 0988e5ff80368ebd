using System.Net;
using Jianguan.Tests.Infrastructure;
using Jianguan.Tests.Modules.Credit;

namespace Jianguan.Tests.Modules.Inspections;

/// <summary>The pages of 掌上执法: the phone app's shell and token, the department's inspections page, the entity's QR code.</summary>
public abstract class InspectionPageTests(JianguanApp app)
{
    [Fact]
    public async Task The_phone_app_is_an_installable_shell_for_officers_and_hands_out_a_token_only_with_the_antiforgery_token()
    {
        var officer = await PageClient.SignedIn(app, "officer");
        var shell = await officer.Get("/m/");
        Assert.Equal(HttpStatusCode.OK, shell.StatusCode);
        var html = await shell.Content.ReadAsStringAsync();
        Assert.Contains("rel=\"manifest\" href=\"/m/manifest.webmanifest\"", html);
        Assert.Contains("data-officer-id=\"1\"", html);
        var manifest = await officer.Get("/m/manifest.webmanifest");
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        Assert.Contains("\"start_url\": \"/m/\"", await manifest.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await officer.Get("/m/sw.js")).StatusCode);

        // The token needs the page's antiforgery token, as the app sends it; a bare POST from elsewhere gets none.
        var antiforgery = System.Text.RegularExpressions.Regex.Match(html, "<meta name=\"antiforgery\" content=\"([^\"]+)\"").Groups[1].Value;
        var request = new HttpRequestMessage(HttpMethod.Post, "/m/token");
        request.Headers.Add("RequestVerificationToken", WebUtility.HtmlDecode(antiforgery));
        var token = await officer.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Contains("accessToken", await token.Content.ReadAsStringAsync());
        var bare = await officer.Http.PostAsync("/m/token", null);
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);

        // Not for the public.
        var anonymous = await PageClient.Anonymous(app).Get("/m/");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Staff_see_their_departments_inspections_page_and_print_an_entitys_qr_code()
    {
        var manager = await PageClient.SignedIn(app, "manager");
        var page = await manager.Get("/Inspections");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("逾期未整改的责令改正", html);
        Assert.Contains("掌上执法使用率", html);

        var entity = await CreditApiData.NewEntityAsync(app);
        var qr = await manager.Get($"/Registry/EntityQr/{entity.CreditCode}");
        Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await qr.Content.ReadAsStringAsync());
        Assert.Contains($"/Registry/EntityQr/{entity.CreditCode}", await (await manager.Get($"/Registry/Entity?code={entity.CreditCode}")).Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.OK, (await PageClient.Anonymous(app).Get($"/Registry/EntityQr/{entity.CreditCode}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await PageClient.Anonymous(app).Get("/Inspections")).StatusCode);
    }
}

public sealed class InspectionPageTests_Sqlite(SqliteApp app) : InspectionPageTests(app), IClassFixture<SqliteApp>;
public sealed class InspectionPageTests_Postgres(PostgresApp app) : InspectionPageTests(app), IClassFixture<PostgresApp>;
