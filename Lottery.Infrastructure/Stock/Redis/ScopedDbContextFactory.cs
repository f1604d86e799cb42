using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Infrastructure.Stock.Redis;

/// <summary>
/// Gives the singleton Redis stock components (store, consumer, reconciler) a context per operation: the registered
/// <see cref="IDbContextFactory{TContext}"/> is scoped, so each context comes from a short-lived scope with no tenant
/// (their queries say <c>IgnoreQueryFilters()</c>). The context is owned and disposed by the caller.
/// </summary>
internal sealed class ScopedDbContextFactory(IServiceScopeFactory scopes) : IDbContextFactory<LotteryDbContext>
{
    public LotteryDbContext CreateDbContext()
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContext();
    }
}
