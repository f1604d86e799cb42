using Lottery.Infrastructure.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Lottery.Infrastructure.Jobs;

/// <summary>Section <c>Scheduler</c>.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>
    /// With PostgreSQL or SQL Server, run Quartz on the ADO job store in the database, clustered, so that with several nodes every
    /// job runs exactly once and a node that dies hands its jobs over. Default true; the SQLite default is in memory.
    /// </summary>
    public bool Clustered { get; set; } = true;
}

internal static class SchedulerSetup
{
    /// <summary>
    /// Quartz: in memory by default; the clustered ADO job store on PostgreSQL (production) or SQL Server, with that
    /// database's driver delegate. Quartz creates its own tables when they are missing (its bundled script for the
    /// provider); they live beside the app's tables and are not part of the EF migrations.
    /// </summary>
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
            if (options.Clustered && provider is DatabaseProvider.Postgres or DatabaseProvider.SqlServer)
            {
                q.UsePersistentStore(store =>
                {
                    var connectionString = config.GetConnectionString("Lottery")!;
                    if (provider == DatabaseProvider.SqlServer)
                    {
                        // Through the client's own factory (the one EF uses), not a driver looked up by type name.
                        store.UseSqlServer(SqlClientFactory.Instance, connectionString);
                    }
                    else
                    {
                        store.UsePostgres(connectionString);
                    }

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
