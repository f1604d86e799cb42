using System.Net.Http.Json;
using System.Text.Json;

namespace Lottery.Bench;

/// <summary>A player created through <c>POST /api/player/sessions</c>: its id and the ready-made Authorization header value.</summary>
internal sealed record BenchPlayer(Guid Id, string Authorization);

/// <summary>
/// Sets the app up through its public API only, as a tenant's systems would: a tenant (platform key), its management
/// key, published activities, guest players; and reads an activity's stats.
/// </summary>
internal sealed class LotteryApiClient(Uri baseAddress, string platformKey) : IDisposable
{
    /// <summary>Large enough that no run sells out or runs out of chances (10,000 is the most a definition allows).</summary>
    public const int Stock = 10_000_000;

    public const int ChancesPerPlayer = 10_000;

    /// <summary>One draw in ten wins: wins are written too (win rows), as in a real campaign.</summary>
    public const decimal WinProbability = 0.1m;

    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    private string? _tenantKey;

    public async Task CreateTenantAsync()
    {
        var slug = "bench-" + Guid.NewGuid().ToString("N")[..8];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/platform/tenants")
        {
            Content = JsonContent.Create(new { name = "Benchmark " + slug, slug }),
        };
        request.Headers.Add("X-Api-Key", platformKey);
        var created = await SendAsync(request);
        _tenantKey = created.GetProperty("apiKey").GetString();
    }

    /// <summary>Creates and publishes an instant activity (running now, large stock and chances, no win limit).</summary>
    public async Task<Guid> CreateRunningActivityAsync(string name)
    {
        var definition = new
        {
            name,
            kind = "instant",
            startsAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            endsAt = DateTimeOffset.UtcNow.AddDays(1),
            drawAt = (DateTimeOffset?)null,
            rules = new { chancesPerPlayer = ChancesPerPlayer, chancesPerDay = (int?)null, maxWinsPerPlayer = (int?)null },
            tiers = new[]
            {
                new { name = "Voucher", probability = WinProbability, prizes = new[] { new { name = "Voucher " + name, kind = "virtual", stock = Stock } } },
            },
            gameplay = new { type = "wheel" },
        };
        using var create = TenantRequest(HttpMethod.Post, "/api/admin/activities", JsonContent.Create(definition));
        var id = (await SendAsync(create)).GetProperty("id").GetGuid();
        using var publish = TenantRequest(HttpMethod.Post, $"/api/admin/activities/{id}/publish", null);
        var status = (await SendAsync(publish)).GetProperty("status").GetString();
        return status == "Running" ? id : throw new InvalidOperationException($"Activity {id} is {status} after publishing, not Running.");
    }

    public async Task<IReadOnlyList<BenchPlayer>> CreatePlayersAsync(int count)
    {
        var players = new BenchPlayer[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/player/sessions") { Content = JsonContent.Create(new { nickname = $"bench{i}" }) };
            var session = await SendAsync(request);
            players[i] = new BenchPlayer(session.GetProperty("playerId").GetGuid(), "Bearer " + session.GetProperty("token").GetString());
        });
        return players;
    }

    /// <summary>The stats endpoint's <c>draws</c>: draw records persisted in the database.</summary>
    public async Task<long> PersistedDrawsAsync(Guid activityId)
    {
        using var request = TenantRequest(HttpMethod.Get, $"/api/admin/activities/{activityId}/stats", null);
        return (await SendAsync(request)).GetProperty("draws").GetInt64();
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage TenantRequest(HttpMethod method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Api-Key", _tenantKey ?? throw new InvalidOperationException("Create the tenant first."));
        return request;
    }

    private async Task<JsonElement> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {body}");
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
