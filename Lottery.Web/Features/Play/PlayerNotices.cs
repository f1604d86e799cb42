using Lottery.Domain.Activities;
using Lottery.Domain.Draws;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Play;

/// <summary>What happened to a player's entry, told on the player pages.</summary>
public enum NoticeKind
{
    /// <summary>The scheduled draw picked the player: the prizes and whether one still needs claiming.</summary>
    Won,

    /// <summary>The player entered and the winners were drawn without them.</summary>
    NotPicked,

    /// <summary>The player entered a scheduled draw that was cancelled before it ran.</summary>
    Cancelled,
}

/// <summary>An in-app notice for one player on one activity's pages.</summary>
/// <param name="Prizes">The prizes won (Won only).</param>
/// <param name="ToClaim">Whether a won prize still waits for the player's delivery address.</param>
public sealed record PlayerNotice(NoticeKind Kind, IReadOnlyList<string> Prizes, bool ToClaim);

/// <summary>
/// The notices the player pages show a returning entrant of a scheduled draw, derived from what is stored (their entry,
/// their wins, the activity's status) rather than sent: a winner sees "you won X — claim it", an entrant who was not
/// picked sees the result, and an entrant of a cancelled draw sees that it was cancelled. Nothing to deliver, nothing to
/// lose, and the notice is right however late the player comes back (docs/decisions/015-time-slot-stock.md).
/// </summary>
public sealed class PlayerNotices(IDbContextFactory<LotteryDbContext> contexts)
{
    public async Task<PlayerNotice?> ForAsync(Activity activity, Guid playerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Kind != ActivityKind.Scheduled || activity.Status is not (ActivityStatus.Drawn or ActivityStatus.Cancelled))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entered = await db.ScheduledEntries.IgnoreQueryFilters()
            .AnyAsync(e => e.ActivityId == activity.Id && e.PlayerId == playerId, cancellationToken);
        if (!entered)
        {
            return null;
        }

        if (activity.Status == ActivityStatus.Cancelled)
        {
            return new PlayerNotice(NoticeKind.Cancelled, [], false);
        }

        var wins = await db.Wins.IgnoreQueryFilters().AsNoTracking()
            .Where(w => w.ActivityId == activity.Id && w.PlayerId == playerId)
            .Select(w => new { w.PrizeName, w.Status })
            .ToListAsync(cancellationToken);
        return wins.Count == 0
            ? new PlayerNotice(NoticeKind.NotPicked, [], false)
            : new PlayerNotice(NoticeKind.Won, [.. wins.Select(w => w.PrizeName)], wins.Any(w => w.Status == WinStatus.AwaitingClaim));
    }
}
