using System.Text.Json;
using Lottery.Domain.Activities;
using Lottery.Domain.Audit;
using Lottery.Domain.Common;
using Lottery.Domain.Prizes;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Persistence;
using Lottery.Infrastructure.Stock.Redis;
using Lottery.Web.Features.Board;
using Lottery.Web.Features.Draws;
using Lottery.Web.Features.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Activities;

public sealed record ActivityStatusView(Guid Id, string Status)
{
    /// <summary>
    /// What a marketer is told once the activity is published: whether players can play now, or from when (a campaign
    /// that starts tomorrow is not playable "now").
    /// </summary>
    public string PublishedMessage(DateTimeOffset? startsAt, DateTimeOffset now) => Status switch
    {
        nameof(ActivityStatus.Running) => "Players can play it now.",
        nameof(ActivityStatus.Open) => "Players can join the giveaway now.",
        nameof(ActivityStatus.Published) when startsAt > now => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Players can play it from {startsAt:yyyy-MM-dd HH:mm} UTC; it starts by itself."),
        _ => $"It is {Status.ToLowerInvariant()}.",
    };
}

public enum LifecycleAction
{
    Publish,
    Pause,
    Resume,
    Cancel,
}

/// <summary>
/// Operator actions on the current tenant's activities (the tenant filter scopes every lookup, so another tenant's id
/// is simply not found). Each action is audited and pushed to the stock store so every node sees the new state.
/// </summary>
public sealed class ActivityCommands(
    IDbContextFactory<LotteryDbContext> contexts,
    IStockStore store,
    ActivityRuntimeCache runtimes,
    ActivityScheduler scheduler,
    ActivityFinisher finisher,
    IRandomSource random,
    TimeProvider clock,
    BoardEventBus board,
    RedisStockRevision? redisStock = null)
{
    /// <summary>
    /// Creates a draft from a definition document. Prizes named by id must be in the tenant's catalogue; prizes named by
    /// name and kind are matched in the catalogue, or created there with a pool holding what this definition needs.
    /// Nothing is stored unless the whole document is valid.
    /// </summary>
    public async Task<Result<ActivityStatusView>> CreateAsync(Guid tenantId, ActivityDocument? document, string actor, CancellationToken cancellationToken)
    {
        var parsed = ActivityDocuments.ToDefinition(document);
        if (parsed.IsFailure)
        {
            return Result<ActivityStatusView>.Invalid(parsed.ValidationErrors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var catalogue = await db.Prizes.ToListAsync(cancellationToken);
        var resolved = ResolvePrizes(tenantId, parsed.Value, UnitCosts(document!), catalogue, out var newPrizes, out var errors);
        if (errors.Count > 0)
        {
            return Result<ActivityStatusView>.Invalid(errors);
        }

        Review.HighValuePrizes.Apply(document!, catalogue.Concat(newPrizes));

        var created = Activity.Create(tenantId, resolved, clock);
        if (created.IsFailure)
        {
            return Result<ActivityStatusView>.Invalid(created.ValidationErrors);
        }

        var activity = created.Value;
        db.Prizes.AddRange(newPrizes);
        db.Activities.Add(activity);
        db.Audit.Add(AuditEntry.Record(tenantId, activity.Id, actor, "activity.create", clock,
            after: ActivityDocuments.Json(activity)));
        await db.SaveChangesAsync(cancellationToken);
        return new ActivityStatusView(activity.Id, activity.Status.ToString());
    }

    /// <summary>Publish (reserving stock; an instant activity whose start has come starts at once), pause, resume or cancel.</summary>
    public async Task<Result<ActivityStatusView>> ApplyAsync(Guid activityId, LifecycleAction action, string actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var activity = await db.Activities.AsSplitQuery().SingleOrDefaultAsync(a => a.Id == activityId, cancellationToken);
        if (activity is null)
        {
            return Result<ActivityStatusView>.Failure(new Error(ErrorCodes.NotFound, "The activity was not found."));
        }

        var before = activity.Status;
        var prizeIds = activity.Prizes.Select(p => p.PrizeId).ToList();
        var catalogue = await db.Prizes.Where(p => prizeIds.Contains(p.Id)).ToListAsync(cancellationToken);
        var result = action switch
        {
            LifecycleAction.Publish => Publish(activity, catalogue),
            LifecycleAction.Pause => activity.Pause(clock),
            LifecycleAction.Resume => activity.Resume(clock),
            LifecycleAction.Cancel => activity.Cancel(clock),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
        if (result.IsFailure)
        {
            return Result<ActivityStatusView>.Failure(result.Error!, result.ValidationErrors);
        }

        db.Audit.Add(AuditEntry.Record(activity.TenantId, activity.Id, actor, $"activity.{action.ToString().ToLowerInvariant()}", clock,
            JsonSerializer.Serialize(new { status = before.ToString() }),
            JsonSerializer.Serialize(new { status = activity.Status.ToString(), reserved = action == LifecycleAction.Publish
                ? activity.Prizes.Select(p => new { p.PrizeId, p.Allocated }) : null })));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<ActivityStatusView>.Failure(new Error(ErrorCodes.Concurrency,
                "The activity or its prizes changed at the same time; reload and try again."));
        }

        await SyncAsync(activity, cancellationToken);
        if (action == LifecycleAction.Publish)
        {
            await scheduler.ScheduleAsync(activity, cancellationToken);
        }
        else if (action == LifecycleAction.Cancel)
        {
            await scheduler.UnscheduleAsync(activity.Id, cancellationToken);
            await finisher.ReturnStockAsync(activity.Id, actor, cancellationToken);
        }

        return new ActivityStatusView(activity.Id, activity.Status.ToString());
    }

    /// <summary>
    /// Publishes a designer document as one operation, all or nothing. No activity with <paramref name="activityId"/>
    /// yet: it is created (prizes found or created in the catalogue) and published. A draft activity (made through the
    /// API): its definition is replaced, then it is published. A live activity: the document becomes its next version
    /// (<see cref="Activity.Revise"/>: stock deltas from or back to the pool, a new definition version) while it keeps
    /// drawing. Every publish records an immutable <see cref="ActivityVersion"/> and before/after audit entries; the
    /// working draft, if any, is removed.
    /// </summary>
    public async Task<Result<ActivityStatusView>> PublishDocumentAsync(Guid tenantId, Guid activityId, ActivityDocument? document, string actor,
        CancellationToken cancellationToken)
    {
        var parsed = ActivityDocuments.ToDefinition(document);
        if (parsed.IsFailure)
        {
            return Result<ActivityStatusView>.Invalid(parsed.ValidationErrors);
        }

        // An attempt that finds Redis's counters short of a decrease (draws took the units meanwhile) or a row changed
        // after all is repeated on fresh data.
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await TryPublishDocumentAsync(tenantId, activityId, document!, parsed.Value, actor, cancellationToken);
            if (outcome is not null || attempt == attempts)
            {
                return outcome ?? Result<ActivityStatusView>.Failure(new Error(ErrorCodes.Concurrency,
                    "The activity kept changing while the new version was applied; try again."));
            }
        }
    }

    /// <summary>One attempt; null when a concurrent draw changed a stock row first (the caller retries on fresh data).</summary>
    private async Task<Result<ActivityStatusView>?> TryPublishDocumentAsync(Guid tenantId, Guid activityId, ActivityDocument document,
        ActivityDefinition definition, string actor, CancellationToken cancellationToken)
    {
        // Draws accepted so far reach the database first (Redis mode: their commits are under way). Then the activity's
        // prize rows are locked for this transaction, as every journal batch locks them before it reads: batches wait
        // for the new version instead of changing the rows it read (which would fail its save on their versions).
        await store.FlushAsync(activityId, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ActivityPrizes.Where(p => p.ActivityId == activityId)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Issued, p => p.Issued), cancellationToken);
        var activity = await db.Activities.AsSplitQuery().SingleOrDefaultAsync(a => a.Id == activityId, cancellationToken);
        var catalogue = await db.Prizes.ToListAsync(cancellationToken);
        var resolved = ResolvePrizes(tenantId, definition, UnitCosts(document), catalogue, out var newPrizes, out var errors);
        if (errors.Count > 0)
        {
            return Result<ActivityStatusView>.Invalid(errors);
        }

        Review.HighValuePrizes.Apply(document, catalogue.Concat(newPrizes));

        db.Prizes.AddRange(newPrizes);
        var all = catalogue.Concat(newPrizes).ToList();
        string? before = null;
        IReadOnlyList<StockChange>? stockChanges = null;
        Result outcome;
        var action = "activity.publish";
        if (activity is null)
        {
            var created = Activity.Create(tenantId, resolved, clock, activityId);
            if (created.IsFailure)
            {
                return Result<ActivityStatusView>.Invalid(created.ValidationErrors);
            }

            activity = created.Value;
            db.Activities.Add(activity);
            db.Audit.Add(AuditEntry.Record(tenantId, activity.Id, actor, "activity.create", clock, after: ActivityDocuments.Json(activity)));
            outcome = Publish(activity, all);
        }
        else if (activity.Status == ActivityStatus.Draft)
        {
            before = ActivityDocuments.Json(activity);
            var updated = activity.UpdateDefinition(resolved, clock);
            if (updated.IsFailure)
            {
                return Result<ActivityStatusView>.Failure(updated.Error!, updated.ValidationErrors);
            }

            db.Audit.Add(AuditEntry.Record(tenantId, activity.Id, actor, "activity.edit", clock, before, ActivityDocuments.Json(activity)));
            outcome = Publish(activity, all);
        }
        else
        {
            before = ActivityDocuments.Json(activity);
            var live = await store.RemainingStockAsync(activity.Id, cancellationToken);
            var taken = activity.Prizes.ToDictionary(p => p.PrizeId,
                p => live.TryGetValue(p.PrizeId, out var left) ? Math.Max(p.Issued, p.Allocated - p.Returned - left) : p.Issued);
            var revised = activity.Revise(resolved, all, taken, clock);
            outcome = revised;
            action = "activity.version.publish";
            if (revised.IsSuccess)
            {
                stockChanges = revised.Value;
                db.Audit.Add(AuditEntry.Record(tenantId, activity.Id, actor, action, clock, before,
                    JsonSerializer.Serialize(new { definition = ActivityDocuments.FromDefinition(activity.ToDefinition()), version = activity.DefinitionVersion, stock = revised.Value })));
            }
        }

        if (outcome.IsFailure)
        {
            return Result<ActivityStatusView>.Failure(outcome.Error!, outcome.ValidationErrors);
        }

        if (action == "activity.publish")
        {
            db.Audit.Add(AuditEntry.Record(tenantId, activity.Id, actor, action, clock,
                JsonSerializer.Serialize(new { status = nameof(ActivityStatus.Draft) }),
                JsonSerializer.Serialize(new { status = activity.Status.ToString(), reserved = activity.Prizes.Select(p => new { p.PrizeId, p.Allocated }) })));
        }

        db.ActivityVersions.Add(ActivityVersion.Record(activity, ActivityDocuments.Json(activity), actor, clock));
        db.ActivityDrafts.RemoveRange(await db.ActivityDrafts.Where(d => d.ActivityId == activity.Id).ToListAsync(cancellationToken));

        // Redis mode: a new version's decreases leave the live counters before the commit, its increases after it, so
        // draws never see more units than both allocations allow (decision 012). Short: a draw took them meanwhile.
        PendingStockRevision? pending = null;
        if (stockChanges is not null && redisStock is not null)
        {
            pending = await redisStock.LowerAsync(activity.Id, stockChanges);
            if (pending is null)
            {
                return null;
            }
        }

        var committed = false;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            committed = true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return null;
        }
        finally
        {
            if (!committed && pending is not null)
            {
                await redisStock!.UndoAsync(pending);
            }
        }

        if (pending is not null)
        {
            await redisStock!.CompleteAsync(pending, cancellationToken);
        }

        await SyncAsync(activity, cancellationToken);
        await scheduler.ScheduleAsync(activity, cancellationToken);
        return new ActivityStatusView(activity.Id, activity.Status.ToString());
    }

    private async Task SyncAsync(Activity activity, CancellationToken cancellationToken)
    {
        await store.SyncActivityAsync(ActivityLimits.For(activity), cancellationToken);
        runtimes.Invalidate(activity.Id);
        board.Publish(BoardEvent.ForStatus(activity.Id, clock.GetUtcNow(), activity.Status.ToString()));
    }

    private Result Publish(Activity activity, IReadOnlyCollection<Prize> catalogue)
    {
        var published = activity.Publish(catalogue, clock);
        if (published.IsFailure)
        {
            return published;
        }

        if (activity.Kind == ActivityKind.Scheduled)
        {
            return activity.CommitSeed(random);
        }

        return clock.GetUtcNow() >= activity.Schedule.StartsAt ? activity.Start(clock) : published;
    }

    /// <summary>Unit costs the document gives new prizes, by tier and slot position.</summary>
    private static Func<int, int, decimal> UnitCosts(ActivityDocument document) =>
        (t, p) => document.Tiers?.ElementAtOrDefault(t)?.Prizes?.ElementAtOrDefault(p)?.UnitCost ?? 0m;

    private ActivityDefinition ResolvePrizes(Guid tenantId, ActivityDefinition definition, Func<int, int, decimal> unitCosts, List<Prize> catalogue,
        out List<Prize> newPrizes, out List<ValidationError> errors)
    {
        var created = new List<Prize>();
        var problems = new List<ValidationError>();
        var needed = definition.Tiers.SelectMany(t => t.Prizes).Where(p => p.PrizeId is null)
            .GroupBy(p => (Name: p.Name.Trim().ToUpperInvariant(), p.Kind))
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Stock));
        var tiers = new List<TierDefinition>();
        for (var t = 0; t < definition.Tiers.Count; t++)
        {
            var tier = definition.Tiers[t];
            var slots = new List<PrizeSlotDefinition>();
            for (var p = 0; p < tier.Prizes.Count; p++)
            {
                var slot = tier.Prizes[p];
                Prize? prize;
                if (slot.PrizeId is { } id)
                {
                    prize = catalogue.SingleOrDefault(c => c.Id == id);
                    if (prize is null)
                    {
                        problems.Add(new($"tiers[{t}].prizes[{p}].prizeId", "No prize with this id is in your catalogue."));
                        continue;
                    }
                }
                else
                {
                    var key = (Name: slot.Name.Trim().ToUpperInvariant(), slot.Kind);
                    prize = catalogue.Concat(created).FirstOrDefault(c =>
                        string.Equals(c.Name, slot.Name.Trim(), StringComparison.OrdinalIgnoreCase) && c.Kind == slot.Kind);
                    if (prize is null)
                    {
                        var made = Prize.Create(tenantId, slot.Name, slot.Kind, needed[key], clock, unitCost: unitCosts(t, p),
                            points: slot.Kind == PrizeKind.Points ? 1 : null);
                        if (made.IsFailure)
                        {
                            problems.AddRange(made.ValidationErrors.Select(e => e with { Path = $"tiers[{t}].prizes[{p}].{e.Path}" }));
                            continue;
                        }

                        prize = made.Value;
                        created.Add(prize);
                    }
                }

                slots.Add(slot with { PrizeId = prize.Id, Name = prize.Name, Kind = prize.Kind });
            }

            tiers.Add(tier with { Prizes = slots });
        }

        newPrizes = created;
        errors = problems;
        return definition with { Tiers = tiers };
    }
}
