using System.Text.Json;
using Lottery.Domain.Audit;
using Lottery.Domain.Common;
using Lottery.Domain.Draws;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Winners;

/// <summary>Fulfilment of physical prizes: shipped (with a tracking number), delivered. Each change is audited with before and after.</summary>
public sealed class WinnerCommands(IDbContextFactory<LotteryDbContext> contexts, TimeProvider clock)
{
    public Task<Result> MarkShippedAsync(Guid activityId, Guid winId, string trackingNumber, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(activityId, winId, actor, "win.ship", w => w.MarkShipped(trackingNumber, clock), cancellationToken);

    public Task<Result> MarkDeliveredAsync(Guid activityId, Guid winId, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(activityId, winId, actor, "win.deliver", w => w.MarkDelivered(clock), cancellationToken);

    private async Task<Result> ChangeAsync(Guid activityId, Guid winId, string actor, string action, Func<WinRecord, Result> change,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var win = await db.Wins.SingleOrDefaultAsync(w => w.Id == winId && w.ActivityId == activityId, cancellationToken);
        if (win is null)
        {
            return Result.Failure(new Error(ErrorCodes.NotFound, "The win was not found."));
        }

        var before = State(win);
        var result = change(win);
        if (result.IsFailure)
        {
            return result;
        }

        db.Audit.Add(AuditEntry.Record(win.TenantId, activityId, actor, action, clock, before, State(win)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Failure(new Error(ErrorCodes.Concurrency, "Someone changed this win at the same moment; reload and try again."));
        }

        return Result.Success();
    }

    private static string State(WinRecord win) => JsonSerializer.Serialize(new
    {
        winId = win.Id,
        status = win.Status.ToString(),
        trackingNumber = win.Claim?.TrackingNumber,
        shippedAt = win.Claim?.ShippedAt,
        deliveredAt = win.Claim?.DeliveredAt,
    });
}
