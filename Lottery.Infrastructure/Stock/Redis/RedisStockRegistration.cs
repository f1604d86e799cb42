using Lottery.Infrastructure.Persistence;
using Lottery.Infrastructure.Stock.Embedded;
using Lottery.Domain.Stock;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lottery.Infrastructure.Stock.Redis;

public static class RedisStockRegistration
{
    /// <summary>
    /// The Redis stock store and what it needs: the script runner, the draw journal, the counter rebuilder, the
    /// orphaned-record consumer (a hosted service), the reconciler and the record writer. Requires <see cref="RedisConnection"/>. The singletons
    /// get database contexts per operation through <see cref="ScopedDbContextFactory"/> (the registered context factory is scoped).
    /// </summary>
    public static IServiceCollection AddRedisStockStore(this IServiceCollection services)
    {
        services.TryAddSingleton<DrawRecordWriter>();
        services.AddSingleton<RedisScriptRunner>();
        services.AddSingleton<RedisDrawRecords>();
        services.AddSingleton<StreamActivitySignal>();
        services.TryAddSingleton<ScopedDbContextFactory>();
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<DrawJournal>(sp, sp.GetRequiredService<ScopedDbContextFactory>()));
        services.AddSingleton(sp => WithContexts<RedisCounterRebuilder>(sp));
        services.AddSingleton(sp => WithContexts<DrawRecordConsumer>(sp));
        services.AddSingleton(sp => WithContexts<StockReconciler>(sp));
        services.AddSingleton(sp => WithContexts<RedisStockStore>(sp));
        services.AddSingleton<RedisStockRevision>();
        services.AddSingleton<IStockStore>(sp => sp.GetRequiredService<RedisStockStore>());
        services.AddHostedService(sp => sp.GetRequiredService<DrawRecordConsumer>());
        return services;
    }

    private static T WithContexts<T>(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<T>(services, services.GetRequiredService<ScopedDbContextFactory>());
}
