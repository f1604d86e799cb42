using System.Security.Claims;
using Lottery.Web.Extensions;
using Lottery.Web.Features.Risk;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lottery.Web.Endpoints;

public static class RiskApi
{
    /// <summary>What the platform API's changes are recorded as in the audit logs.</summary>
    public const string PlatformActor = "platform API";

    /// <summary>
    /// Risk controls: the tenant's block list and stop-loss (X-Api-Key, scoped to the key's tenant) and the platform's
    /// stop-loss (the platform key).
    /// </summary>
    public static WebApplication MapRiskApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/admin").WithTags("Risk").RequireAuthorization(ApiPolicies.TenantApi);
        api.MapPost("/blocklist", AddAsync);
        api.MapGet("/blocklist", ListAsync);
        api.MapDelete("/blocklist/{id:guid}", RemoveAsync);
        api.MapGet("/stop-loss", StateAsync);
        api.MapPost("/stop-loss", StopAsync);
        api.MapDelete("/stop-loss", ResumeAsync);
        api.MapGet("/risk-settings", async (RiskCommands risk, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(await risk.SettingsAsync(user.TenantId()!.Value, ct)));
        api.MapPut("/risk-settings", SettingsAsync);

        var platform = app.MapGroup("/api/platform/stop-loss").WithTags("Platform").AllowAnonymous().AddEndpointFilter<PlatformKeyFilter>();
        platform.MapGet("/", async (RiskCommands risk, CancellationToken ct) => TypedResults.Ok(await risk.PlatformStateAsync(ct)));
        platform.MapPost("/", StopPlatformAsync);
        platform.MapDelete("/", async (RiskCommands risk, CancellationToken ct) => TypedResults.Ok(await risk.ResumePlatformAsync(PlatformActor, ct)));
        return app;
    }

    /// <summary>201 with the new entry; 200 with the entry already there when the same kind and value is blocked already.</summary>
    private static async Task<Results<Created<BlockEntryView>, Ok<BlockEntryView>, ProblemHttpResult>> AddAsync(
        AddBlockRequest? request, RiskCommands risk, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await risk.AddBlockAsync(user.TenantId()!.Value, request, user.Identity!.Name!, cancellationToken);
        if (result.IsFailure)
        {
            return Problems.From(result);
        }

        var (entry, created) = result.Value;
        return created ? TypedResults.Created($"/api/admin/blocklist/{entry.Id}", entry) : TypedResults.Ok(entry);
    }

    private static async Task<Ok<BlockListPage>> ListAsync(int? page, int? pageSize, RiskCommands risk, ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await risk.ListAsync(user.TenantId()!.Value, page ?? 1, pageSize ?? 100, cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(Guid id, RiskCommands risk, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var result = await risk.RemoveBlockAsync(user.TenantId()!.Value, id, user.Identity!.Name!, cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : Problems.From(result);
    }

    private static async Task<Ok<StopLossState>> StateAsync(RiskCommands risk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await risk.StateAsync(user.TenantId()!.Value, cancellationToken));

    private static async Task<Results<Ok<StopLossState>, ProblemHttpResult>> StopAsync(
        StopLossRequest? request, RiskCommands risk, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await risk.StopAsync(user.TenantId()!.Value, request?.Reason, user.Identity!.Name!, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result);
    }

    private static async Task<Ok<StopLossState>> ResumeAsync(RiskCommands risk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok((await risk.ResumeAsync(user.TenantId()!.Value, user.Identity!.Name!, cancellationToken)).Value);

    private static async Task<Results<Ok<RiskSettingsRequest>, ProblemHttpResult>> SettingsAsync(
        RiskSettingsRequest? request, RiskCommands risk, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId()!.Value;
        var result = await risk.SetSettingsAsync(tenantId, request, user.Identity!.Name!, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(await risk.SettingsAsync(tenantId, cancellationToken)) : Problems.From(result);
    }

    private static async Task<Results<Ok<StopLossView>, ProblemHttpResult>> StopPlatformAsync(
        StopLossRequest? request, RiskCommands risk, CancellationToken cancellationToken)
    {
        var result = await risk.StopPlatformAsync(request?.Reason, PlatformActor, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result);
    }
}
