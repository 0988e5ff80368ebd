using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Jianguan.Tests.Infrastructure;

/// <summary>A browser-like client for the server-rendered pages: cookies, and the antiforgery token of each form.</summary>
public sealed partial class PageClient
{
    public HttpClient Http { get; }

    private PageClient(HttpClient http) => Http = http;

    public static PageClient Anonymous(JianguanApp app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public static async Task<PageClient> SignedIn(JianguanApp app, string userName, string password = JianguanApp.DemoPassword)
    {
        var client = Anonymous(app);
        var response = await client.PostForm("/Account/Login", new() { ["UserName"] = userName, ["Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {userName} failed: {(int)response.StatusCode}");
        return client;
    }

    public async Task<HttpResponseMessage> Get(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        return await Http.SendAsync(request);
    }

    /// <summary>Loads the page, takes its antiforgery token and posts the form, as a browser would.</summary>
    public async Task<HttpResponseMessage> PostForm(string path, Dictionary<string, string> fields)
    {
        var page = await (await Get(path)).Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"no antiforgery token on {path}");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("text/html");
        return await Http.SendAsync(request);
    }

    /// <summary>As <see cref="PostForm"/>, with a file, as a browser posts a multipart form.</summary>
    public async Task<HttpResponseMessage> PostFile(string path, string field, string fileName, byte[] content, Dictionary<string, string> fields)
    {
        var page = await (await Get(path)).Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"no antiforgery token on {path}");
        var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" },
            { new ByteArrayContent(content), field, fileName },
        };
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        request.Headers.Accept.ParseAdd("text/html");
        return await Http.SendAsync(request);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
