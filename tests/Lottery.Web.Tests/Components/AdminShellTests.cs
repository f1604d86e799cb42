using System.Security.Claims;
using Bunit;
using Lottery.Domain.Activities;
using Lottery.Infrastructure.Identity;
using Lottery.Web.Components.Layout;
using Lottery.Web.Components.Shared;
using Lottery.Web.Theme;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Lottery.Web.Tests.Support;

namespace Lottery.Web.Tests.Components;

public sealed class AdminShellTests : MudTestContext
{
    public AdminShellTests()
    {
    }

    [Fact]
    public void Admin_layout_shows_the_signed_in_staff_members_name_role_and_a_sign_out_form()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("marketer@demo.local");
        auth.SetRoles(Roles.Marketer);
        auth.SetClaims(new Claim(LotteryClaimTypes.DisplayName, "Mia Marketer"));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/admin");
        // As prerendered on the HTTP request (the circuit re-renders the same markup).
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var layout = Render<AdminLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id=\"page\">Page body</p>"))));

        Assert.Equal("Mia Marketer", layout.Find("[data-testid=user-name]").TextContent);
        Assert.Equal("Marketer", layout.Find("[data-testid=user-role]").TextContent);
        Assert.Equal("MM", layout.Find("[data-testid=user-initials]").TextContent);
        var signOut = layout.Find("form[method=post][action='/account/logout']");
        // bUnit supplies no antiforgery token; the HTTP test Sign_out_clears_the_cookie... checks the real one.
        Assert.Equal("/", signOut.QuerySelector("input[name=returnUrl]")?.GetAttribute("value"));
        Assert.NotNull(signOut.QuerySelector("button[type=submit]"));
        Assert.Equal("Page body", layout.Find("main #page").TextContent);
        Assert.NotNull(layout.Find("header a.brand[href='/admin']"));
        Assert.Equal("false", layout.Find(".admin-shell").GetAttribute("data-interactive"));
        Assert.Contains(layout.FindAll("nav a"), a => a.GetAttribute("href") == "/admin" && a.TextContent.Contains("Activities", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("admin", true)]
    [InlineData("admin/", true)]
    [InlineData("admin?status=Draft", true)]
    [InlineData("admin/activities", true)]
    [InlineData("admin/activities/new?template=daily-spin", true)]
    [InlineData("admin/activities/0b1c2d3e-0000-0000-0000-000000000001", true)]
    [InlineData("admin/prizes", false)]
    [InlineData("admin/prizes/0b1c2d3e-0000-0000-0000-000000000001", false)]
    [InlineData("admin/audit?activity=0b1c2d3e-0000-0000-0000-000000000001", false)]
    [InlineData("admin/activitiesx", false)]
    [InlineData("", false)]
    public void The_activities_nav_item_is_current_on_the_list_and_on_every_activity_page_only(string path, bool current)
    {
        Assert.Equal(current, AdminLayout.IsActivitiesPath(path));
    }

    [Theory]
    [InlineData("/admin/activities/0b1c2d3e-0000-0000-0000-000000000001", "Activities")]
    [InlineData("/admin", "Activities")]
    [InlineData("/admin/prizes", "Prizes")]
    [InlineData("/admin/audit", "Audit log")]
    public void Exactly_one_nav_item_is_highlighted_and_it_follows_navigation(string url, string highlighted)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("marketer@demo.local");
        auth.SetRoles(Roles.Marketer);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/admin/audit");
        var layout = Render<AdminLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p>Page</p>"))));

        navigation.NavigateTo(url);

        layout.WaitForAssertion(() => Assert.Equal([highlighted],
            layout.FindAll("nav .mud-nav-link.active, nav .mud-nav-item.active .mud-nav-link").Select(e => e.TextContent.Trim()).Distinct()));
    }

    [Theory]
    [InlineData("Mia Marketer", "MM")]
    [InlineData("ada", "A")]
    [InlineData("  Jean-Luc   Picard  Third ", "JP")]
    [InlineData("", "?")]
    public void User_menu_initials_are_the_first_letters_of_up_to_two_names(string name, string initials)
    {
        Assert.Equal(initials, UserMenu.Initials(name));
    }

    [Fact]
    public void User_menu_without_a_role_shows_only_the_name()
    {
        var menu = Render<UserMenu>(p => p.Add(m => m.DisplayName, "Olive Other"));

        Assert.Equal("Olive Other", menu.Find("[data-testid=user-name]").TextContent);
        Assert.Empty(menu.FindAll("[data-testid=user-role]"));
    }

    [Theory]
    [InlineData(ActivityStatus.Running, "status-running", Tone.Success)]
    [InlineData(ActivityStatus.Open, "status-open", Tone.Success)]
    [InlineData(ActivityStatus.Paused, "status-paused", Tone.Warning)]
    [InlineData(ActivityStatus.Published, "status-published", Tone.Info)]
    // Cancelled is not an error: red (Danger) is kept for errors and danger only (issue 13).
    [InlineData(ActivityStatus.Cancelled, "status-cancelled", Tone.Neutral)]
    public void Status_badge_names_the_status_and_colours_it_by_its_meaning(ActivityStatus status, string cssClass, Tone tone)
    {
        var badge = Render<StatusBadge>(p => p.Add(b => b.Status, status));

        var span = badge.Find("[data-testid=status-badge]");
        Assert.Contains(cssClass, span.ClassList);
        Assert.Contains(Tones.CssClass(tone), span.ClassList);
        Assert.Equal(status.ToString(), span.TextContent.Trim());
    }

    [Fact]
    public void A_moment_shows_its_date_time_and_offset_with_a_machine_readable_datetime()
    {
        var at = new DateTimeOffset(2026, 11, 21, 22, 24, 0, TimeSpan.Zero);

        var when = Render<When>(p => p.Add(w => w.At, at));

        var time = when.Find("time");
        Assert.Equal("2026-11-21T22:24:00.0000000+00:00", time.GetAttribute("datetime"));
        Assert.Contains("22:24 UTC", time.TextContent, StringComparison.Ordinal);
    }
}
