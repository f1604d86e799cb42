using System.Net.Http.Json;
using System.Text.Json;
using Lottery.Web.Features.Players;

namespace Lottery.TestSupport;

/// <summary>
/// Opens guest sessions the way a well-behaved client does when bot friction is on: fetches a proof-of-work challenge
/// (<c>GET /api/player/challenge</c>), solves it in C# (<see cref="ProofOfWorkHash.Solve"/>) and sends the answer with
/// the session request. With proof of work off (difficulty 0) it sends no answer.
/// </summary>
public static class GuestSessionClient
{
    public static async Task<JsonElement> ChallengeAsync(HttpClient http, Guid? activityId = null)
    {
        var url = activityId is null ? "/api/player/challenge" : $"/api/player/challenge?activityId={activityId}";
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"challenge: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A solved challenge's fields: <c>(challenge, nonce)</c>, or nulls when no proof is needed.</summary>
    public static async Task<(string? Challenge, string? Nonce)> SolveAsync(HttpClient http, Guid? activityId = null)
    {
        var challenge = await ChallengeAsync(http, activityId);
        var difficulty = challenge.GetProperty("difficulty").GetInt32();
        if (difficulty == 0)
        {
            return (null, null);
        }

        var text = challenge.GetProperty("challenge").GetString()!;
        return (text, ProofOfWorkHash.Solve(text, difficulty));
    }

    /// <summary>
    /// <c>POST /api/player/sessions</c> with a solved challenge; <paramref name="forwardedFor"/> sets X-Forwarded-For
    /// (believed only by an app configured to trust the caller as a proxy).
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string? nickname = null, Guid? activityId = null, string? forwardedFor = null)
    {
        var (challenge, nonce) = await SolveAsync(http, activityId);
        return await PostSolvedAsync(http, challenge, nonce, nickname, activityId, forwardedFor);
    }

    public static async Task<HttpResponseMessage> PostSolvedAsync(HttpClient http, string? challenge, string? nonce, string? nickname = null,
        Guid? activityId = null, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/player/sessions")
        {
            Content = JsonContent.Create(new { nickname, activityId, challenge, nonce }),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await http.SendAsync(request);
    }
}
