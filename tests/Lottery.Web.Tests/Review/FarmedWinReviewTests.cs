using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lottery.Domain.Common;
using Lottery.Domain.Draws;
using Lottery.Domain.Risk;
using Lottery.Web.Features.Players;
using Lottery.Web.Features.Review;
using Lottery.Web.Features.Winners;
using Lottery.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Web.Tests.Review;

/// <summary>
/// Wins that look farmed are held at claim time: the claim is saved, fulfilment waits for a manager's approval
/// (decision 028). Shipping goes through the winners page's commands, as a manager's circuit calls them.
/// </summary>
public sealed class FarmedWinReviewTests(EmbeddedSqliteApi api) : IClassFixture<EmbeddedSqliteApi>
{
    private const string Manager = "manager@example.com";

    [Fact]
    public async Task A_second_player_claiming_the_same_address_is_held_and_shipping_waits_until_approved()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ReviewSteps.Definition("Hoodie"));
        var first = await ClaimAsync(activity, "Mia", ReviewSteps.Address("1 Century Avenue", "200120", "China"));
        // Case, spacing and the phone differ; line 1, postal code and country name one door.
        var second = await ClaimAsync(activity, "Noah", ReviewSteps.Address("  1 CENTURY   avenue ", "200 120", "china"));

        Assert.Equal((HttpStatusCode.OK, JsonValueKind.Null), (first.Status, first.View.GetProperty("review").ValueKind));
        Assert.Equal((HttpStatusCode.OK, "Claimed", "pending"),
            (second.Status, second.View.GetProperty("status").GetString(), second.View.GetProperty("review").GetString()));
        var queue = await tenant.GetFromJsonAsync<JsonElement>("/api/admin/reviews");
        var held = Assert.Single(queue.EnumerateArray());
        Assert.Equal((second.WinId, "pending", "The same shipping address as another player's claim."),
            (held.GetProperty("winId").GetGuid(), held.GetProperty("decision").GetString(), held.GetProperty("reason").GetString()));
        Assert.Equal("N***h", held.GetProperty("player").GetString());

        await using (var scope = await ReviewSteps.TenantScopeAsync(api, activity))
        {
            var ship = scope.ServiceProvider.GetRequiredService<WinnerCommands>();
            var refused = await ship.MarkShippedAsync(activity, second.WinId, "SF-2", Manager, CancellationToken.None);
            Assert.Equal(ErrorCodes.HeldForReview, refused.Error?.Code);
            Assert.StartsWith("Held for review: The same shipping address", refused.Error!.Message, StringComparison.Ordinal);
            var bulk = await ship.ShipManyAsync(activity, [new Shipment(first.WinId, "SF-1"), new Shipment(second.WinId, "SF-2")], Manager, CancellationToken.None);
            Assert.Equal([second.WinId.ToString()], bulk.ValidationErrors.Select(e => e.Path)); // all or nothing: the first is not shipped either
            var line = (await scope.ServiceProvider.GetRequiredService<WinnerQueries>().ListAsync(activity, new WinnerFilter(), true, CancellationToken.None))!
                .Single(l => l.WinId == second.WinId);
            Assert.Equal((false, "Held for review"), (line.CanShip, WinStatuses.Label(line)));
            Assert.StartsWith("Held for review:", WinStatuses.WhyNotShippable(line), StringComparison.Ordinal);
        }

        var approved = await tenant.PostAsJsonAsync($"/api/admin/reviews/{second.WinId}/approve", new { note = "Flatmates, checked by phone." });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("approved", (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision").GetString());
        Assert.Equal(0, (await tenant.GetFromJsonAsync<JsonElement>("/api/admin/reviews")).GetArrayLength());

        await using (var scope = await ReviewSteps.TenantScopeAsync(api, activity))
        {
            var ship = scope.ServiceProvider.GetRequiredService<WinnerCommands>();
            var shipped = await ship.ShipManyAsync(activity, [new Shipment(first.WinId, "SF-1"), new Shipment(second.WinId, "SF-2")], Manager, CancellationToken.None);
            Assert.True(shipped.IsSuccess, shipped.Error?.Message);
        }

        var actions = await api.QueryAsync(db => db.Audit.IgnoreQueryFilters().Where(a => a.ActivityId == activity).Select(a => a.Action).ToListAsync());
        Assert.Equal(1, actions.Count(a => a == WinHolds.HoldAction));
        Assert.Equal(1, actions.Count(a => a == ReviewCommands.ApproveAction));
    }

    [Fact]
    public async Task The_same_phone_on_another_address_is_held_too()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ReviewSteps.Definition("Hoodie"));
        await ClaimAsync(activity, "Mia", ReviewSteps.Address($"{Guid.NewGuid():N} Road", phone: "+86 138 0013 8000"));
        var second = await ClaimAsync(activity, "Noah", ReviewSteps.Address($"{Guid.NewGuid():N} Street", phone: "86-138-0013-8000"));

        Assert.Equal("pending", second.View.GetProperty("review").GetString());
        var held = (await tenant.GetFromJsonAsync<JsonElement>("/api/admin/reviews"))[0];
        Assert.Equal("The same phone number as another player's claim.", held.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Another_tenant_s_claims_do_not_count_and_its_queue_stays_apart()
    {
        var (one, two) = (await api.NewTenantAsync(), await api.NewTenantAsync());
        var a = await ApiSteps.CreateRunningAsync(one, ReviewSteps.Definition("Hoodie"));
        var b = await ApiSteps.CreateRunningAsync(two, ReviewSteps.Definition("Hoodie"));
        var line1 = $"{Guid.NewGuid():N} Road";
        await ClaimAsync(a, "Mia", ReviewSteps.Address(line1));
        var other = await ClaimAsync(b, "Noah", ReviewSteps.Address(line1));
        var third = await ClaimAsync(b, "Liam", ReviewSteps.Address(line1));

        Assert.Equal(JsonValueKind.Null, other.View.GetProperty("review").ValueKind);
        Assert.Equal("pending", third.View.GetProperty("review").GetString());
        Assert.Equal(0, (await one.GetFromJsonAsync<JsonElement>("/api/admin/reviews")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await one.PostAsJsonAsync($"/api/admin/reviews/{third.WinId}/approve", new { })).StatusCode);
    }

    [Fact]
    public async Task A_rejected_win_needs_a_reason_and_is_never_shipped()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ReviewSteps.Definition("Hoodie"));
        var line1 = $"{Guid.NewGuid():N} Road";
        await ClaimAsync(activity, "Mia", ReviewSteps.Address(line1));
        var second = await ClaimAsync(activity, "Noah", ReviewSteps.Address(line1));

        var noReason = await tenant.PostAsJsonAsync($"/api/admin/reviews/{second.WinId}/reject", new { note = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("note", out _));
        Assert.Equal(ReviewDecision.Pending, await DecisionAsync(second.WinId));

        var rejected = await tenant.PostAsJsonAsync($"/api/admin/reviews/{second.WinId}/reject", new { note = "Twenty accounts, one door." });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var line = await rejected.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("rejected", "Twenty accounts, one door."), (line.GetProperty("decision").GetString(), line.GetProperty("note").GetString()));
        var again = await tenant.PostAsJsonAsync($"/api/admin/reviews/{second.WinId}/approve", new { });
        Assert.Equal("illegal-transition", await ApiSteps.ProblemCodeAsync(again));

        await using var scope = await ReviewSteps.TenantScopeAsync(api, activity);
        var refused = await scope.ServiceProvider.GetRequiredService<WinnerCommands>().MarkShippedAsync(activity, second.WinId, "SF-2", Manager, CancellationToken.None);
        Assert.Equal("Rejected after review: Twenty accounts, one door.", refused.Error?.Message);
        var mine = (await second.Player.GetFromJsonAsync<JsonElement>($"/api/me/wins?activityId={activity}"))[0];
        Assert.Equal("rejected", mine.GetProperty("review").GetString());
        var all = await tenant.GetFromJsonAsync<JsonElement>("/api/admin/reviews?status=all");
        Assert.Equal("rejected", all[0].GetProperty("decision").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await tenant.GetAsync("/api/admin/reviews?status=maybe")).StatusCode);
    }

    [Fact]
    public async Task More_wins_a_day_than_the_tenant_allows_from_one_address_are_held()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ReviewSteps.Definition("Hoodie"));
        await LimitAsync(activity, perDay: 2);
        const string farm = "203.0.113.7";
        var claims = new List<MyWin>();
        for (var i = 0; i < 3; i++)
        {
            var (player, id) = await ReviewSteps.GuestFromAsync(api, "Farm" + i, farm);
            claims.Add(await ClaimDirectAsync(activity, player, id, farm));
        }

        var (elsewhere, elsewhereId) = await ReviewSteps.GuestFromAsync(api, "Home", "198.51.100.20");
        var home = await ClaimDirectAsync(activity, elsewhere, elsewhereId, "198.51.100.20");

        Assert.Equal([null, null, "pending"], claims.Select(c => c.Review));
        Assert.Null(home.Review);
        var reason = await api.QueryAsync(db => db.WinReviews.IgnoreQueryFilters().Where(r => r.WinId == claims[2].Id).Select(r => r.Reason).SingleAsync());
        Assert.StartsWith("3 wins on ", reason, StringComparison.Ordinal);
        Assert.EndsWith("went to players from one network address (the limit is 2 a day).", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_virtual_win_over_the_address_limit_is_held_before_it_is_handed_over()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ReviewSteps.Definition("Premium month", kind: "virtual"));
        await LimitAsync(activity, perDay: 1);
        const string farm = "203.0.113.8";
        var reviews = new List<string?>();
        for (var i = 0; i < 2; i++)
        {
            var (player, id) = await ReviewSteps.GuestFromAsync(api, "Farm" + i, farm);
            await ReviewSteps.WinAsync(player, activity);
            await using var scope = api.Services.CreateAsyncScope();
            var wins = await scope.ServiceProvider.GetRequiredService<PlayerWins>().ForPlayerAsync(id, activity, farm, CancellationToken.None);
            reviews.Add(Assert.Single(wins).Review);
        }

        Assert.Equal([null, "pending"], reviews);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_review_endpoints_with_their_bodies()
    {
        var paths = (await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        Assert.True(paths.GetProperty("/api/admin/reviews").GetProperty("get").GetProperty("responses").TryGetProperty("200", out _));
        var reject = paths.GetProperty("/api/admin/reviews/{winId}/reject").GetProperty("post");
        Assert.True(reject.TryGetProperty("requestBody", out _));
        Assert.True(reject.GetProperty("responses").TryGetProperty("409", out _) || reject.GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(paths.GetProperty("/api/admin/prizes/{prizeId}/high-value").GetProperty("put").TryGetProperty("requestBody", out _));
    }

    private async Task LimitAsync(Guid activity, int perDay)
    {
        var tenantId = await ReviewSteps.TenantOfAsync(api, activity);
        await api.QueryAsync(async db =>
        {
            var tenant = await db.Tenants.IgnoreQueryFilters().SingleAsync(t => t.Id == tenantId);
            Assert.True(tenant.SetRiskSettings(null, perDay).IsSuccess);
            return await db.SaveChangesAsync();
        });
    }

    private async Task<ReviewDecision?> DecisionAsync(Guid winId) =>
        await api.QueryAsync(db => db.WinReviews.IgnoreQueryFilters().Where(r => r.WinId == winId).Select(r => (ReviewDecision?)r.Decision).SingleOrDefaultAsync());

    private async Task<(HttpStatusCode Status, JsonElement View, Guid WinId, HttpClient Player)> ClaimAsync(Guid activity, string nickname, object address)
    {
        var player = await ReviewSteps.GuestAsync(api, nickname);
        var win = await ReviewSteps.WinAsync(player, activity);
        var winId = win.GetProperty("id").GetGuid();
        var response = await player.PostAsJsonAsync($"/api/me/wins/{winId}/claim", address);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(), winId, player);
    }

    /// <summary>A claim as the endpoint makes it from <paramref name="ip"/> (the in-process server has no client address).</summary>
    private async Task<MyWin> ClaimDirectAsync(Guid activity, HttpClient player, Guid playerId, string ip)
    {
        var win = await ReviewSteps.WinAsync(player, activity);
        await using var scope = api.Services.CreateAsyncScope();
        var address = new ShippingAddress("Li Lei", "+86 138 " + Random.Shared.Next(10_000_000, 99_999_999), $"{Guid.NewGuid():N} Road", null,
            "Shanghai", null, "200120", "China");
        var claimed = await scope.ServiceProvider.GetRequiredService<PlayerActions>()
            .ClaimAsync(win.GetProperty("id").GetGuid(), playerId, address, ip, CancellationToken.None);
        Assert.True(claimed.IsSuccess, claimed.Error?.Message);
        return claimed.Value;
    }
}
