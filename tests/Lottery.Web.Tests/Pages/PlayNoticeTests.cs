using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Lottery.Web.Features.Activities;
using Lottery.Web.Tests.Api;

namespace Lottery.Web.Tests.Pages;

/// <summary>
/// What the server renders for a returning player: the notice after a scheduled draw (won / not picked), the notice of a
/// cancelled draw, the language switch that keeps the campaign source, and time-slot stock in the API.
/// </summary>
public sealed class PlayNoticeTests(EmbeddedSqliteApi api) : IClassFixture<EmbeddedSqliteApi>
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task After_a_scheduled_draw_the_winner_sees_you_won_with_a_claim_link_and_the_other_entrant_sees_the_result()
    {
        var tenant = await api.NewTenantAsync();
        var drawAt = DateTimeOffset.UtcNow.AddSeconds(4);
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(prize: "Tote bag", stock: 1, kind: "scheduled", drawAt: drawAt));
        var players = new[] { await api.NewPlayerAsync("Ada"), await api.NewPlayerAsync("Bo") };
        var outsider = await api.NewPlayerAsync("Cy");
        foreach (var player in players)
        {
            Assert.Equal(HttpStatusCode.OK, (await player.PostAsJsonAsync($"/api/activities/{activity}/entries", new { })).StatusCode);
        }

        Assert.Null((await PageAsync($"/play/{activity}", players[0])).QuerySelector("[data-testid=notice]")); // not drawn yet
        await ApiSteps.EventuallyAsync(() => players[0].GetFromJsonAsync<JsonElement>($"/api/activities/{activity}"),
            v => v.GetProperty("status").GetString() == "Drawn", TimeSpan.FromSeconds(40));
        var wins = await Task.WhenAll(players.Select(p => p.GetFromJsonAsync<JsonElement>($"/api/me/wins?activityId={activity}")));
        var winner = players[Array.FindIndex(wins, w => w.GetArrayLength() == 1)];
        var loser = players.Single(p => p != winner);

        foreach (var path in new[] { $"/play/{activity}", $"/play/{activity}/me" })
        {
            var won = (await PageAsync(path, winner)).QuerySelector("[data-testid=notice]");
            Assert.NotNull(won);
            Assert.Equal("won", won.GetAttribute("data-notice"));
            Assert.Equal("You won Tote bag!", won.QuerySelector("h2")?.TextContent.Trim());
            Assert.Contains("Claim it now", won.TextContent, StringComparison.Ordinal);
            var notPicked = (await PageAsync(path, loser)).QuerySelector("[data-testid=notice]");
            Assert.Equal("notpicked", notPicked?.GetAttribute("data-notice"));
            Assert.Equal("The winners have been drawn", notPicked?.QuerySelector("h2")?.TextContent.Trim());
            Assert.Null((await PageAsync(path, outsider)).QuerySelector("[data-testid=notice]"));
        }

        var claim = (await PageAsync($"/play/{activity}", winner)).QuerySelector("[data-testid=notice-claim]");
        Assert.Equal($"/play/{activity}/me", claim?.GetAttribute("href"));
        Assert.Equal("Claim my prize", claim?.TextContent.Trim());
        Assert.Null((await PageAsync($"/play/{activity}/me", winner)).QuerySelector("[data-testid=notice-claim]")); // the form is right there
        var zh = (await PageAsync($"/play/{activity}?lang=zh-CN", winner)).QuerySelector("[data-testid=notice] h2");
        Assert.Equal("恭喜你获得 Tote bag！", zh?.TextContent.Trim());
    }

    [Fact]
    public async Task Entrants_of_a_scheduled_draw_cancelled_before_it_ran_see_a_sorry_notice_in_their_language()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant,
            ApiSteps.Definition(prize: "Lamp", stock: 2, kind: "scheduled", drawAt: DateTimeOffset.UtcNow.AddDays(2)));
        var entrant = await api.NewPlayerAsync();
        var visitor = await api.NewPlayerAsync();
        Assert.Equal(HttpStatusCode.OK, (await entrant.PostAsJsonAsync($"/api/activities/{activity}/entries", new { })).StatusCode);
        Assert.Null((await PageAsync($"/play/{activity}", entrant)).QuerySelector("[data-testid=notice]"));

        Assert.Equal(HttpStatusCode.OK, (await tenant.PostAsync($"/api/admin/activities/{activity}/cancel", null)).StatusCode);

        var en = (await PageAsync($"/play/{activity}", entrant)).QuerySelector("[data-testid=notice]");
        Assert.Equal("cancelled", en?.GetAttribute("data-notice"));
        Assert.Equal("This draw was cancelled — sorry", en?.QuerySelector("h2")?.TextContent.Trim());
        var me = (await PageAsync($"/play/{activity}/me", entrant, "zh-CN")).QuerySelector("[data-testid=notice]");
        Assert.Equal("抱歉，本次抽奖已取消", me?.QuerySelector("h2")?.TextContent.Trim());
        Assert.Null((await PageAsync($"/play/{activity}", visitor)).QuerySelector("[data-testid=notice]"));
        Assert.Null((await PageAsync($"/play/{activity}", player: null)).QuerySelector("[data-testid=notice]"));
    }

    [Fact]
    public async Task The_language_switch_keeps_the_campaign_source_in_the_url()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition());

        var page = await PageAsync($"/play/{activity}?utm_source=wechat&lang=en", player: null);
        var me = await PageAsync($"/play/{activity}/me?utm_source=weibo", player: null, "zh-CN");

        Assert.Equal($"/play/{activity}?utm_source=wechat&lang=zh-CN", page.QuerySelector("[data-testid=language-switch]")?.GetAttribute("href"));
        Assert.Equal($"/play/{activity}/me?utm_source=weibo&lang=en", me.QuerySelector("[data-testid=language-switch]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task A_prize_released_daily_is_won_once_per_day_and_the_view_says_when_the_next_comes()
    {
        var tenant = await api.NewTenantAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        var definition = SlottedDefinition(start, start.AddDays(3), new { every = "day" });
        var activity = await ApiSteps.CreateRunningAsync(tenant, definition);
        var player = await api.NewPlayerAsync();

        var first = await (await ApiSteps.DrawAsync(player, activity)).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await ApiSteps.DrawAsync(player, activity)).Content.ReadFromJsonAsync<JsonElement>();
        var view = await player.GetFromJsonAsync<JsonElement>($"/api/activities/{activity}");

        Assert.True(first.GetProperty("won").GetBoolean());
        Assert.False(second.GetProperty("won").GetBoolean()); // today's one unit is gone; odds 100%, no re-weighting
        Assert.False(view.GetProperty("soldOut").GetBoolean());
        Assert.Equal(start.AddDays(1).ToUnixTimeSeconds(), view.GetProperty("nextPrizesAt").GetDateTimeOffset().ToUnixTimeSeconds());
        var stats = await ApiSteps.StatsAsync(tenant, activity);
        Assert.Equal(2, stats.GetProperty("prizes")[0].GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task Slot_mistakes_are_refused_at_their_paths()
    {
        var tenant = await api.NewTenantAsync();
        var start = DateTimeOffset.UtcNow.AddHours(1);
        var definition = SlottedDefinition(start, start.AddDays(3).AddHours(5), new { every = "day", quotas = new[] { 1, -1 } });

        var response = await tenant.PostAsJsonAsync("/api/admin/activities", definition);
        var unknown = await tenant.PostAsJsonAsync("/api/admin/activities", SlottedDefinition(start, start.AddDays(1), new { every = "fortnightly" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("tiers[0].prizes[0].slots.every", out var every), errors.ToString());
        Assert.Contains("whole number of day slots", every[0].GetString(), StringComparison.Ordinal);
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("tiers[0].prizes[0].slots.every", out _), problem.ToString());
    }

    [Fact]
    public void The_document_reads_and_writes_slots_in_camel_case()
    {
        var json = """
            {"name":"Hourly","kind":"instant","startsAt":"2030-01-01T00:00:00Z","endsAt":"2030-01-01T03:00:00Z",
             "rules":{"chancesPerPlayer":3},
             "tiers":[{"name":"Top","probability":0.5,"prizes":[{"name":"Mug","kind":"physical","stock":6,"slots":{"every":"hour","quotas":[1,2,3]}}]}]}
            """;
        var document = JsonSerializer.Deserialize<ActivityDocument>(json, JsonSerializerOptions.Web);

        var definition = ActivityDocuments.ToDefinition(document);

        Assert.True(definition.IsSuccess, string.Join("; ", definition.ValidationErrors.Select(e => $"{e.Path}: {e.Message}")));
        var slots = definition.Value.Tiers[0].Prizes[0].Slots!;
        Assert.Equal(TimeSpan.FromHours(1), slots.Every);
        Assert.Equal([1, 2, 3], slots.Quotas!);
        var written = JsonSerializer.SerializeToElement(ActivityDocuments.FromDefinition(definition.Value), JsonSerializerOptions.Web);
        var prize = written.GetProperty("tiers")[0].GetProperty("prizes")[0];
        Assert.Equal("hour", prize.GetProperty("slots").GetProperty("every").GetString());
        Assert.Equal("[1,2,3]", prize.GetProperty("slots").GetProperty("quotas").GetRawText());
    }

    private static object SlottedDefinition(DateTimeOffset start, DateTimeOffset end, object slots) => new
    {
        name = "Daily " + Guid.NewGuid().ToString("N")[..6],
        kind = "instant",
        startsAt = start,
        endsAt = end,
        rules = new { chancesPerPlayer = 5 },
        tiers = new[] { new { name = "Daily prize", probability = 1m, prizes = new[] { new { name = "Mug " + Guid.NewGuid().ToString("N")[..6], kind = "physical", stock = 3, slots } } } },
    };

    /// <summary>The page as a player's browser gets it: the session cookie the player page set (or none).</summary>
    private async Task<IHtmlDocument> PageAsync(string path, HttpClient? player, string? acceptLanguage = null)
    {
        using var http = api.CreateClient(new() { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (player?.DefaultRequestHeaders.Authorization?.Parameter is { } token)
        {
            request.Headers.Add("Cookie", $"lottery.player={token}");
        }

        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }
}
