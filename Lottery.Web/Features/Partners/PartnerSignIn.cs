using Lottery.Domain.Players;
using Lottery.Web.Endpoints;
using Lottery.Web.Extensions;
using Lottery.Web.Features.Players;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lottery.Web.Features.Partners;

/// <summary>
/// <c>POST /api/player/sessions</c> with <c>{"partnerToken": "..."}</c>: a host app's signed token becomes a session of
/// the partner player (tenant of the key + <c>sub</c>); every session of one <c>sub</c> is the same player, so chances,
/// wins, entries and claims are shared. The session guard (block list) is asked before anything is created.
/// </summary>
public sealed class PartnerSignIn(PartnerTokens tokens, PlayerSessions sessions, ISessionGuard guard, TimeProvider clock)
{
    public async Task<Results<Created<PlayerSessionResponse>, ProblemHttpResult>> CreateSessionAsync(
        string token, string? source, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var validated = await tokens.ValidateAsync(token, cancellationToken);
        if (validated.IsFailure)
        {
            return Problems.From(validated);
        }

        var user = validated.Value;
        var ip = http.Connection.RemoteIpAddress?.ToString();
        if (await guard.CheckAsync(new SessionRequestContext(user.TenantId, PlayerIdentityKind.Partner, ip, PartnerUserId: user.Subject), cancellationToken)
            is { } refused)
        {
            return Problems.From(refused);
        }

        var candidate = Player.ForPartner(user.TenantId, user.Subject, user.Name, source, clock);
        if (candidate.IsFailure)
        {
            return Problems.From(candidate);
        }

        var ticket = await sessions.OpenVerifiedAsync(candidate.Value, ip, cancellationToken);
        return PlayerApi.Issue(http, ticket);
    }
}
