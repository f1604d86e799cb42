using Bunit;
using Lottery.Web.Components.Pages.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Lottery.Web.Tests.Support;

namespace Lottery.Web.Tests.Components;

public sealed class LoginPageTests : MudTestContext
{
    public LoginPageTests()
    {
    }

    [Fact]
    public void Login_page_shows_the_invalid_credentials_alert()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/account/login?error=invalid&returnUrl=%2Fadmin");

        var page = Render<Login>();

        var alert = page.Find("[data-testid=login-error]");
        Assert.Equal("alert", alert.GetAttribute("role"));
        Assert.Contains("That email and password do not match a staff account.", alert.TextContent, StringComparison.Ordinal);
        Assert.Equal("/admin", page.Find("input[name=returnUrl]").GetAttribute("value"));
    }

    [Fact]
    public void Login_page_shows_no_alert_before_a_failed_attempt()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/account/login");

        var page = Render<Login>();

        Assert.Empty(page.FindAll("[data-testid=login-error]"));
        Assert.NotNull(page.Find("form[method=post][action='/account/login'] input[name=username][autocomplete=username]"));
        Assert.NotNull(page.Find("input[name=password][type=password]"));
    }
}
