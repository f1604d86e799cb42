using System.Net;
using System.Web;
using Lottery.Infrastructure.Identity;
using Lottery.Infrastructure.Persistence.Seeding;
using Lottery.Web.Tests.Support;

namespace Lottery.Web.Tests.Api;

[Collection(SharedApp.Name)]
public sealed class StaffSignInTests(LotteryAppFactory app)
{
    private static readonly Uri SiteRoot = new("http://localhost/");

    [Fact]
    public async Task Admin_area_redirects_an_anonymous_visitor_to_the_login_page()
    {
        using var browser = new StaffBrowser(app);

        using var response = await browser.Http.GetAsync(new Uri("/admin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Location(response);
        Assert.Equal("/account/login", location.AbsolutePath);
        Assert.Equal("/admin", HttpUtility.ParseQueryString(location.Query)["returnUrl"]);
    }

    [Fact]
    public async Task Login_post_without_an_antiforgery_token_is_rejected()
    {
        using var browser = new StaffBrowser(app);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = DemoOptions.MarketerEmail,
            ["password"] = StaffBrowser.DemoPassword,
        });

        using var response = await browser.Http.PostAsync(new Uri("/account/login", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("lottery.staff=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Login_with_a_wrong_password_goes_back_to_the_login_page_with_an_error()
    {
        using var browser = new StaffBrowser(app);

        using var response = await browser.SignInAsync(DemoOptions.ManagerEmail, "not-the-password");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Location(response);
        Assert.Equal("/account/login", location.AbsolutePath);
        Assert.Equal("invalid", HttpUtility.ParseQueryString(location.Query)["error"]);
        Assert.False(await CanOpenAdminAsync(browser));

        var page = await browser.GetPageAsync(location.PathAndQuery);
        var alert = page.QuerySelector("[data-testid=login-error]");
        Assert.NotNull(alert);
        Assert.Contains("do not match a staff account", alert.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_with_the_right_password_sets_the_cookie_and_shows_the_tenants_activities()
    {
        using var browser = new StaffBrowser(app);

        using var response = await browser.SignInAsync(DemoOptions.MarketerEmail, StaffBrowser.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", RawLocation(response));
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), v => v.StartsWith("lottery.staff=", StringComparison.Ordinal));

        var admin = await browser.GetPageAsync("/admin");
        var grid = admin.QuerySelector("[data-testid=activity-grid]");
        Assert.NotNull(grid);
        var rows = grid.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains(DemoSeeder.InstantActivityName, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(DemoSeeder.ScheduledActivityName, StringComparison.Ordinal));
        Assert.Equal("Mia Marketer", admin.QuerySelector("[data-testid=user-name]")?.TextContent.Trim());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Login_succeeds_with_keep_me_signed_in_ticked_or_not_and_only_ticked_makes_the_cookie_persistent(bool rememberMe)
    {
        using var browser = new StaffBrowser(app);

        using var response = await browser.SignInAsync(DemoOptions.ManagerEmail, StaffBrowser.DemoPassword, rememberMe: rememberMe);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", RawLocation(response));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), v => v.StartsWith("lottery.staff=", StringComparison.Ordinal));
        Assert.Equal(rememberMe, cookie.Contains("expires=", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Staff_of_another_tenant_see_none_of_the_demo_tenants_activities()
    {
        var email = $"marketer-{Guid.NewGuid():N}@other.local";
        await StaffAccounts.CreateInNewTenantAsync(app.Services, email, Roles.Marketer, "Olive Other");
        using var browser = new StaffBrowser(app);

        using var response = await browser.SignInAsync(email, StaffBrowser.DemoPassword);
        Assert.Equal("/admin", RawLocation(response));
        var admin = await browser.GetPageAsync("/admin");

        var grid = admin.QuerySelector("[data-testid=activity-grid]");
        Assert.NotNull(grid);
        Assert.DoesNotContain(DemoSeeder.InstantActivityName, grid.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoSeeder.ScheduledActivityName, grid.TextContent, StringComparison.Ordinal);
        Assert.Contains("No activities", grid.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task Login_refuses_to_redirect_off_site_and_goes_to_the_admin_area(string returnUrl)
    {
        using var browser = new StaffBrowser(app);

        using var response = await browser.SignInAsync(DemoOptions.AdminEmail, StaffBrowser.DemoPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", RawLocation(response));
    }

    [Fact]
    public async Task Sign_out_clears_the_cookie_and_the_admin_area_asks_for_login_again()
    {
        using var browser = new StaffBrowser(app);
        using (await browser.SignInAsync(DemoOptions.ManagerEmail, StaffBrowser.DemoPassword))
        {
        }

        var admin = await browser.GetPageAsync("/admin");
        var token = admin.QuerySelector("form[action='/account/logout'] input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.NotNull(token);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["returnUrl"] = "/" });
        using var response = await browser.Http.PostAsync(new Uri("/account/logout", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", RawLocation(response));
        Assert.False(await CanOpenAdminAsync(browser));
    }


    private static async Task<bool> CanOpenAdminAsync(StaffBrowser browser)
    {
        using var response = await browser.Http.GetAsync(new Uri("/admin", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>The redirect target as sent (relative for local redirects, absolute for the cookie handler's challenge).</summary>
    private static string? RawLocation(HttpResponseMessage response) => response.Headers.Location?.OriginalString;

    private static Uri Location(HttpResponseMessage response) =>
        response.Headers.Location is { } location
            ? location.IsAbsoluteUri ? location : new Uri(SiteRoot, location)
            : throw new Xunit.Sdk.XunitException($"No Location header on a {(int)response.StatusCode} response.");
}
