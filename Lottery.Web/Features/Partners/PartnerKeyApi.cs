using System.Security.Claims;
using Lottery.Web.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lottery.Web.Features.Partners;

public static class PartnerKeyApi
{
    /// <summary>
    /// <c>/api/admin/partner-keys</c> (X-Api-Key, the key's tenant only): create (the secret is in this answer only),
    /// list (no secrets) and revoke the keys a host app signs partner tokens with.
    /// </summary>
    public static WebApplication MapPartnerKeyApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/admin/partner-keys").WithTags("Management").RequireAuthorization(ApiPolicies.TenantApi);
        api.MapPost("/", CreateAsync).Accepts<CreatePartnerKeyRequest>("application/json");
        api.MapGet("/", ListAsync);
        api.MapDelete("/{keyId}", RevokeAsync);
        return app;
    }

    /// <summary>Everything the partner sign-in needs: keys, token validation, the session exchange.</summary>
    public static IServiceCollection AddPartnerSignIn(this IServiceCollection services)
    {
        services.AddScoped<PartnerTokens>(); // scoped: the context factory is scoped; the key cache is the shared IMemoryCache
        services.AddScoped<PartnerKeys>();
        services.AddScoped<PartnerSignIn>();
        return services;
    }

    private static async Task<Results<Created<PartnerKeyCreated>, ProblemHttpResult>> CreateAsync(
        CreatePartnerKeyRequest? request, PartnerKeys keys, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var created = await keys.CreateAsync(user.TenantId()!.Value, request?.Name, user.Identity!.Name!, cancellationToken);
        return created.IsSuccess
            ? TypedResults.Created($"/api/admin/partner-keys/{created.Value.KeyId}", created.Value)
            : Problems.From(created);
    }

    private static async Task<Ok<IReadOnlyList<PartnerKeyView>>> ListAsync(PartnerKeys keys, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await keys.ListAsync(user.TenantId()!.Value, cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string keyId, PartnerKeys keys, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var revoked = await keys.RevokeAsync(user.TenantId()!.Value, keyId, user.Identity!.Name!, cancellationToken);
        return revoked.IsSuccess ? TypedResults.NoContent() : Problems.From(revoked);
    }
}
