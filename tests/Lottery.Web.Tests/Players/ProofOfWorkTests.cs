using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lottery.Domain.Players;
using Lottery.Web.Features.Players;
using Lottery.Web.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Web.Tests.Players;

/// <summary>The app with guest proof of work on at 8 bits (platform default) and no cap per address.</summary>
public sealed class ProofOfWorkApi() : LotteryApiFactory(StoreMode.EmbeddedSqlite, new Dictionary<string, string>
{
    ["Players:ProofOfWork:Difficulty"] = "8",
});

/// <summary>Guest sessions need a solved, signed, unexpired, unused challenge (docs/decisions/027-guest-bot-friction.md).</summary>
public sealed class ProofOfWorkTests(ProofOfWorkApi api) : IClassFixture<ProofOfWorkApi>
{
    private HttpClient Anonymous() => api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

    [Fact]
    public async Task A_session_without_a_solution_is_refused_and_creates_no_player()
    {
        var http = Anonymous();
        var before = await GuestCountAsync();

        var response = await http.PostAsJsonAsync("/api/player/sessions", new { nickname = "Bot" });

        await AssertRefusedAsync(response);
        Assert.Equal(before, await GuestCountAsync());
    }

    [Fact]
    public async Task A_solved_challenge_opens_a_session_once_and_a_replay_is_refused()
    {
        var http = Anonymous();
        var challenge = await GuestSessionClient.ChallengeAsync(http);
        Assert.Equal(8, challenge.GetProperty("difficulty").GetInt32());
        Assert.True(challenge.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        var text = challenge.GetProperty("challenge").GetString()!;
        var nonce = ProofOfWorkHash.Solve(text, 8);

        var first = await GuestSessionClient.PostSolvedAsync(http, text, nonce, "Mia");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(string.IsNullOrEmpty((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()));

        var replay = await GuestSessionClient.PostSolvedAsync(http, text, nonce, "Mia again");
        await AssertRefusedAsync(replay, "already used");
    }

    [Fact]
    public async Task Two_parallel_uses_of_one_solution_open_exactly_one_session()
    {
        var http = Anonymous();
        var (challenge, nonce) = await GuestSessionClient.SolveAsync(http);
        var before = await GuestCountAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => GuestSessionClient.PostSolvedAsync(http, challenge, nonce, "Twin" + i)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(before + 1, await GuestCountAsync());
    }

    [Fact]
    public async Task A_wrong_answer_is_refused()
    {
        var http = Anonymous();
        var (challenge, _) = await GuestSessionClient.SolveAsync(http);
        // The first decimal nonce that does NOT give 8 leading zero bits.
        var wrong = Enumerable.Range(0, 1000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .First(n => !ProofOfWorkHash.Solves(challenge!, n, 8));

        await AssertRefusedAsync(await GuestSessionClient.PostSolvedAsync(http, challenge, wrong), "wrong");
        // The challenge was not spent by the wrong answer: the right one still works.
        Assert.Equal(HttpStatusCode.Created, (await GuestSessionClient.PostSolvedAsync(http, challenge, ProofOfWorkHash.Solve(challenge!, 8))).StatusCode);
    }

    [Fact]
    public async Task A_tampered_challenge_is_refused_whatever_field_changed()
    {
        var http = Anonymous();
        var (challenge, _) = await GuestSessionClient.SolveAsync(http);
        var parts = challenge!.Split('.');

        // An easier difficulty written into the readable part (and solved at that level): the signature no longer matches.
        var easier = string.Join('.', parts[0], parts[1], parts[2], "1", parts[4], parts[5]);
        await AssertRefusedAsync(await GuestSessionClient.PostSolvedAsync(http, easier, ProofOfWorkHash.Solve(easier, 1)));

        // A later expiry.
        var later = string.Join('.', parts[0], parts[1], (long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture), parts[3], parts[4], parts[5]);
        await AssertRefusedAsync(await GuestSessionClient.PostSolvedAsync(http, later, ProofOfWorkHash.Solve(later, 8)));

        // A changed signature, and a made-up challenge with no signature at all.
        var signature = parts[5].ToCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        var forged = string.Join('.', parts[..5]) + "." + new string(signature);
        await AssertRefusedAsync(await GuestSessionClient.PostSolvedAsync(http, forged, ProofOfWorkHash.Solve(forged, 8)));
        var unsigned = string.Join('.', parts[..5]);
        await AssertRefusedAsync(await GuestSessionClient.PostSolvedAsync(http, unsigned, ProofOfWorkHash.Solve(unsigned, 8)));
    }

    [Fact]
    public async Task An_expired_challenge_is_refused()
    {
        var http = Anonymous();
        var (challenge, nonce) = await GuestSessionClient.SolveAsync(http);
        await using var scope = api.Services.CreateAsyncScope();
        // The same node's checker six minutes later (challenges live five): the app's own keys, a later clock.
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(6));
        var checker = ActivatorUtilities.CreateInstance<ProofOfWork>(scope.ServiceProvider, later);

        var error = await checker.VerifyAndSpendAsync(null, challenge, nonce, CancellationToken.None);

        Assert.Equal("proof-of-work-required", error?.Code);
        Assert.Contains("expired", error!.Message, StringComparison.Ordinal);
        // Still within its lifetime on the real clock, the same answer is accepted (it was not spent by the refusal).
        Assert.Equal(HttpStatusCode.Created, (await GuestSessionClient.PostSolvedAsync(http, challenge, nonce)).StatusCode);
    }

    [Fact]
    public async Task The_activity_tenant_difficulty_applies_and_challenges_do_not_cross_tenants()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition());
        await SetTenantDifficultyAsync(activity, 11);
        var http = Anonymous();

        var challenge = await GuestSessionClient.ChallengeAsync(http, activity);
        Assert.Equal(11, challenge.GetProperty("difficulty").GetInt32());

        // A platform challenge (8 bits, no tenant) does not open a session for this tenant's activity.
        var (platform, platformNonce) = await GuestSessionClient.SolveAsync(http);
        await AssertRefusedAsync(await GuestSessionClient.PostSolvedAsync(http, platform, platformNonce, activityId: activity));
        Assert.Equal(HttpStatusCode.Created, (await GuestSessionClient.PostAsync(http, "Lin", activity)).StatusCode);

        // A tenant that turns proof of work off: no challenge to solve, a session straight away.
        var relaxed = await ApiSteps.CreateRunningAsync(await api.NewTenantAsync(), ApiSteps.Definition());
        await SetTenantDifficultyAsync(relaxed, 0);
        Assert.Equal(0, (await GuestSessionClient.ChallengeAsync(http, relaxed)).GetProperty("difficulty").GetInt32());
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/player/sessions", new { activityId = relaxed })).StatusCode);
    }

