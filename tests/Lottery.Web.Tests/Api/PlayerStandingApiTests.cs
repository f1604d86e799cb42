using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lottery.Web.Tests.Api;

/// <summary>
/// What the player page loads (<c>GET /api/activities/{id}</c> with the player's session) tells the player what the next
/// draw would do: it is read from the counters the draw itself checks, in both store modes.
/// </summary>
public abstract class PlayerStandingApiTests<TFactory>(TFactory api) : IClassFixture<TFactory>
    where TFactory : LotteryApiFactory
{
    private static readonly object[] Tasks = [new { kind = "share", chances = 2 }, new { kind = "dailyCheckIn", chances = 1, maxPerDay = 2 }];

    [Fact]
    public async Task A_player_at_the_win_limit_is_told_before_drawing_that_no_draw_is_left()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(prize: "Lamp " + Guid.NewGuid().ToString("N")[..6], chances: 3, maxWins: 1));
        var player = await api.NewPlayerAsync();

        var before = await ViewAsync(player, activity);
        Assert.False(before.GetProperty("winLimitReached").GetBoolean());
        Assert.Equal(3, before.GetProperty("remainingChances").GetInt32());

        var won = await ApiSteps.DrawAsync(player, activity);
        Assert.True((await won.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("won").GetBoolean());

        // Chances are left, but the win limit refuses every further draw: the view says so, and the draw agrees.
        var after = await ViewAsync(player, activity);
        Assert.True(after.GetProperty("winLimitReached").GetBoolean());
        Assert.Equal(2, after.GetProperty("remainingChances").GetInt32());
        Assert.Equal("win-limit-reached", await ApiSteps.ProblemCodeAsync(await ApiSteps.DrawAsync(player, activity)));

        // Another player of the same activity is not affected; an anonymous visitor is told nothing about anyone.
        Assert.False((await ViewAsync(await api.NewPlayerAsync(), activity)).GetProperty("winLimitReached").GetBoolean());
        Assert.Equal(JsonValueKind.Null, (await ViewAsync(api.CreateClient(), activity)).GetProperty("winLimitReached").ValueKind);
    }

    [Fact]
    public async Task A_task_done_today_is_marked_done_and_one_with_uses_left_is_not()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(prize: "Kite " + Guid.NewGuid().ToString("N")[..6], tasks: Tasks));
        var player = await api.NewPlayerAsync();

        var fresh = TasksOf(await ViewAsync(player, activity));
        Assert.All(fresh.Values, t => Assert.False(t.GetProperty("doneToday").GetBoolean()));
        Assert.All(fresh.Values, t => Assert.Equal(0, t.GetProperty("timesToday").GetInt32()));

        Assert.Equal(HttpStatusCode.OK, (await player.PostAsync($"/api/activities/{activity}/tasks/share", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await player.PostAsync($"/api/activities/{activity}/tasks/dailyCheckIn", null)).StatusCode);
        var once = TasksOf(await ViewAsync(player, activity));
        Assert.True(once["share"].GetProperty("doneToday").GetBoolean());
        Assert.False(once["dailyCheckIn"].GetProperty("doneToday").GetBoolean()); // counts twice a day
        Assert.Equal(1, once["dailyCheckIn"].GetProperty("timesToday").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await player.PostAsync($"/api/activities/{activity}/tasks/dailyCheckIn", null)).StatusCode);
        Assert.True(TasksOf(await ViewAsync(player, activity))["dailyCheckIn"].GetProperty("doneToday").GetBoolean());

        // Per player: someone else's tasks are still open, and an anonymous visitor gets no task state.
        Assert.All(TasksOf(await ViewAsync(await api.NewPlayerAsync(), activity)).Values, t => Assert.False(t.GetProperty("doneToday").GetBoolean()));
        Assert.All(TasksOf(await ViewAsync(api.CreateClient(), activity)).Values, t => Assert.Equal(JsonValueKind.Null, t.GetProperty("doneToday").ValueKind));
    }

    private static async Task<JsonElement> ViewAsync(HttpClient client, Guid activity)
    {
        var response = await client.GetAsync($"/api/activities/{activity}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Dictionary<string, JsonElement> TasksOf(JsonElement view) =>
        view.GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("kind").GetString()!, t => t);
}

public sealed class EmbeddedPlayerStandingApiTests(EmbeddedSqliteApi api) : PlayerStandingApiTests<EmbeddedSqliteApi>(api);

public sealed class RedisPlayerStandingApiTests(RedisPostgresApi api) : PlayerStandingApiTests<RedisPostgresApi>(api);
