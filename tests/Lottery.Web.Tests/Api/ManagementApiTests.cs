using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Tests.Api;

public sealed class ManagementApiTests(EmbeddedSqliteApi api) : IClassFixture<EmbeddedSqliteApi>
{
    private const string Valid = """
        {"name":"Spring wheel","kind":"instant","startsAt":"2030-03-01T00:00:00Z","endsAt":"2030-03-31T00:00:00Z","drawAt":null,
         "rules":{"chancesPerPlayer":3,"chancesPerDay":null,"maxWinsPerPlayer":1},
         "tiers":[{"name":"First prize","probability":0.01,"prizes":[{"name":"Phone","kind":"physical","stock":10}]}],"gameplay":{"type":"wheel"}}
        """;

    public static TheoryData<string, string, string[]> Malformed => new()
    {
        { "bad JSON", """{"name":"x","tiers":[ }""", ["tiers[0]"] },
        { "not JSON at all", "hello", [""] },
        { "missing fields", """{"name":"Only a name"}""", ["kind", "startsAt", "endsAt", "rules", "tiers"] },
        { "probability 1.5", Valid.Replace("0.01", "1.5", StringComparison.Ordinal), ["tiers[0].probability"] },
        { "negative stock", Valid.Replace("\"stock\":10", "\"stock\":-1", StringComparison.Ordinal), ["tiers[0].prizes[0].stock"] },
        { "ends before starts", Valid.Replace("2030-03-31", "2030-02-01", StringComparison.Ordinal), ["endsAt"] },
        { "10,000-character name", Valid.Replace("Spring wheel", new string('x', 10_000), StringComparison.Ordinal), ["name"] },
        { "unknown kind", Valid.Replace("\"instant\"", "\"lottery\"", StringComparison.Ordinal), ["kind"] },
        { "several faults at once", Valid.Replace("Spring wheel", "", StringComparison.Ordinal).Replace("0.01", "1.5", StringComparison.Ordinal)
            .Replace("\"stock\":10", "\"stock\":-1", StringComparison.Ordinal).Replace("2030-03-31", "2030-02-01", StringComparison.Ordinal),
            ["name", "tiers[0].probability", "tiers[0].prizes[0].stock", "endsAt"] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_definition_is_refused_with_every_reason_and_nothing_is_stored(string because, string body, string[] paths)
    {
        var tenant = await api.NewTenantAsync();
        var before = await CountsAsync();

        var response = await tenant.PostAsync("/api/admin/activities", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("/problems/validation", problem.GetProperty("type").GetString());
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(paths, path => Assert.Contains(path, errors));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_valid_definition_creates_a_draft_and_inline_prizes_join_the_catalogue()
    {
        var tenant = await api.NewTenantAsync();
        var response = await tenant.PostAsync("/api/admin/activities", new StringContent(Valid, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Draft", body.GetProperty("status").GetString());
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal(10, await api.QueryAsync(db => db.ActivityPrizes.IgnoreQueryFilters().Where(p => p.ActivityId == id).SumAsync(p => p.Allocated)));
    }

    [Fact]
    public async Task One_tenants_key_gets_404_for_another_tenants_activity()
    {
        var tenantA = await api.NewTenantAsync();
        var tenantB = await api.NewTenantAsync();
        var activityOfB = await ApiSteps.CreateRunningAsync(tenantB, ApiSteps.Definition());

        foreach (var request in new[]
        {
            tenantA.GetAsync($"/api/admin/activities/{activityOfB}/stats"),
            tenantA.GetAsync($"/api/admin/activities/{activityOfB}/winners"),
            tenantA.PostAsync($"/api/admin/activities/{activityOfB}/pause", null),
            tenantA.PostAsync($"/api/admin/activities/{activityOfB}/cancel", null),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await request).StatusCode);
        }

        Assert.Equal("Running", (await ApiSteps.StatsAsync(tenantB, activityOfB)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_illegal_transition_is_a_409_with_its_own_problem_type()
    {
        var tenant = await api.NewTenantAsync();
        var created = await tenant.PostAsync("/api/admin/activities", new StringContent(Valid, Encoding.UTF8, "application/json"));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var response = await tenant.PostAsync($"/api/admin/activities/{id}/pause", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("/problems/illegal-transition", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Publishing_more_than_the_pool_holds_is_refused_and_reserves_nothing()
    {
        var tenant = await api.NewTenantAsync();
        var first = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(prize: "Console", stock: 5));
        var second = await tenant.PostAsJsonAsync("/api/admin/activities", ApiSteps.Definition(prize: "Console", stock: 5));
        var id = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var response = await tenant.PostAsync($"/api/admin/activities/{id}/publish", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("stock-pool-short", problem.GetProperty("code").GetString());
        Assert.Contains("Console", problem.GetProperty("errors").EnumerateObject().Single().Value[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Running", (await ApiSteps.StatsAsync(tenant, first)).GetProperty("status").GetString());
        Assert.Equal("Draft", (await ApiSteps.StatsAsync(tenant, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_winners_csv_parses_back_to_the_wins()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(stock: 3, probability: 1m, chances: 3));
        var player = await api.NewPlayerAsync("Winnie");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(player, activity)).StatusCode);
        }

        var csv = await tenant.GetStringAsync($"/api/admin/activities/{activity}/winners?format=csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("WinId,PlayerId,Player,Prize,Kind,Tier", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.All(lines.Skip(1), line => Assert.Contains(",W***e,Phone,physical,First prize,", line, StringComparison.Ordinal));
        var json = await tenant.GetFromJsonAsync<JsonElement>($"/api/admin/activities/{activity}/winners");
        Assert.Equal(3, json.GetArrayLength());
    }

    [Fact]
    public async Task Calls_without_a_valid_key_or_token_are_401_problems()
    {
        var anonymous = api.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/admin/activities/{Guid.NewGuid()}/stats")).StatusCode);
        anonymous.DefaultRequestHeaders.Add("X-Api-Key", "not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/admin/activities/{Guid.NewGuid()}/stats")).StatusCode);
        var draw = await api.CreateClient().PostAsync($"/api/activities/{Guid.NewGuid()}/draws", null);
        Assert.Equal(HttpStatusCode.Unauthorized, draw.StatusCode);
        Assert.Equal("application/problem+json", draw.Content.Headers.ContentType?.MediaType);
        var platform = await api.CreateClient().PostAsJsonAsync("/api/platform/tenants", new { name = "X", slug = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, platform.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint()
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equivalent(new[]
        {
            "/api/player/sessions", "/api/player/challenge", "/api/activities/{id}", "/api/activities/{id}/draws", "/api/me/wins",
            "/api/admin/activities", "/api/admin/activities/{id}/publish", "/api/admin/activities/{id}/pause",
            "/api/admin/activities/{id}/resume", "/api/admin/activities/{id}/cancel", "/api/admin/activities/{id}/stats",
            "/api/admin/activities/{id}/reconciliation", "/api/admin/activities/{id}/draw",
            "/api/me/wins/{winId}/claim", "/api/activities/{id}/tasks/{kind}", "/api/activities/{id}/entries",
            "/api/activities/{id}/verification",
            "/api/admin/activities/{id}/winners", "/api/platform/tenants",
            "/api/admin/reviews", "/api/admin/reviews/{winId}/approve", "/api/admin/reviews/{winId}/reject",
            "/api/admin/prizes/{prizeId}/high-value",
        }, paths);
    }

    [Theory]
    [InlineData("/api/player/sessions", "post", new[] { "201", "400", "401", "403", "404", "429" })]
    [InlineData("/api/activities/{id}/draws", "post", new[] { "200", "400", "403", "404", "409", "429" })]
    [InlineData("/api/activities/{id}/tasks/{kind}", "post", new[] { "200", "403", "409" })]
    [InlineData("/api/activities/{id}/entries", "post", new[] { "200", "403", "409" })]
    [InlineData("/api/me/wins/{winId}/claim", "post", new[] { "200", "400", "403", "404", "409" })]
    public async Task The_openapi_document_tells_the_problems_a_player_request_can_answer(string path, string method, string[] statuses)
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses")
            .EnumerateObject().Select(r => r.Name).ToList();
        Assert.Subset(responses.ToHashSet(), statuses.ToHashSet());
    }

    [Fact]
    public async Task The_public_view_lists_the_wheel_and_a_players_remaining_chances()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(chances: 4));
        var player = await api.NewPlayerAsync();
        await ApiSteps.DrawAsync(player, activity);

        var view = await player.GetFromJsonAsync<JsonElement>($"/api/activities/{activity}");

        Assert.Equal("instant", view.GetProperty("kind").GetString());
        Assert.Equal(3, view.GetProperty("remainingChances").GetInt32());
        var segments = view.GetProperty("segments").EnumerateArray().ToList();
        Assert.Contains(segments, s => s.GetProperty("label").GetString() == "Phone");
        Assert.Contains(segments, s => s.GetProperty("label").GetString() == "Try again");
        var anonymousView = await api.CreateClient().GetFromJsonAsync<JsonElement>($"/api/activities/{activity}");
        Assert.Equal(JsonValueKind.Null, anonymousView.GetProperty("remainingChances").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await api.CreateClient().GetAsync($"/api/activities/{Guid.NewGuid()}")).StatusCode);
    }

    private Task<(int Activities, int Prizes)> CountsAsync() => api.QueryAsync(async db =>
        (await db.Activities.IgnoreQueryFilters().CountAsync(), await db.Prizes.IgnoreQueryFilters().CountAsync()));
}

public sealed class AddressRateLimitTests(AddressRateLimitedApi api) : IClassFixture<AddressRateLimitedApi>
{
    [Fact]
    public async Task Too_many_requests_from_one_address_are_answered_429_with_retry_after()
    {
        var client = api.CreateClient();

        // Twenty at once, within one period of which the address may use three; the rest learn when to come back.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync($"/api/activities/{Guid.NewGuid()}")));

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(17, limited.Count);
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.NotFound));
        Assert.All(limited, r => Assert.InRange(r.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)));
        Assert.Equal("rate-limited", await ApiSteps.ProblemCodeAsync(limited[0]));
    }
}

public sealed class PlayerRateLimitTests(PlayerRateLimitedApi api) : IClassFixture<PlayerRateLimitedApi>
{
    [Fact]
    public async Task A_player_drawing_more_than_five_times_in_one_period_is_answered_429_and_loses_no_chance()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(stock: 100, probability: 0.5m, chances: 20));
        var player = await api.NewPlayerAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => ApiSteps.DrawAsync(player, activity)));

        var accepted = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.True(responses.All(r => r.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests),
            $"{string.Join(", ", responses.Select(r => (int)r.StatusCode))}; {api.Errors}");
        Assert.Equal(5, accepted);
        var view = await player.GetFromJsonAsync<JsonElement>($"/api/activities/{activity}");
        Assert.Equal(15, view.GetProperty("remainingChances").GetInt32());
    }
}
