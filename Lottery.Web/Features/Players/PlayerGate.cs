using Lottery.Domain.Common;
using Lottery.Domain.Players;
using Lottery.Web.Extensions;
using Lottery.Web.Features.Draws;

namespace Lottery.Web.Features.Players;

/// <summary>What a player is about to do in an activity.</summary>
public enum PlayerAction
{
    Draw,
    Task,
    Entry,
}

/// <summary>A player's request to act in an activity, as the gate's checks see it.</summary>
public sealed record PlayerCheckContext(ActivityRuntime Runtime, PlayerIdentity Player, string? IpAddress, PlayerAction Action);

/// <summary>
/// One rule a player's draw, task or entry must pass before anything is consumed (identity required by the activity,
/// block list, stop-loss). Checks run in registration order; the first failure answers the request.
/// </summary>
public interface IPlayerCheck
{
    ValueTask<Error?> CheckAsync(PlayerCheckContext context, CancellationToken cancellationToken);
}

/// <summary>Runs every <see cref="IPlayerCheck"/>.</summary>
public sealed class PlayerGate(IEnumerable<IPlayerCheck> checks, ActivityRuntimeCache activities)
{
    private readonly IPlayerCheck[] _checks = [.. checks];
    private readonly ActivityRuntimeCache _activities = activities;

    public async ValueTask<Error?> CheckAsync(PlayerCheckContext context, CancellationToken cancellationToken)
    {
        foreach (var check in _checks)
        {
            if (await check.CheckAsync(context, cancellationToken) is { } refused)
            {
                return refused;
            }
        }

        return null;
    }

    /// <summary>
    /// Endpoint filter for <c>/api/activities/{id}/…</c> player actions: refuses with the check's problem before the
    /// endpoint runs (nothing consumed). An unknown activity is left to the endpoint (its own 404).
    /// </summary>
    public static EndpointFilterDelegate Filter(PlayerAction action, EndpointFilterDelegate next) => async invocation =>
    {
        var http = invocation.HttpContext;
        var gate = http.RequestServices.GetRequiredService<PlayerGate>();
        if (http.GetRouteValue("id") is string raw && Guid.TryParse(raw, out var activityId)
            && await gate._activities.GetAsync(activityId, http.RequestAborted) is { } runtime)
        {
            var context = new PlayerCheckContext(runtime, http.User.Identity(), http.Connection.RemoteIpAddress?.ToString(), action);
            if (await gate.CheckAsync(context, http.RequestAborted) is { } refused)
            {
                return Problems.From(refused);
            }
        }

        return await next(invocation);
    };
}

/// <summary>
/// An activity that requires an e-mail or partner identity refuses anyone else: a guest, an e-mail player in a partner
/// activity, or a partner player vouched for by another tenant's key.
/// </summary>
public sealed class IdentityRequirementCheck : IPlayerCheck
{
    public ValueTask<Error?> CheckAsync(PlayerCheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var required = context.Runtime.Activity.Players.Identity;
        return ValueTask.FromResult<Error?>(IsMet(context.Runtime.Activity, context.Player) ? null : new Error(ErrorCodes.IdentityRequired, required == PlayerIdentityKind.Email
            ? "This campaign is for players who confirm their e-mail address: sign in with your e-mail to play."
            : "This campaign is played from the brand's app or site: sign in there to play."));
    }

    /// <summary>Whether <paramref name="player"/> is someone <paramref name="activity"/> lets play.</summary>
    public static bool IsMet(Domain.Activities.Activity activity, PlayerIdentity player)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(player);
        return activity.Players.Identity switch
        {
            PlayerIdentityKind.Email => player.Kind == PlayerIdentityKind.Email,
            PlayerIdentityKind.Partner => player.Kind == PlayerIdentityKind.Partner && player.TenantId == activity.TenantId,
            _ => true,
        };
    }
}

public static class PlayerGateExtensions
{
    /// <summary>Refuses the action with the gate's problem (403 identity-required, player-blocked, …) before the endpoint runs.</summary>
    public static RouteHandlerBuilder RequirePlayerGate(this RouteHandlerBuilder builder, PlayerAction action) =>
        builder.AddEndpointFilterFactory((_, next) => PlayerGate.Filter(action, next));

    /// <summary>
    /// Declares in OpenAPI the problems a gated player action answers: 400 invalid input, 403 identity-required or
    /// player-blocked, 404 unknown activity, 409 (not running, no chances, draws stopped, …), 429 rate limited.
    /// </summary>
    public static RouteHandlerBuilder ProducesPlayerRefusals(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
