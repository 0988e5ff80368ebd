using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jianguan.BrowserTests;

/// <summary>Signing in and out, refusals, and the login page by keyboard.</summary>
public sealed class AccountTests(BrowserApp app) : BrowserTest(app)
{
    [Theory]
    [InlineData("admin", "系统管理员")]
    [InlineData("manager", "市场监管局管理员")]
    [InlineData("officer", "市场监管局执法人员")]
    [InlineData("reviewer", "市场监管局法制审核员")]
    [InlineData("head", "市场监管局负责人")]
    [InlineData("committee", "协调委员会办公室")]
    [InlineData("business", "金华市婺城区示范餐饮有限公司")]
    [InlineData("zhzf.manager", "综合行政执法局管理员")]
    [InlineData("zhzf.officer", "综合行政执法局执法人员")]
    public async Task Each_demo_user_signs_in_through_the_form_is_welcomed_by_name_and_signs_out_again(string userName, string displayName)
    {
        var page = await NewPageAsync();

        await SubmitLoginAsync(page, userName);

        await Expect(page).ToHaveURLAsync(App.BaseUrl + "/");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"欢迎，{displayName}");
        if (userName == "business")
        {
            // A business is not staff: no department figures, but the company it speaks for.
            await Expect(page.Locator(".card")).ToHaveCountAsync(0);
            await Expect(page.GetByText("91330702MA2E6WYQ2T")).ToBeVisibleAsync();
        }
        else
        {
            var onDuty = page.Locator(".card", new() { HasTextString = "在岗执法人员" }).Locator(".value");
            Assert.True(int.Parse(await onDuty.InnerTextAsync()) > 0, "every demo department has officers on duty");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("登录");
        // The session is really over: the home page sends the visitor back to the login form.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl=%2F$"));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_Chinese_and_the_login_form_stays()
    {
        var page = await NewPageAsync();

        await SubmitLoginAsync(page, "reviewer", "Wrong#Password2026");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("用户名或密码错误");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("登录");
        await Expect(page.GetByLabel("用户名")).ToHaveValueAsync("reviewer"); // no retyping the name
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "退出登录" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_officer_opening_user_management_gets_the_access_denied_page()
    {
        var page = await PageForAsync("officer");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "用户管理" })).ToHaveCountAsync(0); // not offered

        var response = await page.GotoAsync("/Organization/Users");

        Assert.Equal(403, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("无权访问");
        await Expect(page.GetByRole(AriaRole.Table)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_login_page_works_by_keyboard_starting_with_the_skip_link()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/Account/Login");

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "跳到主要内容" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync(); // hidden off-screen until focused, then shown

        // The skip link jumps past the header; the next Tab lands in the form, field by labelled field.
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("用户名")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("officer");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("密码")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(BrowserApp.DemoPassword);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("h1")).ToHaveTextAsync("欢迎，市场监管局执法人员");
    }
}
