using System.Security.Claims;
using Lottery.Infrastructure.Identity;
using Lottery.Infrastructure.Persistence;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lottery.Web.Extensions;

/// <summary>Adds the staff member's tenant and display name to the sign-in cookie.</summary>
public sealed class TenantClaimsPrincipalFactory(
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(LotteryClaimTypes.TenantId, user.TenantId.ToString()));
        identity.AddClaim(new Claim(LotteryClaimTypes.DisplayName, user.DisplayName));
        return identity;
    }
}

public static class TenantClaims
{
    public static Guid? TenantId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(LotteryClaimTypes.TenantId), out var id) ? id : null;

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(LotteryClaimTypes.DisplayName) ?? user.Identity?.Name ?? "";
}

/// <summary>Sets the request's tenant scope from the signed-in staff member (HTTP requests, prerendering).</summary>
public sealed class TenantMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantScope scope)
    {
        if (context.User.TenantId() is { } tenantId)
        {
            scope.Set(tenantId);
        }

        return next(context);
    }
}

/// <summary>Sets an interactive circuit's tenant scope from the signed-in staff member when the circuit opens.</summary>
public sealed class TenantCircuitHandler(AuthenticationStateProvider authentication, TenantScope scope) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        if (state.User.TenantId() is { } tenantId)
        {
            scope.Set(tenantId);
        }
    }
}
