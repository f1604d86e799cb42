using Lottery.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Lottery.Infrastructure.Jobs;

/// <summary>Section <c>Scheduler</c>.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>
    /// With PostgreSQL, run Quartz on the ADO job store in the database, clustered, so that with several nodes every
    /// job runs exactly once and a node that dies hands its jobs over. Default true; the SQLite default is in memory.
    /// </summary>
    public bool Clustered { get; set; } = true;
}

internal static class SchedulerSetup
{
    /// <summary>Quartz: in memory by default; the clustered ADO job store on PostgreSQL in production.</summary>
    public static void AddLotteryScheduler(this IServiceCollection services, IConfiguration config, DatabaseProvider provider)
    {
        var options = config.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();
        // One scheduler name for the whole cluster; each node gets an automatic instance id.
        Dictionary<string, string?> properties = new()
        {
            ["quartz.scheduler.instanceName"] = "Lottery",
            ["quartz.scheduler.instanceId"] = "AUTO",
            ["quartz.jobStore.useProperties"] = "true",
        };
        services.AddQuartz(properties, q =>
        {
            if (provider == DatabaseProvider.Postgres && options.Clustered)
            {
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(config.GetConnectionString("Lottery")!);
                    store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(5));
                    store.UseSystemTextJsonSerializer();
                    store.ProvisionSchema();
                });
            }
            else
            {
                q.UseInMemoryStore();
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }
}
