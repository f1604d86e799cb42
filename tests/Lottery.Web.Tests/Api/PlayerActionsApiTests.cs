using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lottery.Domain.Draws;
using Lottery.Domain.Prizes;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Tests.Api;

public sealed class PlayerActionsApiTests(EmbeddedSqliteApi api) : IClassFixture<EmbeddedSqliteApi>
{
    private static readonly object[] Tasks = [new { kind = "share", chances = 2 }, new { kind = "dailyCheckIn", chances = 1 }];

    [Fact]
    public async Task A_task_grants_its_chances_once_a_day()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(chances: 3, tasks: Tasks));
        var player = await api.NewPlayerAsync();

        var shared = await player.PostAsync($"/api/activities/{activity}/tasks/share", null);
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        var body = await shared.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, body.GetProperty("granted").GetInt32());
        Assert.Equal(5, body.GetProperty("remainingChances").GetInt32());

        var again = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => player.PostAsync($"/api/activities/{activity}/tasks/share", null)));
        Assert.All(again, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal("task-already-done", await ApiSteps.ProblemCodeAsync(again[0]));

        var checkIn = await player.PostAsync($"/api/activities/{activity}/tasks/dailyCheckIn", null);
        Assert.Equal(6, (await checkIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("remainingChances").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await player.PostAsync($"/api/activities/{activity}/tasks/follow", null)).StatusCode);

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(player, activity)).StatusCode);
        }

        Assert.Equal("no-chances-left", await ApiSteps.ProblemCodeAsync(await ApiSteps.DrawAsync(player, activity)));
    }

    [Fact]
    public async Task A_physical_prize_is_claimed_once_with_a_validated_address()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(stock: 5, probability: 1m));
        var player = await api.NewPlayerAsync();
        await ApiSteps.DrawAsync(player, activity);
        var win = (await player.GetFromJsonAsync<JsonElement>($"/api/me/wins?activityId={activity}"))[0];
        Assert.Equal("AwaitingClaim", win.GetProperty("status").GetString());
        var winId = win.GetProperty("id").GetGuid();

        var invalid = await player.PostAsJsonAsync($"/api/me/wins/{winId}/claim", new { recipientName = "", phone = "abc", line1 = "", city = "Shanghai", postalCode = "", country = "CN" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equivalent(new[] { "recipientName", "phone", "line1", "postalCode" }, errors);

        var address = new { recipientName = "Li Lei", phone = "+86 138 0013 8000", line1 = "1 Century Avenue", city = "Shanghai", postalCode = "200120", country = "China" };
        var claimed = await player.PostAsJsonAsync($"/api/me/wins/{winId}/claim", address);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var view = await claimed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Claimed", view.GetProperty("status").GetString());
        Assert.Equal("Shanghai", view.GetProperty("claim").GetProperty("city").GetString());

        var twice = await player.PostAsJsonAsync($"/api/me/wins/{winId}/claim", address);
        Assert.Equal("already-claimed", await ApiSteps.ProblemCodeAsync(twice));
        var stranger = await api.NewPlayerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/me/wins/{winId}/claim", address)).StatusCode);
    }

    [Theory]
    [InlineData(50, 10, 10)]
    [InlineData(5, 10, 5)]
    public async Task A_scheduled_draw_picks_distinct_winners_that_anyone_can_verify(int entrants, int prizes, int expectedWinners)
    {
        var tenant = await api.NewTenantAsync();
        var players = await Task.WhenAll(Enumerable.Range(0, entrants).Select(i => api.NewPlayerAsync($"Player{i:00}")));
        var drawAt = DateTimeOffset.UtcNow.AddSeconds(15); // room for creating 50 players and their joins on a loaded 2-core machine
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(prize: "Tote bag " + entrants, stock: prizes, kind: "scheduled", drawAt: drawAt));
        var joins = await Task.WhenAll(players.Select(p => p.PostAsync($"/api/activities/{activity}/entries", null)));
        Assert.All(joins, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var rejoin = await (await players[0].PostAsync($"/api/activities/{activity}/entries", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(rejoin.GetProperty("joined").GetBoolean());
        var before = await players[0].GetFromJsonAsync<JsonElement>($"/api/activities/{activity}");
        var commitment = before.GetProperty("seedCommitment").GetString()!;
        Assert.Equal(JsonValueKind.Null, before.GetProperty("seed").ValueKind);
        Assert.Equal(entrants, before.GetProperty("entrants").GetInt32());

        // Nobody triggers it: the scheduler runs the draw when its time comes (allowed 30 s late on a loaded machine).
        var after = await ApiSteps.EventuallyAsync(() => players[0].GetFromJsonAsync<JsonElement>($"/api/activities/{activity}"),
            v => v.GetProperty("status").GetString() == "Drawn", drawAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30));
        Assert.Equal("activity-not-running", await ApiSteps.ProblemCodeAsync(await (await api.NewPlayerAsync()).PostAsync($"/api/activities/{activity}/entries", null)));
        var seed = Convert.FromHexString(after.GetProperty("seed").GetString()!);
        Assert.Equal(commitment, ScheduledDrawing.Commitment(seed));

        // Verification: recompute the winners from the published seed and the entrant list.
        var entrantIds = await api.QueryAsync(db => db.ScheduledEntries.IgnoreQueryFilters().Where(e => e.ActivityId == activity).Select(e => e.PlayerId).ToListAsync());
        var recomputed = ScheduledDrawing.Select(seed, entrantIds, [new ScheduledPrize(Guid.Empty, Guid.Empty, "Tote", PrizeKind.Physical, prizes)]);
        Assert.Equal(after.GetProperty("entrantsHash").GetString(), recomputed.EntrantsHash);
        var stored = await api.QueryAsync(db => db.Wins.IgnoreQueryFilters().Where(w => w.ActivityId == activity).Select(w => w.PlayerId).ToListAsync());
        Assert.Equal(expectedWinners, stored.Distinct().Count());
        Assert.Equal(recomputed.Winners.Select(w => w.PlayerId).Order(), stored.Order());
        Assert.Equal(expectedWinners, after.GetProperty("winners").GetArrayLength());

        // Unawarded units went back to the prize's pool, once.
        var pool = await api.QueryAsync(db => db.ActivityPrizes.IgnoreQueryFilters().SingleAsync(p => p.ActivityId == activity));
        Assert.Equal(prizes - expectedWinners, pool.Returned);
        Assert.Equal(HttpStatusCode.Conflict, (await tenant.PostAsync($"/api/admin/activities/{activity}/draw", null)).StatusCode);
        Assert.Equal(1, await api.QueryAsync(db => db.Audit.IgnoreQueryFilters().CountAsync(a => a.ActivityId == activity && a.Action == "activity.draw")));

        // The public verification data reproduces the draw, and the verification page says so.
        var published = await api.CreateClient().GetFromJsonAsync<Features.Draws.VerificationData>($"/api/activities/{activity}/verification", JsonSerializerOptions.Web);
        Assert.True(Features.Draws.DrawVerification.Check(published!)!.Verified);
        Assert.Contains("Verified", await api.CreateClient().GetStringAsync($"/verify/{activity}"), StringComparison.Ordinal);
    }
}
