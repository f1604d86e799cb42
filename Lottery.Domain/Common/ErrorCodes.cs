namespace Lottery.Domain.Common;

/// <summary>Stable codes for expected failures; the web layer maps each to an HTTP status and a problem type URI.</summary>
public static class ErrorCodes
{
    public const string Validation = "validation";
    public const string NotFound = "not-found";
    public const string IllegalTransition = "illegal-transition";
    public const string NotRunning = "activity-not-running";
    public const string NoChancesLeft = "no-chances-left";
    public const string WinLimitReached = "win-limit-reached";
    public const string SoldOut = "sold-out";
    public const string StockPoolShort = "stock-pool-short";
    public const string AlreadyJoined = "already-joined";
    public const string AlreadyClaimed = "already-claimed";
    public const string TaskAlreadyDone = "task-already-done";
    public const string Concurrency = "concurrency-conflict";
}
