using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lottery.Domain.Players;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Players;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Web.Tests.Review;

/// <summary>Steps of the high-value and review tests: activities with one sure prize, players, wins and claims.</summary>
internal static class ReviewSteps
{
    /// <summary>An instant activity whose every spin wins <paramref name="prize"/> (set high-value or not in the document).</summary>
    public static object Definition(string prize, string kind = "physical", bool? highValue = null, int stock = 20, int chances = 1) => new
    {
        name = "Campaign " + Guid.NewGuid().ToString("N")[..6],
        kind = "instant",
        startsAt = DateTimeOffset.UtcNow.AddHours(-1),
        endsAt = DateTimeOffset.UtcNow.AddDays(7),
        rules = new { chancesPerPlayer = chances },
        tiers = new[] { new { name = "First prize", probability = 1m, prizes = new[] { new { name = prize, kind, stock, highValue } } } },
        gameplay = new { type = "wheel" },
    };

    /// <summary>An e-mail player's client, made as the e-mail sign-in will make it (the player and a verified session).</summary>
    public static async Task<(HttpClient Client, Guid PlayerId)> EmailPlayerAsync(LotteryApiFactory api, string email, string? ip = null)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<PlayerSessions>();
        var player = Player.ForEmail(email, email.Split('@')[0], null, TimeProvider.System).Value;
        var ticket = await sessions.OpenVerifiedAsync(player, ip, CancellationToken.None);
        return (Bearer(api, ticket.Token), ticket.PlayerId);
    }

    /// <summary>A guest whose session was opened from <paramref name="ip"/> (the in-process server sees no address of its own).</summary>
    public static async Task<(HttpClient Client, Guid PlayerId)> GuestFromAsync(LotteryApiFactory api, string nickname, string? ip)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var ticket = (await scope.ServiceProvider.GetRequiredService<PlayerSessions>().CreateGuestAsync(nickname, null, ip, CancellationToken.None)).Value;
        return (Bearer(api, ticket.Token), ticket.PlayerId);
    }

    public static async Task<HttpClient> GuestAsync(LotteryApiFactory api, string nickname) => await api.NewPlayerAsync(nickname);

    /// <summary>Draws once (a sure win) and answers the player's win as <c>GET /api/me/wins</c> shows it.</summary>
    public static async Task<JsonElement> WinAsync(HttpClient player, Guid activity)
    {
        var draw = await Api.ApiSteps.DrawAsync(player, activity);
        Assert.Equal(HttpStatusCode.OK, draw.StatusCode);
        Assert.True((await draw.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("won").GetBoolean());
        var wins = await Api.ApiSteps.EventuallyAsync(
            async () => await player.GetFromJsonAsync<JsonElement>($"/api/me/wins?activityId={activity}"), wins => wins.GetArrayLength() == 1);
        return wins[0];
    }

    public static object Address(string line1 = "1 Century Avenue", string postalCode = "200120", string country = "China", string? phone = null) => new
    {
        recipientName = "Li Lei",
        phone = phone ?? "+86 138 " + Random.Shared.Next(10_000_000, 99_999_999),
        line1,
        city = "Shanghai",
        postalCode,
        country,
    };

    public static async Task<Guid> PrizeIdAsync(LotteryApiFactory api, Guid activity) =>
        await api.QueryAsync(db => db.ActivityPrizes.IgnoreQueryFilters().Where(p => p.ActivityId == activity).Select(p => p.PrizeId).SingleAsync());

    public static async Task<Guid> TenantOfAsync(LotteryApiFactory api, Guid activity) =>
        await api.QueryAsync(db => db.Activities.IgnoreQueryFilters().IgnoreAutoIncludes().Where(a => a.Id == activity).Select(a => a.TenantId).SingleAsync());

    /// <summary>A service scope acting for the activity's tenant (as a signed-in manager's circuit does).</summary>
    public static async Task<AsyncServiceScope> TenantScopeAsync(LotteryApiFactory api, Guid activity)
    {
        var tenant = await TenantOfAsync(api, activity);
        var scope = api.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(tenant);
        return scope;
    }

    private static HttpClient Bearer(LotteryApiFactory api, string token)
    {
        var client = api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
