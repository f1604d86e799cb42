using System.Security.Claims;
using System.Text.Json;
using Lottery.Infrastructure.Stock.Redis;
using Lottery.Web.Extensions;
using Lottery.Web.Features.Activities;
using Lottery.Web.Features.Draws;
using Lottery.Web.Features.Partners;
using Lottery.Web.Features.Review;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lottery.Web.Endpoints;

public static class ManagementApi
{
    /// <summary>The management API for a tenant's own systems, authenticated by <c>X-Api-Key</c> and scoped to that tenant.</summary>
    public static WebApplication MapManagementApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/admin/activities").WithTags("Management").RequireAuthorization(ApiPolicies.TenantApi);
        api.MapPost("/", CreateAsync).Accepts<ActivityDocument>("application/json");
        api.MapPost("/{id:guid}/publish", (Guid id, ActivityCommands c, ClaimsPrincipal u, CancellationToken ct) => ApplyAsync(id, LifecycleAction.Publish, c, u, ct));
        api.MapPost("/{id:guid}/pause", (Guid id, ActivityCommands c, ClaimsPrincipal u, CancellationToken ct) => ApplyAsync(id, LifecycleAction.Pause, c, u, ct));
        api.MapPost("/{id:guid}/resume", (Guid id, ActivityCommands c, ClaimsPrincipal u, CancellationToken ct) => ApplyAsync(id, LifecycleAction.Resume, c, u, ct));
        api.MapPost("/{id:guid}/cancel", (Guid id, ActivityCommands c, ClaimsPrincipal u, CancellationToken ct) => ApplyAsync(id, LifecycleAction.Cancel, c, u, ct));
        api.MapPost("/{id:guid}/draw", DrawAsync);
        api.MapGet("/{id:guid}/stats", StatsAsync);
        api.MapGet("/{id:guid}/reconciliation", ReconcileAsync);
        api.MapGet("/{id:guid}/winners", WinnersAsync).Produces<IReadOnlyList<WinnerRow>>().Produces(StatusCodes.Status200OK, contentType: "text/csv");
        app.MapPartnerKeyApi();
        app.MapReviewApi();
        return app;
    }

    /// <summary>The body is read here, not bound, so that malformed JSON is a listed problem like any other.</summary>
    private static async Task<Results<Created<ActivityStatusView>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, ActivityCommands commands, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ActivityDocument? document;
        try
        {
            document = await request.ReadFromJsonAsync<ActivityDocument>(cancellationToken);
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : ex.Path.TrimStart('$', '.');
            return Problems.Invalid([new(where, $"The body is not a valid definition document: {ex.Message.Split(" Path:")[0]}")]);
        }
        catch (InvalidOperationException)
        {
            return Problems.Invalid([new("", "Send the definition document as application/json.")]);
        }

        var created = await commands.CreateAsync(user.TenantId()!.Value, document, user.Identity!.Name!, cancellationToken);
        return created.IsSuccess
            ? TypedResults.Created($"/api/admin/activities/{created.Value.Id}/stats", created.Value)
            : Problems.From(created);
    }

    private static async Task<Results<Ok<ActivityStatusView>, ProblemHttpResult>> ApplyAsync(
        Guid id, LifecycleAction action, ActivityCommands commands, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await commands.ApplyAsync(id, action, user.Identity!.Name!, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result);
    }

    /// <summary>Runs a scheduled activity's draw now (its draw time must have come); the scheduler calls the same use case.</summary>
    private static async Task<Results<Ok<ScheduledDrawSummary>, ProblemHttpResult>> DrawAsync(
        Guid id, ScheduledDrawRunner runner, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(id, user.Identity!.Name!, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result);
    }

    private static async Task<Results<Ok<ActivityStats>, ProblemHttpResult>> StatsAsync(Guid id, ActivityReports reports, CancellationToken cancellationToken) =>
        await reports.StatsAsync(id, cancellationToken) is { } stats ? TypedResults.Ok(stats) : Problems.NotFound("The activity");

    /// <summary>
    /// Compares the live stock counters with the database (Redis mode) and reports drift per prize. In embedded mode
    /// the database is the only counter, so there is nothing to drift.
    /// </summary>
    private static async Task<Results<Ok<StockReconciliation>, ProblemHttpResult>> ReconcileAsync(
        Guid id, ActivityReports reports, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!await reports.ExistsAsync(id, cancellationToken))
        {
            return Problems.NotFound("The activity");
        }

        return services.GetService<StockReconciler>() is { } reconciler
            ? TypedResults.Ok(await reconciler.ReconcileAsync(id, cancellationToken))
            : TypedResults.Ok(new StockReconciliation(id, RedisWarm: false, []));
    }

    private static async Task<IResult> WinnersAsync(Guid id, string? format, ActivityReports reports, CancellationToken cancellationToken)
    {
        if (await reports.WinnersAsync(id, cancellationToken) is not { } winners)
        {
            return Problems.NotFound("The activity");
        }

        if (!string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Ok(winners);
        }

        return CsvText.File(winners, $"winners-{id}.csv");
    }
}
