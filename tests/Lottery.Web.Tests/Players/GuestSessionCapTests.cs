using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lottery.Domain.Players;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Tests.Players;

/// <summary>
/// Two apps on real sockets (Kestrel: the connection has an address), both capping new guest sessions at 3 per address
/// per hour with proof of work on at 6 bits: <see cref="Proxied"/> believes X-Forwarded-For from the loopback proxy,
/// <see cref="Direct"/> has no proxy configured and so ignores the header.
/// </summary>
public sealed class CappedApps : IAsyncLifetime
{
    public const int Cap = 3;

    private static readonly Dictionary<string, string> Friction = new()
    {
        ["Players:GuestSessionsPerAddressPerHour"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Players:ProofOfWork:Difficulty"] = "6",
    };

    public LotteryApiFactory Proxied { get; } = new(StoreMode.EmbeddedSqlite, new Dictionary<string, string>(Friction)
    {
        ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        ["ForwardedHeaders:KnownProxies:1"] = "::1",
    });

    public LotteryApiFactory Direct { get; } = new(StoreMode.EmbeddedSqlite, Friction);

    public static HttpClient Client(LotteryApiFactory app) => new() { BaseAddress = app.BaseAddress };

    public async Task InitializeAsync()
    {
        await Proxied.StartOnKestrelAsync();
        await Direct.StartOnKestrelAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Proxied).DisposeAsync();
        await ((IAsyncLifetime)Direct).DisposeAsync();
    }
}

/// <summary>The cap on new guest sessions per address per hour: a script in a loop gets at most the cap.</summary>
public sealed class GuestSessionCapTests(CappedApps apps) : IClassFixture<CappedApps>
{
    [Fact]
    public async Task A_script_opening_sessions_in_a_loop_gets_at_most_the_cap_while_another_address_still_can()
    {
        var http = CappedApps.Client(apps.Proxied);
        var farmer = NewAddress();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        // What a farming script does: solve the puzzle in code and ask again, 10 times.
        for (var i = 0; i < 10; i++)
        {
            var response = await GuestSessionClient.PostAsync(http, "Farmer" + i, forwardedFor: farmer);
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, CappedApps.Cap), statuses.Take(CappedApps.Cap));
        Assert.All(statuses.Skip(CappedApps.Cap), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        var problem = await refused!.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("too-many-attempts", problem.GetProperty("code").GetString());
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        Assert.Equal(CappedApps.Cap, await GuestSessionsFromAsync(apps.Proxied, farmer));

        // Someone else behind the same proxy is not affected.
        Assert.Equal(HttpStatusCode.Created, (await GuestSessionClient.PostAsync(http, "Neighbour", forwardedFor: NewAddress())).StatusCode);
    }

    [Fact]
    public async Task Parallel_requests_from_one_address_never_open_more_than_the_cap()
    {
        var http = CappedApps.Client(apps.Proxied);
        var farmer = NewAddress();
        // Every puzzle solved first, then all requests at once: the race the second count after saving is there for.
        var solved = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => GuestSessionClient.SolveAsync(http)));

        var responses = await Task.WhenAll(solved.Select((s, i) => GuestSessionClient.PostSolvedAsync(http, s.Challenge, s.Nonce, "Racer" + i, forwardedFor: farmer)));

        var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.InRange(created, 1, CappedApps.Cap);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.Equal(created, await GuestSessionsFromAsync(apps.Proxied, farmer));
    }

    [Fact]
    public async Task Without_configured_proxies_X_Forwarded_For_is_ignored()
    {
        var http = CappedApps.Client(apps.Direct);
        // Each request claims another address; the app counts the connection's own, so the fourth is refused.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= CappedApps.Cap; i++)
        {
            statuses.Add((await GuestSessionClient.PostAsync(http, "Liar" + i, forwardedFor: NewAddress())).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Created, CappedApps.Cap), HttpStatusCode.TooManyRequests], statuses);
        var addresses = await apps.Direct.QueryAsync(db => db.PlayerSessions.IgnoreQueryFilters().Select(s => s.IpAddress).Distinct().ToListAsync());
        var address = System.Net.IPAddress.Parse(Assert.Single(addresses)!);
        Assert.True(System.Net.IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address), address.ToString());
    }

    private static string NewAddress() => $"203.0.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";

    private static Task<int> GuestSessionsFromAsync(LotteryApiFactory app, string address) =>
        app.QueryAsync(db => db.PlayerSessions.IgnoreQueryFilters().Where(s => s.IpAddress == address)
            .Join(db.Players.IgnoreQueryFilters().Where(p => p.Kind == PlayerIdentityKind.Guest), s => s.PlayerId, p => p.Id, (s, p) => s.Id)
            .CountAsync());
}
