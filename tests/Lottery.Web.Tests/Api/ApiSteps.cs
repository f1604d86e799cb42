using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lottery.Web.Tests.Api;

/// <summary>Small steps the API tests share: build a definition, create and publish it, draw, read stats.</summary>
public static class ApiSteps
{
    public static object Definition(string prize = "Phone", int stock = 100, decimal probability = 1m, int chances = 3,
        int? maxWins = null, int? perDay = null, string kind = "instant", DateTimeOffset? drawAt = null, object[]? tasks = null) => new
    {
        name = "Campaign " + Guid.NewGuid().ToString("N")[..6],
        kind,
        startsAt = DateTimeOffset.UtcNow.AddHours(-1),
        endsAt = DateTimeOffset.UtcNow.AddDays(7),
        drawAt,
        rules = new { chancesPerPlayer = chances, chancesPerDay = perDay, maxWinsPerPlayer = maxWins },
        tiers = new[] { new { name = "First prize", probability, prizes = new[] { new { name = prize, kind = "physical", stock } } } },
        tasks = tasks ?? [],
        gameplay = new { type = "wheel" },
    };

    public static async Task<Guid> CreateRunningAsync(HttpClient tenant, object definition)
    {
        var created = await tenant.PostAsJsonAsync("/api/admin/activities", definition);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var published = await tenant.PostAsync($"/api/admin/activities/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Contains((await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString(), new[] { "Running", "Open" });
        return id;
    }

    public static Task<HttpResponseMessage> DrawAsync(HttpClient player, Guid activityId, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/activities/{activityId}/draws");
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return player.SendAsync(request);
    }

    public static async Task<JsonElement> StatsAsync(HttpClient tenant, Guid activityId)
    {
        var response = await tenant.GetAsync($"/api/admin/activities/{activityId}/stats");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls until the condition holds (Redis mode persists records asynchronously), failing after the timeout.</summary>
    public static Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(read, done, timeout);

    public static async Task<string?> ProblemCodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("code", out var code) ? code.GetString() : null;
}
