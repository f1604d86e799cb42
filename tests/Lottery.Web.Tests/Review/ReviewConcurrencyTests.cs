using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lottery.Domain.Risk;
using Lottery.Web.Features.Review;
using Lottery.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Tests.Review;

/// <summary>Managers deciding one held win at the same moment, and two claims of one address racing, on PostgreSQL.</summary>
public sealed class ReviewConcurrencyTests(EmbeddedPostgresApi api) : IClassFixture<EmbeddedPostgresApi>
{
    [Fact]
    public async Task Of_managers_deciding_one_held_win_at_once_exactly_one_decision_stands()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ReviewSteps.Definition("Hoodie"));
        var line1 = $"{Guid.NewGuid():N} Road";
        await ClaimAsync(activity, "Mia", line1);
        var held = await ClaimAsync(activity, "Noah", line1);
        Assert.Equal(ReviewDecision.Pending, await DecisionAsync(held));

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => i % 2 == 0
            ? tenant.PostAsJsonAsync($"/api/admin/reviews/{held}/approve", new { note = "ok " + i })
            : tenant.PostAsJsonAsync($"/api/admin/reviews/{held}/reject", new { note = "farm " + i })));

        var won = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a != won), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        var codes = await Task.WhenAll(answers.Where(a => a != won).Select(ApiSteps.ProblemCodeAsync));
        Assert.All(codes, c => Assert.Contains(c, new[] { "concurrency-conflict", "illegal-transition" }));
        var decided = (await won.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision").GetString();
        Assert.Equal(decided, (await DecisionAsync(held)).ToString()!.ToLowerInvariant());
        var audited = await api.QueryAsync(db => db.Audit.IgnoreQueryFilters()
            .CountAsync(a => a.ActivityId == activity && (a.Action == ReviewCommands.ApproveAction || a.Action == ReviewCommands.RejectAction)));
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task Of_two_players_claiming_one_address_at_the_same_moment_at_least_one_is_held()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ReviewSteps.Definition("Hoodie"));
        var line1 = $"{Guid.NewGuid():N} Road";
        var players = await Task.WhenAll(new[] { "Mia", "Noah" }.Select(n => ReviewSteps.GuestAsync(api, n)));
        var wins = await Task.WhenAll(players.Select(p => ReviewSteps.WinAsync(p, activity)));

        var claims = await Task.WhenAll(players.Select((p, i) =>
            p.PostAsJsonAsync($"/api/me/wins/{wins[i].GetProperty("id").GetGuid()}/claim", ReviewSteps.Address(line1))));

        Assert.All(claims, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));
        var held = await api.QueryAsync(db => db.WinReviews.IgnoreQueryFilters().CountAsync(r => r.ActivityId == activity));
        Assert.InRange(held, 1, 2);
    }

    private async Task<Guid> ClaimAsync(Guid activity, string nickname, string line1)
    {
        var player = await ReviewSteps.GuestAsync(api, nickname);
        var win = (await ReviewSteps.WinAsync(player, activity)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await player.PostAsJsonAsync($"/api/me/wins/{win}/claim", ReviewSteps.Address(line1))).StatusCode);
        return win;
    }

    private async Task<ReviewDecision?> DecisionAsync(Guid winId) =>
        await api.QueryAsync(db => db.WinReviews.IgnoreQueryFilters().Where(r => r.WinId == winId).Select(r => (ReviewDecision?)r.Decision).SingleOrDefaultAsync());
}
