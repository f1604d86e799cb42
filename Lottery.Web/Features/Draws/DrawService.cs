using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Stock;
using Lottery.Web.Features.Board;

namespace Lottery.Web.Features.Draws;

public sealed record PrizeView(Guid Id, string Name, string Tier);

/// <summary>The player's answer to a draw (the public contract of <c>POST /api/activities/{id}/draws</c>).</summary>
public sealed record DrawResponse(Guid DrawId, bool Won, PrizeView? Prize, int SegmentIndex, int RemainingChances);

/// <summary>
/// One instant draw: pick by the configured odds (cryptographic randomness, exact alias tables), then let the stock
/// store apply limits and stock atomically and record the draw durably. An accepted draw is announced to live boards
/// (an in-memory write; the board bus does the rest off the request).
/// </summary>
public sealed class DrawService(ActivityRuntimeCache activities, IStockStore store, IRandomSource random, TimeProvider clock, BoardEventBus board)
{
    public async Task<Result<DrawResponse>> DrawAsync(Guid activityId, Guid playerId, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        if (await activities.GetAsync(activityId, cancellationToken) is not { } runtime)
        {
            return Result<DrawResponse>.Failure(new Error(ErrorCodes.NotFound, "The activity was not found."));
        }

        var now = clock.GetUtcNow();
        var allowed = runtime.Activity.CanDrawAt(now);
        if (allowed.IsFailure || runtime.Table is null)
        {
            return Result<DrawResponse>.Failure(allowed.Error ?? new Error(ErrorCodes.NotRunning, "This activity has no instant draws."));
        }

        var pick = runtime.Table.Pick(random);
        var result = await store.DrawAsync(new DrawRequest(Ids.New(clock), runtime.Limits, playerId, now, pick, idempotencyKey), cancellationToken);
        if (result.IsFailure)
        {
            return Result<DrawResponse>.Failure(result.Error!);
        }

        var draw = result.Value;
        if (!draw.Replayed)
        {
            board.Publish(BoardEvent.ForDraw(activityId, now, draw.DrawId, playerId, draw.Won ? draw.PrizeId : null));
        }

        var prize = draw.Won
            ? new PrizeView(draw.PrizeId!.Value, runtime.PrizeNames[draw.PrizeId.Value], runtime.TierNames[draw.TierId!.Value])
            : null;
        return new DrawResponse(draw.DrawId, draw.Won, prize, draw.SegmentIndex, draw.RemainingChances);
    }

    /// <summary>The player's chances left and whether the win limit stops them, from the store the draw asks (instant only).</summary>
    public async Task<PlayerStanding?> StandingAsync(ActivityRuntime runtime, Guid playerId, CancellationToken cancellationToken = default) =>
        runtime.Activity.Kind == ActivityKind.Instant
            ? await store.StandingAsync(runtime.Limits, playerId, clock.GetUtcNow(), cancellationToken)
            : null;
}
