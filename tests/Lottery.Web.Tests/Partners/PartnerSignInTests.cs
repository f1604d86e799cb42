using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lottery.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using static Lottery.Web.Tests.Partners.PartnerSteps;

namespace Lottery.Web.Tests.Partners;

/// <summary>Partner tokens exchanged for sessions: what is accepted, what is refused and how, and who the player is.</summary>
public sealed class PartnerSignInTests(EmbeddedSqliteApi api) : IClassFixture<EmbeddedSqliteApi>
{
    [Fact]
    public async Task A_valid_token_opens_a_session_of_the_partner_player_with_its_name_and_a_cookie()
    {
        var tenant = await api.NewTenantAsync();
        var key = await CreateKeyAsync(tenant);

        var response = await ExchangeAsync(api, Sign(key.KeyId, key.Secret, "user-42", name: "Ada"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var playerId = body.GetProperty("playerId").GetGuid();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("token").GetString()));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("lottery.player=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        var player = await api.QueryAsync(db => db.Players.SingleAsync(p => p.Id == playerId));
        Assert.Equal(Domain.Players.PlayerIdentityKind.Partner, player.Kind);
        Assert.Equal("user-42", player.PartnerUserId);
        Assert.Equal("Ada", player.Nickname);
    }

    [Fact]
    public async Task Sessions_of_one_sub_are_one_player_and_another_sub_is_another()
    {
        var tenant = await api.NewTenantAsync();
        var key = await CreateKeyAsync(tenant);

        var (_, first) = await PartnerPlayerAsync(api, Sign(key.KeyId, key.Secret, "same-user"));
        var (_, second) = await PartnerPlayerAsync(api, Sign(key.KeyId, key.Secret, "same-user"));
        var (_, other) = await PartnerPlayerAsync(api, Sign(key.KeyId, key.Secret, "other-user"));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Equal(2, await api.QueryAsync(db => db.PlayerSessions.CountAsync(s => s.PlayerId == first)));
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "forged signature", "forged" },
        { "expired", "expired" },
        { "expires more than 24 hours ahead", "too-far" },
        { "not valid yet", "not-yet" },
        { "unknown kid", "unknown-kid" },
        { "no kid", "no-kid" },
        { "alg none", "none" },
        { "HS512 with another key", "hs512-other" },
        { "no sub", "no-sub" },
        { "garbage", "garbage" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_token_is_refused_with_401_invalid_credentials_and_creates_nothing(string because, string kind)
    {
        var tenant = await api.NewTenantAsync();
        var key = await CreateKeyAsync(tenant);
        var now = DateTime.UtcNow;
        var token = kind switch
        {
            "forged" => Sign(key.KeyId, key.Secret[..^4] + "AAAA", "user-1"),
            "expired" => Sign(key.KeyId, key.Secret, "user-1", expires: now.AddMinutes(-5)),
            "too-far" => Sign(key.KeyId, key.Secret, "user-1", expires: now.AddHours(25)),
            "not-yet" => Sign(key.KeyId, key.Secret, "user-1", expires: now.AddHours(2), notBefore: now.AddHours(1)),
            "unknown-kid" => Sign("pk_" + Guid.NewGuid().ToString("N"), key.Secret, "user-1"),
            "no-kid" => Sign(null!, key.Secret, "user-1"),
            "none" => UnsignedToken(key.KeyId, "user-1"),
            "hs512-other" => Sign(key.KeyId, new string('k', 64), "user-1", algorithm: SecurityAlgorithms.HmacSha512),
            "no-sub" => Sign(key.KeyId, key.Secret, null),
            _ => "this.is.not-a-jwt",
        };
        var players = await api.QueryAsync(db => db.Players.CountAsync());

        var response = await ExchangeAsync(api, token);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{because}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid-credentials", problem.GetProperty("code").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.DoesNotContain(key.Secret, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("IDX", detail, StringComparison.Ordinal); // no library internals
        Assert.False(response.Headers.Contains("Set-Cookie"), because);
        Assert.Equal(players, await api.QueryAsync(db => db.Players.CountAsync()));
    }

    [Fact]
    public async Task The_refusal_says_what_to_fix_for_an_expired_token_and_one_that_lives_too_long()
    {
        var tenant = await api.NewTenantAsync();
        var key = await CreateKeyAsync(tenant);

        var expired = await ExchangeAsync(api, Sign(key.KeyId, key.Secret, "u", expires: DateTime.UtcNow.AddMinutes(-5)));
        var tooFar = await ExchangeAsync(api, Sign(key.KeyId, key.Secret, "u", expires: DateTime.UtcNow.AddHours(30)));

        Assert.Contains("expired", (await expired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("24 hours", (await tooFar.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_of_a_revoked_key_is_refused_at_once_while_players_already_in_keep_playing()
    {
        var tenant = await api.NewTenantAsync();
        var key = await CreateKeyAsync(tenant);
        var activity = await ApiSteps.CreateRunningAsync(tenant, PartnerDefinition(chances: 5));
        var (signedIn, _) = await PartnerPlayerAsync(api, Sign(key.KeyId, key.Secret, "user-7"));

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.DeleteAsync($"/api/admin/partner-keys/{key.KeyId}")).StatusCode);
        var response = await ExchangeAsync(api, Sign(key.KeyId, key.Secret, "user-7"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid-credentials", await ApiSteps.ProblemCodeAsync(response));
        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(signedIn, activity)).StatusCode);
    }

    [Fact]
    public async Task Another_tenants_key_opens_a_session_but_its_player_may_not_play_this_tenants_partner_activity()
    {
        var tenantA = await api.NewTenantAsync();
        var tenantB = await api.NewTenantAsync();
        var keyOfA = await CreateKeyAsync(tenantA);
        var activityOfB = await ApiSteps.CreateRunningAsync(tenantB, PartnerDefinition());
        var activityOfA = await ApiSteps.CreateRunningAsync(tenantA, PartnerDefinition());
        var (player, _) = await PartnerPlayerAsync(api, Sign(keyOfA.KeyId, keyOfA.Secret, "user-a"));

        var onB = await ApiSteps.DrawAsync(player, activityOfB);
        var onA = await ApiSteps.DrawAsync(player, activityOfA);

        Assert.Equal(HttpStatusCode.Forbidden, onB.StatusCode);
        Assert.Equal("identity-required", await ApiSteps.ProblemCodeAsync(onB));
        Assert.Equal(HttpStatusCode.OK, onA.StatusCode);
        var viewOfB = await player.GetFromJsonAsync<JsonElement>($"/api/activities/{activityOfB}");
        Assert.Equal("partner", viewOfB.GetProperty("identity").GetString());
        Assert.False(viewOfB.GetProperty("identityMet").GetBoolean());
        Assert.True((await player.GetFromJsonAsync<JsonElement>($"/api/activities/{activityOfA}")).GetProperty("identityMet").GetBoolean());
        Assert.Equal(0, await api.QueryAsync(db => db.DrawRecords.IgnoreQueryFilters().CountAsync(r => r.ActivityId == activityOfB)));
    }

    [Fact]
    public async Task A_guest_on_a_partner_activity_is_refused_and_the_view_says_who_may_play()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, PartnerDefinition());
        var guest = await api.NewPlayerAsync();

        var draw = await ApiSteps.DrawAsync(guest, activity);

        Assert.Equal("identity-required", await ApiSteps.ProblemCodeAsync(draw));
        var anonymous = await api.CreateClient().GetFromJsonAsync<JsonElement>($"/api/activities/{activity}");
        Assert.Equal("partner", anonymous.GetProperty("identity").GetString());
        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("identityMet").ValueKind);
        var guestGuest = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition());
        Assert.Equal("guest", (await guest.GetFromJsonAsync<JsonElement>($"/api/activities/{guestGuest}")).GetProperty("identity").GetString());
    }

    [Fact]
    public async Task The_token_made_by_the_documented_csharp_snippet_is_accepted()
    {
        var tenant = await api.NewTenantAsync();
        var key = await CreateKeyAsync(tenant);

        var response = await ExchangeAsync(api, DocumentedSnippet.SignPartnerToken(key.KeyId, key.Secret, "doc-user", "Grace"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task The_guide_holds_exactly_the_tested_csharp_snippet()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Lottery.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        var source = await File.ReadAllTextAsync(Path.Combine(root, "tests/Lottery.Web.Tests/Partners/DocumentedSnippet.cs"));
        var guide = await File.ReadAllTextAsync(Path.Combine(root, "docs/partner-sign-in.md"));
        var start = source.IndexOf("// snippet-start", StringComparison.Ordinal) + "// snippet-start".Length;
        var lines = source[start..source.IndexOf("// snippet-end", StringComparison.Ordinal)]
            .Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).Select(l => l.Length >= 4 ? l[4..] : l).ToList();
        var body = string.Join("\n", lines).Replace("public static string", "static string", StringComparison.Ordinal);
        var normalizedGuide = string.Join("\n", guide.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0));

        Assert.Contains(body, normalizedGuide, StringComparison.Ordinal);
    }
}
