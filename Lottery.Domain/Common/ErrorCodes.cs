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

    /// <summary>The activity requires an e-mail or partner identity the player does not have (403).</summary>
    public const string IdentityRequired = "identity-required";

    /// <summary>The player, address, e-mail or partner user is on the tenant's block list (403).</summary>
    public const string PlayerBlocked = "player-blocked";

    /// <summary>The tenant's or the platform's stop-loss switch stops every draw (409).</summary>
    public const string DrawsStopped = "draws-stopped";

    /// <summary>A partner token or one-time code that does not prove who the player is (401).</summary>
    public const string InvalidCredentials = "invalid-credentials";

    /// <summary>A high-value prize is claimed only by a verified player (403).</summary>
    public const string VerificationRequired = "verification-required";

    /// <summary>The win is held for review; fulfilment waits for a manager's approval (409).</summary>
    public const string HeldForReview = "held-for-review";

    /// <summary>A guest session needs a solved, unused proof-of-work challenge (403).</summary>
    public const string ProofOfWorkRequired = "proof-of-work-required";

    /// <summary>Too many new sessions or codes from one address or for one e-mail (429).</summary>
    public const string TooManyAttempts = "too-many-attempts";
}
