using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jianguan.BrowserTests;

/// <summary>
/// What every browser test needs: fresh pages, each in a browser context of its own (no cookies shared
/// between tests), closed when the test ends; and signing in the way a person does, through the form.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserApp app) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected BrowserApp App { get; } = app;

    protected async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var page = await App.NewPageAsync(viewport);
        _contexts.Add(page.Context);
        return page;
    }

    /// <summary>A new page signed in as <paramref name="userName"/>, on the home page.</summary>
    protected async Task<IPage> PageForAsync(string userName, ViewportSize? viewport = null)
    {
        var page = await NewPageAsync(viewport);
        await SubmitLoginAsync(page, userName);
        // Wait for the home page, so that the caller's next step runs with the cookie set.
        await Expect(page.Locator("h1")).ToHaveTextAsync(new Regex("^欢迎，"));
        return page;
    }

    /// <summary>Fills the login form and submits it; the caller checks where that lands.</summary>
    protected static async Task SubmitLoginAsync(IPage page, string userName, string password = BrowserApp.DemoPassword)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
    }

    /// <summary>Whether the page can be scrolled sideways as a whole (a table may still scroll inside its wrapper).</summary>
    protected static Task<bool> BodyOverflowsSidewaysAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.body.scrollWidth > window.innerWidth");

    /// <summary>For a person to look at (Chinese text, layout); kept with the test output, not in the repository.</summary>
    protected static async Task SaveScreenshotAsync(IPage page, string fileName)
    {
        Directory.CreateDirectory(BrowserApp.ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, fileName), FullPage = true });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.CloseAsync();
    }
}
