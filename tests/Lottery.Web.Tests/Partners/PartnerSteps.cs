using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lottery.Web.Tests.Partners;

/// <summary>Partner keys through the management API, tokens signed as a host's server would, and partner players' clients.</summary>
public static class PartnerSteps
{
    public sealed record Key(string KeyId, string Secret);

    public static async Task<Key> CreateKeyAsync(HttpClient tenant, string? name = null)
    {
        var response = await tenant.PostAsJsonAsync("/api/admin/partner-keys", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Key(body.GetProperty("keyId").GetString()!, body.GetProperty("secret").GetString()!);
    }

    /// <summary>A running instant activity that only partner players (of the tenant) may play.</summary>
    public static object PartnerDefinition(int chances = 3, string identity = "partner") => new
    {
        name = "Partner campaign " + Guid.NewGuid().ToString("N")[..6],
        kind = "instant",
        startsAt = DateTimeOffset.UtcNow.AddHours(-1),
        endsAt = DateTimeOffset.UtcNow.AddDays(7),
        rules = new { chancesPerPlayer = chances, chancesPerDay = (int?)null, maxWinsPerPlayer = (int?)null },
        tiers = new[] { new { name = "First prize", probability = 0.5m, prizes = new[] { new { name = "Mug", kind = "physical", stock = 1000 } } } },
        gameplay = new { type = "wheel" },
        players = new { identity },
    };

    /// <summary>A token like a host's server signs it, with any header/claims the test needs.</summary>
    public static string Sign(string keyId, string secret, string? sub, DateTime? expires = null, string algorithm = SecurityAlgorithms.HmacSha256,
        string? name = null, DateTime? notBefore = null)
    {
        var claims = new Dictionary<string, object>();
        if (sub is not null)
        {
            claims["sub"] = sub;
        }

        if (name is not null)
        {
            claims["name"] = name;
        }

        var exp = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Expires = exp,
            NotBefore = notBefore ?? (exp < DateTime.UtcNow ? exp.AddMinutes(-10) : DateTime.UtcNow),
            IssuedAt = notBefore ?? (exp < DateTime.UtcNow ? exp.AddMinutes(-10) : DateTime.UtcNow),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)) { KeyId = keyId }, algorithm),
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) naming a real key: must never be accepted.</summary>
    public static string UnsignedToken(string keyId, string sub) =>
        $"{B64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + keyId + "\"}")}.{B64($"{{\"sub\":\"{sub}\",\"exp\":{DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds()}}}")}.";

    public static Task<HttpResponseMessage> ExchangeAsync(LotteryApiFactory api, string token) =>
        api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false })
            .PostAsJsonAsync("/api/player/sessions", new { partnerToken = token });

    /// <summary>A partner player's client (bearer token of a new session) and its player id.</summary>
    public static async Task<(HttpClient Client, Guid PlayerId)> PartnerPlayerAsync(LotteryApiFactory api, string token)
    {
        var response = await ExchangeAsync(api, token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()} {api.Errors}");
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        var client = api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("token").GetString());
        return (client, session.GetProperty("playerId").GetGuid());
    }

    private static string B64(string json) => Base64UrlEncoder.Encode(json);
}
