using Lottery.Domain.Common;
using Lottery.Domain.Tenants;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Endpoints;

public sealed record CreateTenantRequest(string? Name, string? Slug);

public sealed record CreateTenantResponse(Guid Id, string ApiKey);

public static class PlatformApi
{
    /// <summary>The SaaS operator's API: create tenants (namespaces), each with its first management API key.</summary>
    public static WebApplication MapPlatformApi(this WebApplication app)
    {
        app.MapPost("/api/platform/tenants", CreateTenantAsync).WithTags("Platform").AllowAnonymous().AddEndpointFilter<PlatformKeyFilter>();
        return app;
    }

    private static async Task<Results<Created<CreateTenantResponse>, ProblemHttpResult>> CreateTenantAsync(
        CreateTenantRequest? request, IDbContextFactory<LotteryDbContext> contexts, IRandomSource random, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var created = Tenant.Create(request?.Name ?? "", request?.Slug ?? "", clock);
        if (created.IsFailure)
        {
            return Problems.From(created);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Tenants.AnyAsync(t => t.Slug == created.Value.Slug, cancellationToken))
        {
            return Problems.Invalid([new("slug", "This slug is taken.")]);
        }

        var key = TenantApiKey.GenerateKey(random);
        db.Tenants.Add(created.Value);
        db.ApiKeys.Add(TenantApiKey.Create(created.Value.Id, "First key", key, clock));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/platform/tenants/{created.Value.Id}", new CreateTenantResponse(created.Value.Id, key));
    }
}
