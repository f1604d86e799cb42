namespace Lottery.Web.Features.Board;

public enum BoardEventKind
{
    /// <summary>An instant draw was accepted (won or not).</summary>
    Draw,

    /// <summary>The activity changed state (paused, resumed, started, ended, cancelled).</summary>
    Status,

    /// <summary>A scheduled draw fixed its winners.</summary>
    Drawn,
}

/// <summary>
/// One small fact for live boards, published by the draw path and the lifecycle use cases. A draw event carries ids
/// only (names and masked nicknames are looked up by the board, off the draw path); <see cref="Winners"/> is the number
/// of winners of a scheduled draw.
/// </summary>
public sealed record BoardEvent(
    Guid ActivityId,
    BoardEventKind Kind,
    DateTimeOffset At,
    Guid? DrawId = null,
    Guid? PlayerId = null,
    Guid? PrizeId = null,
    string? Status = null,
    int Winners = 0)
{
    public bool Won => Kind == BoardEventKind.Draw && PrizeId is not null;

    public static BoardEvent ForDraw(Guid activityId, DateTimeOffset at, Guid drawId, Guid playerId, Guid? prizeId) =>
        new(activityId, BoardEventKind.Draw, at, drawId, playerId, prizeId);

    public static BoardEvent ForStatus(Guid activityId, DateTimeOffset at, string status) =>
        new(activityId, BoardEventKind.Status, at, Status: status);
}
