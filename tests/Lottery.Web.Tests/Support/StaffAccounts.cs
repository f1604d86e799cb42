using Lottery.Domain.Tenants;
using Lottery.Infrastructure.Identity;
using Lottery.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Web.Tests.Support;

/// <summary>Staff accounts the demo seed does not have, for tests of what another tenant's staff can (not) see.</summary>
public static class StaffAccounts
{
    /// <summary>Creates a new tenant and one staff member of it, with the demo password and the given role.</summary>
    public static async Task CreateInNewTenantAsync(IServiceProvider services, string email, string role, string displayName)
    {
        await using var scope = services.CreateAsyncScope();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var tenant = Tenant.Create("Other Bakery Ltd", $"other-{Guid.NewGuid():N}"[..20], clock).Value;
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContextAsync())
        {
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, TenantId = tenant.Id, DisplayName = displayName };
        Assert.True((await users.CreateAsync(user, StaffBrowser.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }
}
