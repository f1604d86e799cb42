using System.Text.Json;
using Lottery.Domain.Audit;
using Lottery.Domain.Common;
using Lottery.Domain.Draws;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Winners;

/// <summary>One parcel to mark shipped: the win and its tracking number.</summary>
public sealed record Shipment(Guid WinId, string TrackingNumber);

/// <summary>Fulfilment of physical prizes: shipped (with a tracking number), delivered. Each change is audited with before and after.</summary>
public sealed class WinnerCommands(IDbContextFactory<LotteryDbContext> contexts, TimeProvider clock)
{
    public const string ShipAction = "win.ship";
    public const string DeliverAction = "win.deliver";

    public Task<Result> MarkShippedAsync(Guid activityId, Guid winId, string trackingNumber, string actor, CancellationToken cancellationToken) =>
        ShipManyAsync(activityId, [new Shipment(winId, trackingNumber)], actor, cancellationToken);

    /// <summary>
    /// Marks every shipment's win shipped in one transaction, each audited as a single change is: all of them or, when
    /// any one cannot be shipped (not found, not claimed, a bad tracking number, changed meanwhile), none of them.
    /// </summary>
    public async Task<Result> ShipManyAsync(Guid activityId, IReadOnlyCollection<Shipment> shipments, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shipments);
        if (shipments.Count == 0)
        {
            return Result.Failure(new Error(ErrorCodes.Validation, "Nothing to ship: no winner was chosen."));
        }

        if (shipments.DistinctBy(s => s.WinId).Count() != shipments.Count)
        {
            return Result.Failure(new Error(ErrorCodes.Validation, "A winner appears twice; each parcel needs its own winner."));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = shipments.Select(s => s.WinId).ToList();
        var wins = await db.Wins.Where(w => w.ActivityId == activityId && ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, cancellationToken);
        var held = await Review.ReviewHandOver.BlockedAsync(db, ids, cancellationToken);
        var failures = new List<(Guid WinId, Result Result)>();
        foreach (var shipment in shipments)
        {
            if (!wins.TryGetValue(shipment.WinId, out var win))
            {
                failures.Add((shipment.WinId, Result.Failure(new Error(ErrorCodes.NotFound, "The win was not found."))));
                continue;
            }

            if (held.TryGetValue(win.Id, out var blocked))
            {
                failures.Add((shipment.WinId, Result.Failure(blocked)));
                continue;
            }

            var before = State(win);
            var result = win.MarkShipped(shipment.TrackingNumber, clock);
            if (result.IsFailure)
            {
                failures.Add((shipment.WinId, result));
                continue;
            }

            db.Audit.Add(AuditEntry.Record(win.TenantId, activityId, actor, ShipAction, clock, before, State(win)));
        }

        if (shipments.Count == 1 && failures.Count == 1)
        {
            return failures[0].Result;
        }

        if (failures.Count > 0)
        {
            var reasons = failures.Select(f => new ValidationError(f.WinId.ToString(), Reason(f.Result))).ToList();
            return Result.Failure(
                new Error(ErrorCodes.IllegalTransition, $"{failures.Count} of {shipments.Count} winners cannot be shipped; nothing was changed."), reasons);
        }

        return await SaveAsync(db, cancellationToken);
    }

    public async Task<Result> MarkDeliveredAsync(Guid activityId, Guid winId, string actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var win = await db.Wins.SingleOrDefaultAsync(w => w.Id == winId && w.ActivityId == activityId, cancellationToken);
        if (win is null)
        {
            return Result.Failure(new Error(ErrorCodes.NotFound, "The win was not found."));
        }

        var before = State(win);
        var result = win.MarkDelivered(clock);
        if (result.IsFailure)
        {
            return result;
        }

        db.Audit.Add(AuditEntry.Record(win.TenantId, activityId, actor, DeliverAction, clock, before, State(win)));
        return await SaveAsync(db, cancellationToken);
    }

    private static async Task<Result> SaveAsync(LotteryDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Failure(new Error(ErrorCodes.Concurrency, "Someone changed these winners at the same moment; nothing was changed. Reload and try again."));
        }

        return Result.Success();
    }

    private static string Reason(Result failure) =>
        failure.ValidationErrors.Count > 0 ? failure.ValidationErrors[0].Message : failure.Error!.Message;

    private static string State(WinRecord win) => JsonSerializer.Serialize(new
    {
        winId = win.Id,
        status = win.Status.ToString(),
        trackingNumber = win.Claim?.TrackingNumber,
        shippedAt = win.Claim?.ShippedAt,
        deliveredAt = win.Claim?.DeliveredAt,
    });
}
