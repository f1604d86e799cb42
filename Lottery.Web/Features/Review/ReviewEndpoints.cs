using System.Security.Claims;
using Lottery.Web.Extensions;
using Lottery.Web.Features.Catalogue;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lottery.Web.Features.Review;

/// <summary>The body of <c>POST /api/admin/reviews/{winId}/approve</c> and <c>/reject</c>: a note (required to reject).</summary>
public sealed record ReviewDecisionRequest(string? Note);

/// <summary>The body of <c>PUT /api/admin/prizes/{prizeId}/high-value</c>.</summary>
public sealed record HighValueRequest(bool? HighValue);

/// <summary>A catalogue prize's high-value setting.</summary>
public sealed record HighValueView(Guid PrizeId, string Name, bool HighValue);

public static class ReviewEndpoints
{
    public static IServiceCollection AddWinReviews(this IServiceCollection services)
    {
        services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<WinHolds>();
        services.AddScoped<ReviewQueries>();
        services.AddScoped<ReviewCommands>();
        return services;
    }

    /// <summary>The review queue and the high-value switch in the management API (X-Api-Key, the key's tenant only).</summary>
    public static WebApplication MapReviewApi(this WebApplication app)
    {
        var reviews = app.MapGroup("/api/admin/reviews").WithTags("Management").RequireAuthorization(ApiPolicies.TenantApi);
        reviews.MapGet("/", ListAsync).ProducesValidationProblem();
        reviews.MapPost("/{winId:guid}/approve", (Guid winId, ReviewDecisionRequest? body, ReviewCommands c, ReviewQueries q, ClaimsPrincipal u, CancellationToken ct) =>
            DecideAsync(winId, approve: true, body, c, q, u, ct))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        reviews.MapPost("/{winId:guid}/reject", (Guid winId, ReviewDecisionRequest? body, ReviewCommands c, ReviewQueries q, ClaimsPrincipal u, CancellationToken ct) =>
            DecideAsync(winId, approve: false, body, c, q, u, ct))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPut("/api/admin/prizes/{prizeId:guid}/high-value", SetHighValueAsync).WithTags("Management").RequireAuthorization(ApiPolicies.TenantApi)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Held wins of the key's tenant: <c>status=pending</c> (the default) or <c>all</c>; <c>activityId</c> narrows.</summary>
    private static async Task<Results<Ok<IReadOnlyList<ReviewLine>>, ProblemHttpResult>> ListAsync(
        Guid? activityId, string? status, ReviewQueries queries, CancellationToken cancellationToken)
    {
        var pendingOnly = status is null || string.Equals(status, "pending", StringComparison.OrdinalIgnoreCase);
        if (!pendingOnly && !string.Equals(status, "all", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Invalid([new("status", "Use 'pending' (held wins waiting for a decision) or 'all'.")]);
        }

        return TypedResults.Ok(await queries.ListAsync(activityId, pendingOnly, personalData: true, cancellationToken));
    }

    private static async Task<Results<Ok<ReviewLine>, ProblemHttpResult>> DecideAsync(Guid winId, bool approve, ReviewDecisionRequest? body,
        ReviewCommands commands, ReviewQueries queries, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var actor = user.Identity!.Name!;
        var result = approve
            ? await commands.ApproveAsync(winId, body?.Note, actor, cancellationToken)
            : await commands.RejectAsync(winId, body?.Note, actor, cancellationToken);
        if (result.IsFailure)
        {
            return Problems.From(result);
        }

        var line = (await queries.ListAsync(null, pendingOnly: false, personalData: true, cancellationToken)).Single(l => l.WinId == winId);
        return TypedResults.Ok(line);
    }

    private static async Task<Results<Ok<HighValueView>, ProblemHttpResult>> SetHighValueAsync(Guid prizeId, HighValueRequest? body,
        CatalogueQueries queries, CatalogueCommands commands, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (body?.HighValue is not { } highValue)
        {
            return Problems.Invalid([new("highValue", "Send {\"highValue\": true} or {\"highValue\": false}.")]);
        }

        if (await queries.GetAsync(prizeId, cancellationToken) is not { } prize)
        {
            return Problems.NotFound("The prize");
        }

        var saved = await commands.UpdateAsync(prizeId,
            new PrizeForm(prize.Name, prize.Kind, prize.Description, prize.UnitCost, prize.Points, 0, highValue), user.Identity!.Name!, cancellationToken);
        return saved.IsSuccess ? TypedResults.Ok(new HighValueView(prizeId, prize.Name, highValue)) : Problems.From(saved);
    }
}
