using System.Globalization;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Draws;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Lottery.Web.Features.Lifecycle;

/// <summary>
/// One step of an activity's life, run by Quartz (in a DI scope of its own): start it, end it (then return its unused
/// stock), or run its scheduled draw. Every step is idempotent, so a job run twice — a retry, a second node — changes
/// nothing the second time. A step that fails or is refused while the activity still waits for it (the database was
/// busy; Quartz fired a couple of milliseconds before the draw time) is tried again later, never dropped: an activity
/// must not stay open forever because one timer went off badly.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class LifecycleJob(
    IDbContextFactory<LotteryDbContext> contexts,
    TenantScope tenantScope,
    ActivityFinisher finisher,
    ScheduledDrawRunner draws,
    ActivityScheduler scheduler,
    ILogger<LifecycleJob> logger) : IJob
{
    public const string ActivityKey = "activityId";
    public const string StepKey = "step";
    public const string AttemptKey = "attempt";
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

        try
        {
            var result = step switch
            {
                LifecycleStep.Start => await finisher.StartAsync(activityId, Actor, cancellationToken),
                LifecycleStep.End => await finisher.EndAsync(activityId, Actor, cancellationToken),
                _ => (await draws.RunAsync(activityId, Actor, cancellationToken)) is var drawn && drawn.IsSuccess
                    ? Domain.Common.Result.Success()
                    : Domain.Common.Result.Failure(drawn.Error!),
            };
            if (result.IsSuccess)
            {
                return;
            }

            LogStepRefused(step, activityId, result.Error!.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStepFailed(ex, step, activityId);
        }

        await using var check = await contexts.CreateDbContextAsync(cancellationToken);
        var activity = await check.Activities.AsSplitQuery().SingleOrDefaultAsync(a => a.Id == activityId, cancellationToken);
        if (activity is not null && ActivityScheduler.IsPending(activity, step))
        {
            var attempt = (context.MergedJobDataMap.TryGetValue(AttemptKey, out var value)
                && int.TryParse(value as string, CultureInfo.InvariantCulture, out var previous) ? previous : 0) + 1;
            await scheduler.RetryAsync(activityId, step, attempt, cancellationToken);
            LogStepRetried(step, activityId, attempt);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lifecycle step {Step} of activity {ActivityId} did nothing: {Reason}")]
    private partial void LogStepRefused(LifecycleStep step, Guid activityId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Lifecycle step {Step} of activity {ActivityId} failed")]
    private partial void LogStepFailed(Exception exception, LifecycleStep step, Guid activityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lifecycle step {Step} of activity {ActivityId} is still due: attempt {Attempt} is scheduled")]
    private partial void LogStepRetried(LifecycleStep step, Guid activityId, int attempt);
}
