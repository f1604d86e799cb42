using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Draws;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Lottery.Web.Features.Lifecycle;

/// <summary>
/// One step of an activity's life, run by Quartz (in a DI scope of its own): start it, end it (then return its unused
/// stock), or run its scheduled draw. Every step is idempotent, so a job run twice — a retry, a second node — changes
/// nothing the second time.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class LifecycleJob(
    IDbContextFactory<LotteryDbContext> contexts,
    TenantScope tenantScope,
    ActivityFinisher finisher,
    ScheduledDrawRunner draws,
    ILogger<LifecycleJob> logger) : IJob
{
    public const string ActivityKey = "activityId";
    public const string StepKey = "step";
    public const string Actor = "system";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var activityId = Guid.Parse(context.MergedJobDataMap.GetString(ActivityKey)!);
        var step = Enum.Parse<LifecycleStep>(context.MergedJobDataMap.GetString(StepKey)!);

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // A job serves one activity: it works in that activity's tenant, like a request would.
            var tenant = await db.Activities.IgnoreQueryFilters().IgnoreAutoIncludes()
                .Where(a => a.Id == activityId).Select(a => (Guid?)a.TenantId).SingleOrDefaultAsync(cancellationToken);
            if (tenant is null)
            {
                return;
            }

            tenantScope.Set(tenant.Value);
        }

        var result = step switch
        {
            LifecycleStep.Start => await finisher.StartAsync(activityId, Actor, cancellationToken),
            LifecycleStep.End => await finisher.EndAsync(activityId, Actor, cancellationToken),
            _ => (await draws.RunAsync(activityId, Actor, cancellationToken)) is var drawn && drawn.IsSuccess
                ? Domain.Common.Result.Success()
                : Domain.Common.Result.Failure(drawn.Error!),
        };
        if (result.IsFailure)
        {
            LogStepRefused(step, activityId, result.Error!.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lifecycle step {Step} of activity {ActivityId} did nothing: {Reason}")]
    private partial void LogStepRefused(LifecycleStep step, Guid activityId, string reason);
}
