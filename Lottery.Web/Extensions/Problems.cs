using Lottery.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lottery.Web.Extensions;

/// <summary>
/// Maps expected failures (<see cref="Result"/> errors) to RFC 9457 problem details: one status and one stable
/// <c>type</c> URI per error code (documented in docs/api.md), and an <c>errors</c> map for validation failures.
/// </summary>
public static class Problems
{
    public const string TypePrefix = "/problems/";

    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.Validation => StatusCodes.Status400BadRequest,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.StockPoolShort => StatusCodes.Status409Conflict,
        ErrorCodes.IdentityRequired or ErrorCodes.PlayerBlocked or ErrorCodes.VerificationRequired or ErrorCodes.ProofOfWorkRequired
            => StatusCodes.Status403Forbidden,
        ErrorCodes.InvalidCredentials => StatusCodes.Status401Unauthorized,
        ErrorCodes.TooManyAttempts => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status409Conflict,
    };

    public static ProblemHttpResult From(Error error, IReadOnlyList<ValidationError>? reasons = null)
    {
        var status = StatusOf(error.Code);
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        if (reasons is { Count: > 0 })
        {
            extensions["errors"] = reasons.GroupBy(r => r.Path).ToDictionary(g => g.Key, g => g.Select(r => r.Message).ToArray());
        }

        return TypedResults.Problem(error.Message, statusCode: status, title: TitleOf(error.Code), type: TypePrefix + error.Code, extensions: extensions);
    }

    public static ProblemHttpResult From(Result result) => From(result.Error!, result.ValidationErrors);

    public static ProblemHttpResult NotFound(string what) => From(new Error(ErrorCodes.NotFound, $"{what} was not found."));

    public static ProblemHttpResult Invalid(IReadOnlyList<ValidationError> errors) =>
        From(new Error(ErrorCodes.Validation, "The request is not valid; every problem is listed in 'errors'."), errors);

    private static string TitleOf(string code) => code switch
    {
        ErrorCodes.Validation => "Invalid request",
        ErrorCodes.NotFound => "Not found",
        ErrorCodes.IllegalTransition => "Not allowed in the current state",
        ErrorCodes.NotRunning => "Activity not running",
        ErrorCodes.NoChancesLeft => "No chances left",
        ErrorCodes.WinLimitReached => "Win limit reached",
        ErrorCodes.StockPoolShort => "Not enough stock in the prize pool",
        ErrorCodes.AlreadyClaimed => "Already claimed",
        ErrorCodes.TaskAlreadyDone => "Task already done today",
        ErrorCodes.AlreadyJoined => "Already joined",
        ErrorCodes.IdentityRequired => "Sign-in required",
        ErrorCodes.PlayerBlocked => "Blocked",
        ErrorCodes.DrawsStopped => "Draws stopped",
        ErrorCodes.InvalidCredentials => "Not signed in",
        ErrorCodes.VerificationRequired => "Verification required",
        ErrorCodes.HeldForReview => "Held for review",
        ErrorCodes.ProofOfWorkRequired => "Challenge required",
        ErrorCodes.TooManyAttempts => "Too many attempts",
        _ => "Conflict",
    };
}
