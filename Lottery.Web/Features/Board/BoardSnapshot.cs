namespace Lottery.Web.Features.Board;

/// <summary>Draws and wins in one minute of the rolling chart.</summary>
public sealed record MinuteCount(DateTimeOffset Minute, int Draws, int Wins);

/// <summary>A prize's stock on the board: <see cref="Stock"/> is the activity's allocation.</summary>
public sealed record PrizeStock(Guid Id, string Name, int Stock, int Remaining)
{
    public bool SoldOut => Remaining <= 0;
}

/// <summary>A line of the winners feed; the nickname is already masked.</summary>
public sealed record RecentWinner(Guid Id, string Player, string Prize, DateTimeOffset At);

/// <summary>
/// What every live board shows, as one immutable value: the same snapshot goes to Blazor boards and, as JSON, to the
/// SignalR kiosk screens. <see cref="Sequence"/> grows by one per emitted snapshot.
/// </summary>
public sealed record BoardSnapshot(
    Guid ActivityId,
    string Name,
    string Kind,
    string Status,
    long Draws,
    long Wins,
    int Players,
    IReadOnlyList<MinuteCount> PerMinute,
    IReadOnlyList<PrizeStock> Prizes,
    IReadOnlyList<RecentWinner> LatestWinners,
    DateTimeOffset At,
    long Sequence)
{
    /// <summary>Share of draws that won a prize (0 when nothing was drawn).</summary>
    public double Conversion => Draws == 0 ? 0 : (double)Wins / Draws;

    /// <summary>Whether pause applies (running) or resume applies (paused).</summary>
    public bool CanPause => Status == "Running";

    public bool CanResume => Status == "Paused";
}

/// <summary>Everything a board loads from the database when it starts (and when it resynchronises).</summary>
public sealed record BoardSeed(
    Guid TenantId,
    string Name,
    string Kind,
    string Status,
    long Draws,
    long Wins,
    IReadOnlyCollection<Guid> Players,
    IReadOnlyList<(DateTimeOffset At, bool Won)> RecentDraws,
    IReadOnlyList<PrizeStock> Prizes,
    IReadOnlyList<RecentWinner> LatestWinners);

/// <summary>Where a live board reads the database; a fake in unit tests.</summary>
public interface IBoardSource
{
    /// <summary>The board's starting numbers (agreeing with the stats API), or null when the activity does not exist.</summary>
    Task<BoardSeed?> LoadAsync(Guid activityId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Which of these draws the database already holds (so events racing a load are not counted twice).</summary>
    Task<IReadOnlySet<Guid>> KnownDrawsAsync(IReadOnlyCollection<Guid> drawIds, CancellationToken cancellationToken);

    /// <summary>Masked nicknames of these players.</summary>
    Task<IReadOnlyDictionary<Guid, string>> MaskedNamesAsync(IReadOnlyCollection<Guid> playerIds, CancellationToken cancellationToken);

    /// <summary>Waits until every accepted draw of the activity is in the database (Redis mode persists asynchronously).</summary>
    Task FlushAsync(Guid activityId, CancellationToken cancellationToken);
}
