using System.Globalization;
using Lottery.Domain.Activities;
using Quartz;

namespace Lottery.Web.Features.Lifecycle;

public enum LifecycleStep
{
    Start,
    End,
    Draw,
}

/// <summary>
/// Keeps an activity's Quartz triggers in line with its state: an instant activity starts at its start time and ends at
/// its end time; a scheduled one is drawn at its draw time. Misfires fire at once, so an app that was down at the
/// time catches up when it comes back. Keys are per activity and step, so scheduling again replaces, never duplicates.
/// </summary>
public sealed class ActivityScheduler(ISchedulerFactory schedulers, TimeProvider clock)
{
    private const string Group = "activities";

    public async Task ScheduleAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var (step, at) in StepsFor(activity))
        {
            var job = JobBuilder.Create<LifecycleJob>()
                .WithIdentity(Key(activity.Id, step))
                .UsingJobData(LifecycleJob.ActivityKey, activity.Id.ToString())
                .UsingJobData(LifecycleJob.StepKey, step.ToString())
                .Build();
            var trigger = Once(Key(activity.Id, step).Name, at > clock.GetUtcNow() ? at : clock.GetUtcNow());
            await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
        }
    }

    /// <summary>
    /// Runs a step again later: one that failed (the database was busy, the timer fired a hair before its time) while the
    /// activity still waits for it. The wait doubles with each attempt, from one second up to a minute.
    /// </summary>
    public async Task RetryAsync(Guid activityId, LifecycleStep step, int attempt, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var wait = TimeSpan.FromSeconds(Math.Min(60, 1 << Math.Min(attempt - 1, 6)));
        var trigger = Once($"{Key(activityId, step).Name}:retry:{attempt}", clock.GetUtcNow() + wait, Key(activityId, step), attempt);
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }

    /// <summary>Whether the activity, as it is now, still waits for <paramref name="step"/>.</summary>
    public static bool IsPending(Activity activity, LifecycleStep step) => StepsFor(activity).Any(s => s.Step == step);

    public async Task UnscheduleAsync(Guid activityId, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.DeleteJobs([.. Enum.GetValues<LifecycleStep>().Select(s => Key(activityId, s))], cancellationToken);
    }

    private static IEnumerable<(LifecycleStep Step, DateTimeOffset At)> StepsFor(Activity activity)
    {
        switch (activity.Status)
        {
            case ActivityStatus.Published:
                yield return (LifecycleStep.Start, activity.Schedule.StartsAt);
                yield return (LifecycleStep.End, activity.Schedule.EndsAt);
                break;
            case ActivityStatus.Running or ActivityStatus.Paused:
                yield return (LifecycleStep.End, activity.Schedule.EndsAt);
                break;
            case ActivityStatus.Open or ActivityStatus.Drawing:
                yield return (LifecycleStep.Draw, activity.Schedule.DrawAt!.Value);
                break;
        }
    }

    /// <summary>
    /// A one-shot trigger; a misfire (the app was down at the time) fires at once when the app is back. A retry names its
    /// job and carries its attempt number (as a string: the clustered job store keeps strings only).
    /// </summary>
    private static ITrigger Once(string name, DateTimeOffset at, JobKey? job = null, int? attempt = null)
    {
        var builder = TriggerBuilder.Create()
            .WithIdentity(name, Group)
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow));
        if (job is not null)
        {
            builder = builder.ForJob(job).UsingJobData(LifecycleJob.AttemptKey, attempt.GetValueOrDefault().ToString(CultureInfo.InvariantCulture));
        }

        return builder.Build();
    }

    public static JobKey Key(Guid activityId, LifecycleStep step) => new($"{step.ToString().ToLowerInvariant()}:{activityId}", Group);
}