    [Fact]
    public async Task An_unknown_activity_gets_no_challenge_and_no_session()
    {
        var http = Anonymous();
        var unknown = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/player/challenge?activityId={unknown}")).StatusCode);
        var (challenge, nonce) = await GuestSessionClient.SolveAsync(http);
        Assert.Equal(HttpStatusCode.NotFound, (await GuestSessionClient.PostSolvedAsync(http, challenge, nonce, activityId: unknown)).StatusCode);
    }

    private async Task SetTenantDifficultyAsync(Guid activityId, int difficulty) =>
        await api.QueryAsync(async db =>
        {
            var tenantId = await db.Activities.IgnoreQueryFilters().Where(a => a.Id == activityId).Select(a => a.TenantId).SingleAsync();
            var tenant = await db.Tenants.IgnoreQueryFilters().SingleAsync(t => t.Id == tenantId);
            Assert.True(tenant.SetRiskSettings(difficulty, null).IsSuccess);
            return await db.SaveChangesAsync();
        });

    private Task<int> GuestCountAsync() =>
        api.QueryAsync(db => db.Players.IgnoreQueryFilters().CountAsync(p => p.Kind == PlayerIdentityKind.Guest));

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string? saying = null)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("proof-of-work-required", problem.GetProperty("code").GetString());
        Assert.Equal("/problems/proof-of-work-required", problem.GetProperty("type").GetString());
        if (saying is not null)
        {
            Assert.Contains(saying, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
