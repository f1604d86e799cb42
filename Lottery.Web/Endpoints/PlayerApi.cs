using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Draws;
using Lottery.Domain.Stock;
using Lottery.Web.Extensions;
using Lottery.Web.Features.Activities;
using Lottery.Web.Features.Draws;
using Lottery.Web.Features.Partners;
using Lottery.Web.Features.Players;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Lottery.Web.Endpoints;

/// <summary>
/// The body of <c>POST /api/player/sessions</c> for a guest: the page's <see cref="ActivityId"/> (its tenant's rules apply)
/// and the solved proof-of-work <see cref="Challenge"/> with its <see cref="Nonce"/> (docs/api.md). A host app sends its
/// signed <see cref="PartnerToken"/> (a JWT) instead (docs/partner-sign-in.md).
/// </summary>
public sealed record CreatePlayerSessionRequest(string? Nickname, string? Source = null, Guid? ActivityId = null, string? Challenge = null, string? Nonce = null,
    string? PartnerToken = null);

public sealed record PlayerSessionResponse(Guid PlayerId, string Token);

public sealed record SegmentView(int Index, string Label, string Color, string? Tier, Guid? PrizeId, string? Kind);

public sealed record ThemeView(string PrimaryColor, string AccentColor, string BackgroundColor, string TextColor, string? BackgroundImageUrl);

/// <summary>A task of the activity; for a known player also how often it counted today and whether today's allowance is used up.</summary>
public sealed record TaskView(string Kind, int Chances, int MaxPerDay, int? TimesToday = null, bool? DoneToday = null);

/// <summary>
/// The public view of an activity (<c>GET /api/activities/{id}</c>). For a known player of an instant activity it also
/// tells <see cref="RemainingChances"/> and <see cref="WinLimitReached"/> (true: every further draw is refused, whatever
/// the chances), and each task's state today. <see cref="Identity"/> says who may play (<c>guest</c>, <c>email</c>,
/// <c>partner</c>); <see cref="IdentityMet"/> whether the known player is such a player (null: no session).
/// </summary>
public sealed record PublicActivityView(
    Guid Id, string Name, string? Description, string Kind, string Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    DateTimeOffset? DrawAt, int ChancesPerPlayer, int? ChancesPerDay, int? MaxWinsPerPlayer, ThemeView Theme,
    IReadOnlyList<SegmentView> Segments, IReadOnlyList<TaskView> Tasks, int? RemainingChances,
    bool? Joined = null, int? Entrants = null, IReadOnlyList<ScheduledWinnerView>? Winners = null, bool? YouWon = null,
    string? SeedCommitment = null, string? EntrantsHash = null, string? Seed = null, bool SoldOut = false,
    DateTimeOffset? NextPrizesAt = null, bool? WinLimitReached = null, bool DrawsStopped = false,
    string Identity = "guest", bool? IdentityMet = null);

/// <summary>The body of <c>POST /api/me/wins/{id}/claim</c>.</summary>
public sealed record ClaimRequest(string? RecipientName, string? Phone, string? Line1, string? Line2, string? City, string? Region,
    string? PostalCode, string? Country);

public static class PlayerApi
{
    public const string DrawRateLimit = "draw";

