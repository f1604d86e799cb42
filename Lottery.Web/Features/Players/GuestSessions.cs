using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Lottery.Domain.Common;
using Lottery.Domain.Players;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Extensions;
using Lottery.Web.Features.Draws;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lottery.Web.Features.Players;

/// <summary>Section <c>Players</c>: how many new guest sessions one address may open per hour (0 = no cap).</summary>
public sealed class GuestSessionOptions
{
    public const string Section = "Players";

    [Range(0, 1_000_000)]
    public int GuestSessionsPerAddressPerHour { get; set; } = 20;
}

/// <summary>A guest's request for a session: the page's activity (its tenant's rules apply) and the proof-of-work answer.</summary>
public sealed record GuestSessionRequest(string? Nickname, string? Source, Guid? ActivityId, string? Challenge, string? Nonce);

/// <summary>
/// Opens guest sessions with bot friction: the session guard (block list), a cap on new guest sessions per address per
/// hour, and a solved proof-of-work challenge. A refusal changes nothing except spending a valid challenge.
/// </summary>
public sealed class GuestSessions(
    PlayerSessions sessions, ProofOfWork proofOfWork, ISessionGuard guard, ActivityRuntimeCache activities,
    IDbContextFactory<LotteryDbContext> contexts, IOptions<GuestSessionOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>Creates the session, or refuses it; a 429 refusal also sets the response's Retry-After.</summary>
    public async Task<Result<SessionTicket>> CreateAsync(GuestSessionRequest request, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(http);
        var ip = http.Connection.RemoteIpAddress?.ToString();
        Guid? tenantId = null;
        if (request.ActivityId is { } activityId)
        {
            if (await activities.GetAsync(activityId, cancellationToken) is not { } runtime)
            {
                return new Error(ErrorCodes.NotFound, "The activity was not found.");
            }

            tenantId = runtime.Activity.TenantId;
        }

        if (await guard.CheckAsync(new SessionRequestContext(tenantId, PlayerIdentityKind.Guest, ip), cancellationToken) is { } refused)
        {
            return refused;
        }

        var cap = options.Value.GuestSessionsPerAddressPerHour;
        if (cap > 0 && ip is not null && await RetryAfterAsync(ip, cap, including: false, cancellationToken) is { } wait)
        {
            return TooMany(http, wait);
        }

        if (await proofOfWork.VerifyAndSpendAsync(tenantId, request.Challenge, request.Nonce, cancellationToken) is { } unproven)
        {
            return unproven;
        }

        var created = await sessions.CreateGuestAsync(request.Nickname, request.Source, ip, cancellationToken);
        if (created.IsFailure || cap == 0 || ip is null)
        {
            return created;
        }

        // Counted again with this session in: requests racing past the first check each see the others that were saved
        // before them, so at most `cap` sessions survive (under a race a few more than needed may be refused, never fewer).
        if (await RetryAfterAsync(ip, cap, including: true, cancellationToken) is { } late)
        {
            await RevokeAsync(created.Value.PlayerId, cancellationToken);
            return TooMany(http, late);
        }

        return created;
    }

    /// <summary>
    /// When the address may open its next guest session, or null if it may now. <paramref name="including"/>: the count
    /// already holds the new session (the cap is exceeded only above <paramref name="cap"/>).
    /// </summary>
    private async Task<TimeSpan?> RetryAfterAsync(string ip, int cap, bool including, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var since = now - Window;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var recent = await db.PlayerSessions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.IpAddress == ip && s.CreatedAt > since)
            .Join(db.Players.IgnoreQueryFilters().Where(p => p.Kind == PlayerIdentityKind.Guest), s => s.PlayerId, p => p.Id, (s, p) => s.CreatedAt)
            .OrderBy(t => t)
            .Take(cap + 1_000)
            .ToListAsync(cancellationToken);
        var allowed = including ? cap : cap - 1;
        if (recent.Count <= allowed)
        {
            return null;
        }

        // The oldest sessions leave the window first; this many must leave before one more fits.
        var mustLeave = recent.Count - allowed;
        return recent[Math.Min(mustLeave, recent.Count) - 1] + Window - now;
    }

    private async Task RevokeAsync(Guid playerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.PlayerSessions.IgnoreQueryFilters().Where(s => s.PlayerId == playerId).ExecuteDeleteAsync(cancellationToken);
        await db.Players.IgnoreQueryFilters().Where(p => p.Id == playerId).ExecuteDeleteAsync(cancellationToken);
    }

    private static Error TooMany(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return new Error(ErrorCodes.TooManyAttempts,
            $"Too many new players from this network in the last hour; try again in {minutes} minute{(minutes == 1 ? "" : "s")}.");
    }
}

/// <summary>The guest-session routes of the player API that belong to bot friction.</summary>
public static class GuestSessionEndpoints
{
    /// <summary><c>GET /api/player/challenge?activityId=</c>: a proof-of-work challenge for a guest session.</summary>
    public static RouteGroupBuilder MapGuestSessionChallenge(this RouteGroupBuilder api)
    {
        api.MapGet("/player/challenge", ChallengeAsync).AllowAnonymous();
        return api;
    }

    private static async Task<Results<Ok<ProofOfWorkChallenge>, ProblemHttpResult>> ChallengeAsync(
        Guid? activityId, ProofOfWork proofOfWork, ActivityRuntimeCache activities, HttpContext http, CancellationToken cancellationToken)
    {
        Guid? tenantId = null;
        if (activityId is { } id)
        {
            if (await activities.GetAsync(id, cancellationToken) is not { } runtime)
            {
                return Problems.NotFound("The activity");
            }

            tenantId = runtime.Activity.TenantId;
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(await proofOfWork.IssueAsync(tenantId, cancellationToken));
    }
}
