using System.Net;
using Lottery.Domain.Players;
using Lottery.Web.Features.Players;
using Lottery.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Web.Tests.Risk;

/// <summary>
/// Opening a session is refused for a blocked address, e-mail, domain or partner user of the request's tenant (every
/// sign-in path asks <see cref="ISessionGuard"/> before creating anything), and only in that tenant.
/// </summary>
public sealed class SessionGuardTests(RiskApp app) : IClassFixture<RiskApp>
{
    [Fact]
    public async Task Blocked_addresses_emails_domains_and_partner_users_cannot_open_sessions_in_the_blocking_tenant_only()
    {
        var tenant = await app.NewTenantAsync();
        var tenantId = await RiskSteps.TenantOfAsync(app, await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition()));
        var other = await app.NewTenantAsync();
        var otherId = await RiskSteps.TenantOfAsync(app, await ApiSteps.CreateRunningAsync(other, ApiSteps.Definition()));
        var guard = app.Services.GetRequiredService<ISessionGuard>();
        await RiskSteps.BlockedAsync(tenant, "ip", "203.0.113.7");
        await RiskSteps.BlockedAsync(tenant, "email", "farmer@example.com");
        await RiskSteps.BlockedAsync(tenant, "emailDomain", "mailinator.com");
        await RiskSteps.BlockedAsync(tenant, "partnerUser", "user-42");

        SessionRequestContext[] refused =
        [
            new(tenantId, PlayerIdentityKind.Guest, "203.0.113.7"),
            new(tenantId, PlayerIdentityKind.Guest, "::ffff:203.0.113.7"),
            new(tenantId, PlayerIdentityKind.Email, "198.51.100.1", Email: "Farmer@Example.com"),
            new(tenantId, PlayerIdentityKind.Email, "198.51.100.1", Email: "bot@mailinator.com"),
            new(tenantId, PlayerIdentityKind.Email, "198.51.100.1", Email: "bot@x.mailinator.com"),
            new(tenantId, PlayerIdentityKind.Partner, "198.51.100.1", PartnerUserId: "user-42"),
        ];
        foreach (var request in refused)
        {
            var error = await guard.CheckAsync(request, CancellationToken.None);
            Assert.True(error?.Code == "player-blocked", $"{request} was not refused");
        }

        SessionRequestContext[] allowed =
        [
            new(tenantId, PlayerIdentityKind.Guest, "203.0.113.8"),
            new(tenantId, PlayerIdentityKind.Email, "198.51.100.1", Email: "farmer2@example.com"),
            new(tenantId, PlayerIdentityKind.Partner, "198.51.100.1", PartnerUserId: "user-43"),
            new(otherId, PlayerIdentityKind.Guest, "203.0.113.7"),
            new(otherId, PlayerIdentityKind.Email, "198.51.100.1", Email: "farmer@example.com"),
            new(otherId, PlayerIdentityKind.Partner, "198.51.100.1", PartnerUserId: "user-42"),
            new(null, PlayerIdentityKind.Guest, "203.0.113.7"),
        ];
        foreach (var request in allowed)
        {
            Assert.Null(await guard.CheckAsync(request, CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_removed_block_lets_sessions_open_again_at_once_on_the_node_that_removed_it()
    {
        var tenant = await app.NewTenantAsync();
        var tenantId = await RiskSteps.TenantOfAsync(app, await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition()));
        var guard = app.Services.GetRequiredService<ISessionGuard>();
        var request = new SessionRequestContext(tenantId, PlayerIdentityKind.Guest, "203.0.113.70");
        Assert.Null(await guard.CheckAsync(request, CancellationToken.None)); // the node now holds a copy of the (empty) list

        var entry = await RiskSteps.BlockedAsync(tenant, "ip", "203.0.113.70");
        Assert.Equal("player-blocked", (await guard.CheckAsync(request, CancellationToken.None))?.Code);
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.DeleteAsync($"/api/admin/blocklist/{entry}")).StatusCode);
        Assert.Null(await guard.CheckAsync(request, CancellationToken.None));
    }
}
