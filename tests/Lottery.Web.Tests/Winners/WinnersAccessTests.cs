using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CsvHelper;
using Lottery.Infrastructure.Identity;
using Lottery.Infrastructure.Persistence;
using Lottery.Infrastructure.Persistence.Seeding;
using Lottery.Web.Features.Reports;
using Lottery.Web.Features.Winners;
using Lottery.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Web.Tests.Winners;

/// <summary>Who sees winners' personal data, and who sees nothing at all, through the staff pages' downloads and pages.</summary>
[Collection(SharedApp.Name)]
public sealed class WinnersAccessTests(LotteryAppFactory app)
{
    // A phone and door of this test's own (ending in 00 as before): one door or phone across players of the demo
    // tenant would be held for review (decision 028).
    private readonly string _phone = $"+86 138 {Random.Shared.Next(1000, 9999)} {Random.Shared.Next(10, 99)}00";
    private readonly string _door = $"1 Century Avenue, block {Guid.NewGuid().ToString("N")[..6]}";

    [Fact]
    public async Task A_manager_exports_winners_with_claim_details_and_a_marketer_gets_them_masked()
    {
        var activity = await ClaimedWinAsync();

        using var manager = await SignedInAsync(DemoOptions.ManagerEmail);
        var full = Read(await GetCsvAsync(manager, $"/activities/{activity}/winners.csv"));
        var row = Assert.Single(full);
        Assert.Equal(("Li Lei", _phone, "Claimed"), (row.RecipientName, row.Phone, row.Status));
        Assert.Contains("1 Century Avenue", row.Address, StringComparison.Ordinal);
        Assert.Equal("M***a", row.Player);

        using var marketer = await SignedInAsync(DemoOptions.MarketerEmail);
        var masked = Assert.Single(Read(await GetCsvAsync(marketer, $"/activities/{activity}/winners.csv")));
        Assert.Equal(("L***i", "•••• ••00", "(hidden)"), (masked.RecipientName, masked.Phone, masked.Address));
        Assert.Equal(row.WinId, masked.WinId);
        var page = await marketer.GetPageAsync($"/activities/{activity}/winners");
        Assert.DoesNotContain("Li Lei", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(_phone[8..], page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenants_manager_gets_not_found_for_the_winners_page_the_exports_and_the_board()
    {
        var activity = await ClaimedWinAsync();
        var email = $"other-manager-{Guid.NewGuid():N}@other.local";
        await StaffAccounts.CreateInNewTenantAsync(app.Services, email, Roles.Manager, "Oscar Other");

        using var other = await SignedInAsync(email);
        foreach (var url in new[]
        {
            $"/activities/{activity}/winners.csv", $"/reports/{activity}/days.csv", $"/activities/{activity}/winners",
            $"/admin/activities/{activity}/winners", $"/board/{activity}",
        })
        {
            using var response = await other.Http.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_report_csv_download_of_a_signed_in_manager_has_the_activitys_draws_per_day()
    {
        var activity = await ClaimedWinAsync();
        using var manager = await SignedInAsync(DemoOptions.ManagerEmail);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var csv = await GetCsvAsync(manager, $"/reports/{activity}/days.csv?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}");

        using var reader = CsvReader.FromText(csv, null);
        Assert.Equal([new DayRow(today, 1, 1, 1)], reader.GetRecords<DayRow>().ToList());
    }

    [Fact]
    public async Task Marking_a_prize_shipped_is_audited_with_the_state_before_and_after()
    {
        var activity = await ClaimedWinAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var tenantId = await TenantOfAsync(scope, activity);
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(tenantId);
        var winners = scope.ServiceProvider.GetRequiredService<WinnerQueries>();
        var win = Assert.Single((await winners.ListAsync(activity, new WinnerFilter(), personalData: true, CancellationToken.None))!);
        Assert.True(win.CanShip);

        var commands = scope.ServiceProvider.GetRequiredService<WinnerCommands>();
        Assert.True((await commands.MarkShippedAsync(activity, win.WinId, " SF123456 ", "manager@demo.local", CancellationToken.None)).IsSuccess);
        Assert.False((await commands.MarkShippedAsync(activity, win.WinId, "again", "manager@demo.local", CancellationToken.None)).IsSuccess);

        var shipped = Assert.Single((await winners.ListAsync(activity, new WinnerFilter("SF123"), personalData: false, CancellationToken.None))!);
        Assert.Equal(("SF123456", true), (shipped.Claim!.TrackingNumber, shipped.CanDeliver));
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync();
        var audit = await db.Audit.SingleAsync(a => a.ActivityId == activity && a.Action == "win.ship");
        Assert.Equal("manager@demo.local", audit.Actor);
        Assert.Equal("Claimed", JsonDocument.Parse(audit.Before!).RootElement.GetProperty("status").GetString());
        var after = JsonDocument.Parse(audit.After!).RootElement;
        Assert.Equal(("Shipped", "SF123456"), (after.GetProperty("status").GetString(), after.GetProperty("trackingNumber").GetString()));
    }

    /// <summary>A new demo-tenant activity with one physical win, claimed with an address.</summary>
    private async Task<Guid> ClaimedWinAsync()
    {
        var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", app.Services.GetRequiredService<IConfiguration>()["Demo:ApiKey"]);
        var id = await Api.ApiSteps.CreateRunningAsync(admin, Api.ApiSteps.Definition(prize: "Hoodie " + Guid.NewGuid().ToString("N")[..6], stock: 5, chances: 1));
        var player = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var session = await (await player.PostAsJsonAsync("/api/player/sessions", new { nickname = "Mia" })).Content.ReadFromJsonAsync<JsonElement>();
        player.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("token").GetString());
        var draw = await (await Api.ApiSteps.DrawAsync(player, id)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(draw.GetProperty("won").GetBoolean());
        var wins = await player.GetFromJsonAsync<JsonElement>($"/api/me/wins?activityId={id}");
        var winId = wins[0].GetProperty("id").GetGuid();
        var claim = await player.PostAsJsonAsync($"/api/me/wins/{winId}/claim", new
        {
            recipientName = "Li Lei", phone = _phone, line1 = _door, city = "Shanghai", postalCode = "200120", country = "China",
        });
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        return id;
    }

    private async Task<StaffBrowser> SignedInAsync(string email)
    {
        var browser = new StaffBrowser(app);
        using var response = await browser.SignInAsync(email, StaffBrowser.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    private static async Task<string> GetCsvAsync(StaffBrowser browser, string url)
    {
        using var response = await browser.Http.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static List<WinnerExportRow> Read(string csv)
    {
        using var reader = CsvReader.FromText(csv, null);
        return [.. reader.GetRecords<WinnerExportRow>()];
    }

    private static async Task<Guid> TenantOfAsync(AsyncServiceScope scope, Guid activity)
    {
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync();
        return await db.Activities.IgnoreQueryFilters().Where(a => a.Id == activity).Select(a => a.TenantId).SingleAsync();
    }
}