    /// <summary>The player-facing API: guest sessions, the public activity view, draws and the player's wins.</summary>
    public static WebApplication MapPlayerApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Player");
        api.MapPost("/player/sessions", CreateSessionAsync).AllowAnonymous()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGuestSessionChallenge();
        api.MapGet("/activities/{id:guid}", GetActivityAsync).AllowAnonymous();
        api.MapGet("/activities/{id:guid}/verification", VerificationAsync).AllowAnonymous();
        api.MapPost("/activities/{id:guid}/draws", DrawAsync).RequireAuthorization(ApiPolicies.Player).RequireRateLimiting(DrawRateLimit)
            .RequirePlayerGate(PlayerAction.Draw).ProducesPlayerRefusals();
        api.MapGet("/me/wins", MyWinsAsync).RequireAuthorization(ApiPolicies.Player);
        api.MapPost("/me/wins/{winId:guid}/claim", ClaimAsync).RequireAuthorization(ApiPolicies.Player)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/activities/{id:guid}/tasks/{kind}", CompleteTaskAsync).RequireAuthorization(ApiPolicies.Player)
            .RequirePlayerGate(PlayerAction.Task).ProducesPlayerRefusals();
        api.MapPost("/activities/{id:guid}/entries", JoinAsync).RequireAuthorization(ApiPolicies.Player)
            .RequirePlayerGate(PlayerAction.Entry).ProducesPlayerRefusals();
        return app;
    }

    private static async Task<Results<Created<PlayerSessionResponse>, ProblemHttpResult>> CreateSessionAsync(
        [FromBody] CreatePlayerSessionRequest? request, GuestSessions guests, HttpContext http, CancellationToken cancellationToken)
    {
        var source = request?.Source ?? http.Request.Query["utm_source"].FirstOrDefault();
        if (request?.PartnerToken is { } partnerToken)
        {
            return await http.RequestServices.GetRequiredService<PartnerSignIn>().CreateSessionAsync(partnerToken, source, http, cancellationToken);
        }

        var created = await guests.CreateAsync(
            new GuestSessionRequest(request?.Nickname, source, request?.ActivityId, request?.Challenge, request?.Nonce), http, cancellationToken);
        if (created.IsFailure)
        {
            return Problems.From(created);
        }

        return Issue(http, created.Value);
    }

    /// <summary>Sets the player page's session cookie (HttpOnly) and answers 201 with the token for apps that send it as a bearer.</summary>
    internal static Created<PlayerSessionResponse> Issue(HttpContext http, SessionTicket ticket)
    {
        PlayerSessionCookie.Set(http, ticket.Token);
        return TypedResults.Created("/api/me/wins", new PlayerSessionResponse(ticket.PlayerId, ticket.Token));
    }

    private static async Task<Results<Ok<PublicActivityView>, ProblemHttpResult>> GetActivityAsync(
        Guid id, ActivityRuntimeCache activities, DrawService draws, PlayerActions actions, IStockStore stock, TimeProvider clock,
        HttpContext http, Features.Risk.RiskCache risk, CancellationToken cancellationToken)
    {
        if (await activities.GetAsync(id, cancellationToken) is not { } runtime || runtime.Activity.Status == ActivityStatus.Draft)
        {
            return Problems.NotFound("The activity");
        }

        Guid? playerId = null;
        PlayerStanding? standing = null;
        var player = await http.AuthenticateAsync(ApiSchemes.Player);
        if (player.Succeeded)
        {
            playerId = player.Principal.PlayerId();
            standing = await draws.StandingAsync(runtime, playerId.Value, cancellationToken);
        }

        var view = ToView(runtime, standing?.RemainingChances) with
        {
            WinLimitReached = standing?.WinLimitReached,
            DrawsStopped = await risk.DrawStopAsync(runtime.Activity.TenantId, cancellationToken) is not null, // stop-loss: shown as paused
            IdentityMet = player.Succeeded ? IdentityRequirementCheck.IsMet(runtime.Activity, player.Principal.Identity()) : null,
        };
        if (playerId is { } known && view.Tasks.Count > 0)
        {
            var today = await actions.TasksTodayAsync(runtime.Activity.Id, known, cancellationToken);
            view = view with
            {
                Tasks = [.. view.Tasks.Select(t =>
                {
                    var times = today.GetValueOrDefault(t.Kind);
                    return t with { TimesToday = times, DoneToday = times >= t.MaxPerDay };
                })],
            };
        }

        if (runtime.Activity.Kind == ActivityKind.Instant && runtime.Activity.Status is ActivityStatus.Running or ActivityStatus.Paused)
        {
            // Every prize gone: the page says so instead of letting players spin for nothing. Every prize left held back
            // by its time slots: the page says when the next ones come.
            var left = await stock.RemainingStockAsync(id, cancellationToken);
            view = view with { SoldOut = left.Values.All(l => l <= 0), NextPrizesAt = NextPrizesAt(runtime.Limits, left, clock.GetUtcNow()) };
        }

        if (runtime.Activity.Kind == ActivityKind.Scheduled)
        {
            var scheduled = await actions.ScheduledAsync(runtime.Activity, playerId, cancellationToken);
            var a = runtime.Activity;
            view = view with
            {
                Joined = scheduled.Joined,
                Entrants = scheduled.Entrants,
                Winners = scheduled.Winners,
                YouWon = scheduled.YouWon,
                SeedCommitment = a.SeedCommitment,
                EntrantsHash = a.EntrantsHash,
                Seed = a.Status == ActivityStatus.Drawn ? a.Seed : null, // revealed only once the winners are fixed
            };
        }

        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<VerificationData>, ProblemHttpResult>> VerificationAsync(
        Guid id, DrawVerification verification, CancellationToken cancellationToken) =>
        await verification.DataAsync(id, cancellationToken) is { } data ? TypedResults.Ok(data) : Problems.NotFound("The scheduled activity");

    private static async Task<Results<Ok<TaskResult>, ProblemHttpResult>> CompleteTaskAsync(
        Guid id, string kind, HttpContext http, PlayerActions actions, CancellationToken cancellationToken)
    {
        var result = await actions.CompleteTaskAsync(id, http.User.PlayerId(), kind, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result);
    }

    private static async Task<Results<Ok<EntryResult>, ProblemHttpResult>> JoinAsync(
        Guid id, HttpContext http, PlayerActions actions, CancellationToken cancellationToken)
    {
        var result = await actions.JoinAsync(id, http.User.PlayerId(), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result);
    }

    private static async Task<Results<Ok<MyWin>, ProblemHttpResult>> ClaimAsync(
        Guid winId, ClaimRequest? request, HttpContext http, PlayerActions actions, CancellationToken cancellationToken)
    {
        var address = new ShippingAddress(request?.RecipientName ?? "", request?.Phone ?? "", request?.Line1 ?? "", request?.Line2,
            request?.City ?? "", request?.Region, request?.PostalCode ?? "", request?.Country ?? "");
        var result = await actions.ClaimAsync(winId, http.User.PlayerId(), address, http.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result);
    }

    private static async Task<Results<Ok<DrawResponse>, ProblemHttpResult>> DrawAsync(
        Guid id, HttpContext http, DrawService draws, CancellationToken cancellationToken)
    {
        var key = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        if (key is { Length: > Limits.NameMaxLength })
        {
            return Problems.Invalid([new("Idempotency-Key", $"An idempotency key has at most {Limits.NameMaxLength} characters.")]);
        }

        var result = await draws.DrawAsync(id, http.User.PlayerId(), string.IsNullOrWhiteSpace(key) ? null : key, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result);
    }

    private static async Task<Ok<IReadOnlyList<MyWin>>> MyWinsAsync(Guid? activityId, HttpContext http, PlayerWins wins, CancellationToken cancellationToken) =>
        TypedResults.Ok(await wins.ForPlayerAsync(http.User.PlayerId(), activityId, http.Connection.RemoteIpAddress?.ToString(), cancellationToken));

    /// <summary>
    /// When prizes come again if every prize with stock left is held back by its time slots now; null when something can
    /// be won now, or nothing ever again.
    /// </summary>
    internal static DateTimeOffset? NextPrizesAt(ActivityLimits limits, IReadOnlyDictionary<Guid, int> left, DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var (prizeId, remaining) in left.Where(p => p.Value > 0))
        {
            if (limits.PrizeSlots?.GetValueOrDefault(prizeId) is not { } schedule)
            {
                return null; // a prize without slots can be won now
            }

            var issued = schedule.Total - remaining;
            if (schedule.AvailableAt(now, issued) > 0)
            {
                return null;
            }

            if (schedule.NextReleaseAfter(now, issued) is { } at && (next is null || at < next))
            {
                next = at;
            }
        }

        return next;
    }

    internal static PublicActivityView ToView(ActivityRuntime runtime, int? remainingChances)
    {
        var a = runtime.Activity;
        return new PublicActivityView(
            a.Id, a.Name, a.Description, a.Kind.ToString().ToLowerInvariant(), a.Status.ToString(), a.Schedule.StartsAt, a.Schedule.EndsAt,
            a.Schedule.DrawAt, a.Rules.ChancesPerPlayer, a.Rules.ChancesPerDay, a.Rules.MaxWinsPerPlayer,
            new ThemeView(a.Theme.PrimaryColor, a.Theme.AccentColor, a.Theme.BackgroundColor, a.Theme.TextColor, a.Theme.BackgroundImageUrl),
            [.. runtime.Wheel.Segments.Select(s => new SegmentView(s.Index, s.Label, s.Color,
                s.TierId is { } t ? runtime.TierNames[t] : null, s.PrizeId, s.PrizeKind?.ToString().ToLowerInvariant()))],
            [.. a.Tasks.Select(t => new TaskView(ActivityDocuments.ToCamel(t.Kind), t.Chances, t.MaxPerDay))],
            remainingChances, Identity: a.Players.Identity.ToString().ToLowerInvariant());
    }
}
