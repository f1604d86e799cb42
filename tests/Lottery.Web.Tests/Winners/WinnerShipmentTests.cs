using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lottery.Domain.Draws;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Winners;
using Lottery.Web.Tests.Api;
using Lottery.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Web.Tests.Winners;

/// <summary>Shipping several winners at once against the real database: all of them, audited one by one, or none.</summary>
[Collection(SharedApp.Name)]
public sealed class WinnerShipmentTests(LotteryAppFactory app)
{
    [Fact]
    public async Task Shipping_several_winners_ships_each_with_its_number_and_audits_each_like_a_single_change()
    {
        var (activity, wins) = await WinnersAsync(claimed: 2, unclaimed: 0);
        await using var scope = await TenantScopeAsync(activity);
        var commands = scope.ServiceProvider.GetRequiredService<WinnerCommands>();

        var result = await commands.ShipManyAsync(activity, [new Shipment(wins[0], "SF-A"), new Shipment(wins[1], " SF-B ")], "manager@demo.local", CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var lines = await scope.ServiceProvider.GetRequiredService<WinnerQueries>().ListAsync(activity, new WinnerFilter(), true, CancellationToken.None);
        Assert.Equal([(wins[0], WinStatus.Shipped, "SF-A"), (wins[1], WinStatus.Shipped, "SF-B")],
            lines!.OrderBy(l => wins.IndexOf(l.WinId)).Select(l => (l.WinId, l.Status, l.Claim!.TrackingNumber)));
        var audit = await AuditAsync(activity);
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal(("manager@demo.local", "Claimed", "Shipped"),
            (a.Actor, Json(a.Before).GetProperty("status").GetString(), Json(a.After).GetProperty("status").GetString())));
        Assert.Equal(["SF-A", "SF-B"], audit.Select(a => Json(a.After).GetProperty("trackingNumber").GetString()).Order());
    }

    [Fact]
    public async Task When_one_winner_cannot_be_shipped_none_is_and_nothing_is_audited()
    {
        var (activity, wins) = await WinnersAsync(claimed: 1, unclaimed: 1);
        await using var scope = await TenantScopeAsync(activity);
        var commands = scope.ServiceProvider.GetRequiredService<WinnerCommands>();

        var result = await commands.ShipManyAsync(activity, [new Shipment(wins[0], "SF-A"), new Shipment(wins[1], "SF-B")], "manager@demo.local", CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal("1 of 2 winners cannot be shipped; nothing was changed.", result.Error!.Message);
        Assert.Equal([wins[1].ToString()], result.ValidationErrors.Select(e => e.Path));
        var lines = await scope.ServiceProvider.GetRequiredService<WinnerQueries>().ListAsync(activity, new WinnerFilter(), true, CancellationToken.None);
        Assert.DoesNotContain(lines!, l => l.Status == WinStatus.Shipped);
        Assert.Empty(await AuditAsync(activity));
    }

    private static JsonElement Json(string? text) => JsonDocument.Parse(text!).RootElement;

    private async Task<List<Domain.Audit.AuditEntry>> AuditAsync(Guid activity)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync();
        return await db.Audit.IgnoreQueryFilters().Where(a => a.ActivityId == activity && a.Action == WinnerCommands.ShipAction).ToListAsync();
    }

    private async Task<AsyncServiceScope> TenantScopeAsync(Guid activity)
    {
        var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync();
        var tenant = await db.Activities.IgnoreQueryFilters().Where(a => a.Id == activity).Select(a => a.TenantId).SingleAsync();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(tenant);
        return scope;
    }

    /// <summary>A demo-tenant activity whose players each won a physical prize: the first <paramref name="claimed"/> gave an address.</summary>
    private async Task<(Guid Activity, List<Guid> Wins)> WinnersAsync(int claimed, int unclaimed)
    {
        var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", app.Services.GetRequiredService<IConfiguration>()["Demo:ApiKey"]);
        var id = await ApiSteps.CreateRunningAsync(admin, ApiSteps.Definition(prize: "Hoodie " + Guid.NewGuid().ToString("N")[..6], stock: 10, chances: 1));
        var wins = new List<Guid>();
        for (var i = 0; i < claimed + unclaimed; i++)
        {
            var player = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
            var session = await (await player.PostAsJsonAsync("/api/player/sessions", new { nickname = "Player" + i })).Content.ReadFromJsonAsync<JsonElement>();
            player.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("token").GetString());
            Assert.True((await (await ApiSteps.DrawAsync(player, id)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("won").GetBoolean());
            var winId = (await player.GetFromJsonAsync<JsonElement>($"/api/me/wins?activityId={id}"))[0].GetProperty("id").GetGuid();
            wins.Add(winId);
            if (i < claimed)
            {
                var claim = await player.PostAsJsonAsync($"/api/me/wins/{winId}/claim", new
                {
                    // A different door and phone per player: one address across players is held for review (decision 028).
                    recipientName = "Li Lei", phone = "+86 138 " + Random.Shared.Next(10_000_000, 99_999_999), line1 = $"{Guid.NewGuid():N} Century Avenue",
                    city = "Shanghai", postalCode = "200120", country = "China",
                });
                Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
            }
        }

        return (id, wins);
    }
}
