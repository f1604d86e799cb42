using Lottery.Domain.Players;
using Lottery.Web.Extensions;
using Lottery.Web.Features.Email;
using Lottery.Web.Features.Play;
using Lottery.Web.Features.Players;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lottery.Web.Endpoints;

/// <summary>The body of <c>POST /api/player/sessions/email</c>: the address to send a code to, and the activity the page shows.</summary>
public sealed record EmailCodeRequest(string? Email, Guid? ActivityId = null);

/// <summary>The body of <c>POST /api/player/sessions/email/verify</c>.</summary>
public sealed record EmailCodeVerifyRequest(string? Email, string? Code, Guid? ActivityId = null);

/// <summary>The answer to a code request: always the same, whether or not the address has played before.</summary>
public sealed record EmailCodeSent(string Message, int ExpiresInSeconds);

/// <summary>
/// A verified session (the guest session's shape plus the address). <see cref="GuestPromoted"/>: the guest this request
/// came from became the address's player (its wins and chances stay). <see cref="GuestLeftBehind"/>: the address already
/// had a player, so the session is that player's and what the guest won stays with the guest.
/// </summary>
public sealed record EmailSessionResponse(Guid PlayerId, string Token, string Email, bool GuestPromoted, bool GuestLeftBehind);

/// <summary>Who the current session is: <c>kind</c> is guest, email or partner; <c>email</c> for an e-mail player.</summary>
public sealed record CurrentPlayerView(Guid PlayerId, string Kind, string? Email);

public static class EmailSignInEndpoints
{
    public static WebApplication MapEmailSignInEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/player/sessions").WithTags("Player");
        api.MapPost("/email", RequestCodeAsync).AllowAnonymous()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/email/verify", VerifyAsync).AllowAnonymous()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/current", Current).RequireAuthorization(ApiPolicies.Player).ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<Results<Accepted<EmailCodeSent>, ProblemHttpResult>> RequestCodeAsync(
        EmailCodeRequest? request, EmailSignIn signIn, Microsoft.Extensions.Options.IOptions<EmailOptions> options, HttpContext http,
        CancellationToken cancellationToken)
    {
        var outcome = await signIn.RequestAsync(request?.Email, request?.ActivityId, http.Connection.RemoteIpAddress?.ToString(),
            PlayText.For(http.Request).Language, cancellationToken);
        if (outcome.Result.IsFailure)
        {
            if (outcome.RetryAfter is { } wait)
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Problems.From(outcome.Result);
        }

        var lifetime = options.Value.CodeLifetime;
        return TypedResults.Accepted((string?)null, new EmailCodeSent(
            $"If the address can receive e-mail, a six-digit code is on its way. It works for {(int)lifetime.TotalMinutes} minutes.",
            (int)lifetime.TotalSeconds));
    }

    private static async Task<Results<Created<EmailSessionResponse>, ProblemHttpResult>> VerifyAsync(
        EmailCodeVerifyRequest? request, EmailSignIn signIn, HttpContext http, CancellationToken cancellationToken)
    {
        // The request may come from a guest (cookie or bearer): that guest is promoted when the address is new.
        var current = await http.AuthenticateAsync(ApiSchemes.Player);
        var visitor = new CurrentVisitor(current.Succeeded ? current.Principal.Identity() : null, current.Succeeded ? PlayerTokenHandler.TokenOf(http.Request) : null);
        var outcome = await signIn.VerifyAsync(request?.Email, request?.Code, request?.ActivityId, http.Connection.RemoteIpAddress?.ToString(), visitor,
            cancellationToken);
        if (outcome.Result.IsFailure)
        {
            var problem = Problems.From(outcome.Result);
            if (outcome.Refusal is { } refusal)
            {
                problem.ProblemDetails.Extensions["reason"] = refusal.Reason;
                problem.ProblemDetails.Extensions["attemptsLeft"] = refusal.AttemptsLeft;
            }

            return problem;
        }

        var session = outcome.Result.Value;
        PlayerSessionCookie.Set(http, session.Ticket.Token);
        return TypedResults.Created("/api/me/wins",
            new EmailSessionResponse(session.Ticket.PlayerId, session.Ticket.Token, session.Email, session.GuestPromoted, session.GuestLeftBehind));
    }

    private static Ok<CurrentPlayerView> Current(HttpContext http)
    {
        var player = http.User.Identity();
        return TypedResults.Ok(new CurrentPlayerView(player.Id, player.Kind switch
        {
            PlayerIdentityKind.Email => "email",
            PlayerIdentityKind.Partner => "partner",
            _ => "guest",
        }, player.Email));
    }
}
