using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Infrastructure.Persistence;

/// <summary>
/// Gives singletons (the Redis stock components, the embedded draw journal) a context per operation. The registered
/// <see cref="IDbContextFactory{TContext}"/> is scoped, and the contexts it creates use their scope's services for as
/// long as they live, so this holds one scope of its own for the application's lifetime (no tenant: its queries say
/// <c>IgnoreQueryFilters()</c>). Each context is owned and disposed by the caller.
/// </summary>
internal sealed class ScopedDbContextFactory(IServiceScopeFactory scopes) : IDbContextFactory<LotteryDbContext>, IDisposable
{
    private readonly Lazy<IServiceScope> _scope = new(scopes.CreateScope);

    public LotteryDbContext CreateDbContext() =>
        _scope.Value.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>().CreateDbContext();

    public void Dispose()
    {
        if (_scope.IsValueCreated)
        {
            _scope.Value.Dispose();
        }
    }
}
