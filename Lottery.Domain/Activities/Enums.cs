namespace Lottery.Domain.Activities;

public enum ActivityKind
{
    /// <summary>Players spin and learn at once whether they won.</summary>
    Instant,

    /// <summary>Players join; winners are drawn among the entrants at the draw time.</summary>
    Scheduled,
}

/// <summary>
/// Both state machines share one enum. Instant: Draft → Published → Running ⇄ Paused → Ended, Cancelled from
/// Draft/Published/Running/Paused. Scheduled: Draft → Open → Drawing → Drawn, Cancelled from Draft/Open.
/// </summary>
public enum ActivityStatus
{
    Draft,
    Published,
    Running,
    Paused,
    Ended,
    Cancelled,
    Open,
    Drawing,
    Drawn,
}

/// <summary>What a draw yields when the prize it landed on has no stock left.</summary>
public enum SoldOutBehavior
{
    /// <summary>The draw is a "try again": the odds of every other prize stay as configured.</summary>
    NoPrize,

    /// <summary>The draw falls back to the consolation tier (if that still has stock).</summary>
    Consolation,
}

public enum GameplayType
{
    Wheel,
    Grid,
    ScratchCard,
}

public enum TaskKind
{
    /// <summary>Sharing the activity link; recorded once per day.</summary>
    Share,

    /// <summary>Checking in once per day.</summary>
    DailyCheckIn,
}
