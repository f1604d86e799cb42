using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Draws;
using Lottery.Domain.Players;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Activities;
using Lottery.Web.Features.Draws;
using Lottery.Web.Features.Review;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Players;

public sealed record TaskResult(string Kind, int Granted, int RemainingChances);

public sealed record EntryResult(bool Joined, DateTimeOffset JoinedAt);

public sealed record ClaimView(string RecipientName, string Phone, string Line1, string? Line2, string City, string? Region,
    string PostalCode, string Country, DateTimeOffset SubmittedAt, string? TrackingNumber, DateTimeOffset? ShippedAt);

public sealed record ScheduledWinnerView(string Player, string Prize);

/// <summary>What a scheduled activity shows a player: whether they joined, how many did, and after the draw who won.</summary>
public sealed record ScheduledView(bool? Joined, int Entrants, IReadOnlyList<ScheduledWinnerView> Winners, bool? YouWon);

/// <summary>What a player does besides drawing: tasks that earn chances, entering scheduled draws, claiming prizes.</summary>
public sealed class PlayerActions(
    IDbContextFactory<LotteryDbContext> contexts,
    ActivityRuntimeCache activities,
    IStockStore store,
    TimeProvider clock,
    WinHolds holds)
{
    /// <summary>Records a task (share, daily check-in) once per allowed time a day and grants its chances.</summary>
    public async Task<Result<TaskResult>> CompleteTaskAsync(Guid activityId, Guid playerId, string kind, CancellationToken cancellationToken)
    {
        if (await activities.GetAsync(activityId, cancellationToken) is not { } runtime || runtime.Activity.Status == ActivityStatus.Draft
            || !Enum.TryParse<TaskKind>(kind, ignoreCase: true, out var taskKind)
            || runtime.Activity.Tasks.FirstOrDefault(t => t.Kind == taskKind) is not { } task)
        {
            return Result<TaskResult>.Failure(new Error(ErrorCodes.NotFound, "This activity has no such task."));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var timesToday = await db.DrawChances.IgnoreQueryFilters()
            .CountAsync(c => c.ActivityId == activityId && c.PlayerId == playerId && c.Task == taskKind && c.Day == today, cancellationToken);
        var grant = DrawChance.ForTask(runtime.Activity, task, playerId, timesToday, clock);
        if (grant.IsFailure)
        {
            return Result<TaskResult>.Failure(grant.Error!);
        }

        db.DrawChances.Add(grant.Value);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same task was completed concurrently: the unique (task, day, sequence) row counted it once.
            return Result<TaskResult>.Failure(new Error(ErrorCodes.TaskAlreadyDone, "This task already counted today; come back tomorrow."));
        }

        await store.GrantChancesAsync(runtime.Limits, playerId, grant.Value.Amount, cancellationToken);
        var remaining = await store.RemainingChancesAsync(runtime.Limits, playerId, clock.GetUtcNow(), cancellationToken);
        return new TaskResult(ActivityDocuments.ToCamel(taskKind), grant.Value.Amount, remaining);
    }

    /// <summary>How many times the player's tasks counted today (the UTC day <see cref="CompleteTaskAsync"/> counts against), by task name.</summary>
    public async Task<IReadOnlyDictionary<string, int>> TasksTodayAsync(Guid activityId, Guid playerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var counts = await db.DrawChances.IgnoreQueryFilters()
            .Where(c => c.ActivityId == activityId && c.PlayerId == playerId && c.Task != null && c.Day == today)
            .GroupBy(c => c.Task)
            .Select(g => new { Task = g.Key, Times = g.Count() })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(c => ActivityDocuments.ToCamel(c.Task!.Value), c => c.Times);
    }

    /// <summary>Enters a scheduled draw, once; entering again answers with the first entry.</summary>
    public async Task<Result<EntryResult>> JoinAsync(Guid activityId, Guid playerId, CancellationToken cancellationToken)
    {
        if (await activities.GetAsync(activityId, cancellationToken) is not { } runtime || runtime.Activity.Status == ActivityStatus.Draft)
        {
            return Result<EntryResult>.Failure(new Error(ErrorCodes.NotFound, "The activity was not found."));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await ExistingEntryAsync(db, activityId, playerId, cancellationToken) is { } existing)
        {
            return new EntryResult(true, existing);
        }

        // The live state, not the cached one: joins close exactly at the draw time.
        var activity = await db.Activities.IgnoreQueryFilters().IgnoreAutoIncludes().AsNoTracking()
            .SingleAsync(a => a.Id == activityId, cancellationToken);
        var allowed = activity.CanJoinAt(clock.GetUtcNow());
        if (allowed.IsFailure)
        {
            return Result<EntryResult>.Failure(allowed.Error!);
        }

        var entry = ScheduledEntry.Create(activity.TenantId, activityId, playerId, clock);
        db.ScheduledEntries.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new EntryResult(true, entry.JoinedAt);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new EntryResult(true, (await ExistingEntryAsync(db, activityId, playerId, cancellationToken))!.Value);
        }
    }

    public Task<Result<MyWin>> ClaimAsync(Guid winId, Guid playerId, Domain.Draws.ShippingAddress address, CancellationToken cancellationToken) =>
        ClaimAsync(winId, playerId, address, null, cancellationToken);

    /// <summary>
    /// The player submits the shipping address of a physical prize they won, once. A high-value prize needs a verified
    /// player (403 verification-required); a claim that looks farmed is saved and held for review (decision 028).
    /// </summary>
    public async Task<Result<MyWin>> ClaimAsync(Guid winId, Guid playerId, Domain.Draws.ShippingAddress address, string? ipAddress,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var win = await db.Wins.IgnoreQueryFilters().SingleOrDefaultAsync(w => w.Id == winId && w.PlayerId == playerId, cancellationToken);
        if (win is null)
        {
            return Result<MyWin>.Failure(new Error(ErrorCodes.NotFound, "This prize was not found among yours."));
        }

        if (await WinHolds.VerificationNeededAsync(db, win, cancellationToken) is { } verify)
        {
            return Result<MyWin>.Failure(verify);
        }

        var claimed = win.SubmitClaim(address, clock);
        if (claimed.IsFailure)
        {
            return Result<MyWin>.Failure(claimed.Error!, claimed.ValidationErrors);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<MyWin>.Failure(new Error(ErrorCodes.AlreadyClaimed, "This prize has already been claimed."));
        }

        return PlayerWins.ToView(win, review: await holds.CheckClaimAsync(win.Id, ipAddress, cancellationToken));
    }

    /// <summary>The scheduled part of the public view, for this player (or anonymous).</summary>
    public async Task<ScheduledView> ScheduledAsync(Activity activity, Guid? playerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entrants = await db.ScheduledEntries.IgnoreQueryFilters().CountAsync(e => e.ActivityId == activity.Id, cancellationToken);
        bool? joined = playerId is { } id
            ? await db.ScheduledEntries.IgnoreQueryFilters().AnyAsync(e => e.ActivityId == activity.Id && e.PlayerId == id, cancellationToken)
            : null;
        if (activity.Status != ActivityStatus.Drawn)
        {
            return new ScheduledView(joined, entrants, [], null);
        }

        var winners = await db.Wins.IgnoreQueryFilters().AsNoTracking()
            .Where(w => w.ActivityId == activity.Id)
            .Join(db.Players, w => w.PlayerId, p => p.Id, (w, p) => new { w.PlayerId, p.Nickname, w.PrizeName, w.WonAt })
            .ToListAsync(cancellationToken);
        return new ScheduledView(joined, entrants,
            [.. winners.OrderBy(w => w.WonAt).Select(w => new ScheduledWinnerView(Player.Mask(w.Nickname), w.PrizeName))],
            playerId is { } me ? winners.Any(w => w.PlayerId == me) : null);
    }

    private static async Task<DateTimeOffset?> ExistingEntryAsync(LotteryDbContext db, Guid activityId, Guid playerId, CancellationToken cancellationToken) =>
        await db.ScheduledEntries.IgnoreQueryFilters()
            .Where(e => e.ActivityId == activityId && e.PlayerId == playerId)
            .Select(e => (DateTimeOffset?)e.JoinedAt)
            .SingleOrDefaultAsync(cancellationToken);
}
