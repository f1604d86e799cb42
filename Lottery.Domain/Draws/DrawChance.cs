using Lottery.Domain.Activities;
using Lottery.Domain.Common;

namespace Lottery.Domain.Draws;

public enum ChanceSource
{
    /// <summary>Granted by completing a task (see <see cref="DrawChance.Task"/>).</summary>
    Task,

    /// <summary>Granted by an operator.</summary>
    Bonus,
}

/// <summary>
/// Extra draw chances granted to a player in an activity, on top of the activity's chances per player. A ledger row:
/// (activity, player, task, day, sequence) is unique, so a task done twice the same day counts once per allowed time.
/// </summary>
public sealed class DrawChance : ITenantOwned
{
    private DrawChance()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ActivityId { get; private set; }

    public Guid PlayerId { get; private set; }

    public ChanceSource Source { get; private set; }

    public TaskKind? Task { get; private set; }

    /// <summary>The UTC day the grant counts for (daily tasks).</summary>
    public DateOnly Day { get; private set; }

    /// <summary>1 for the first grant of the day, 2 for the second (tasks allowed several times a day).</summary>
    public int Sequence { get; private set; }

    public int Amount { get; private set; }

    public DateTimeOffset GrantedAt { get; private set; }

    /// <summary>
    /// The grant for completing <paramref name="task"/>; <paramref name="timesToday"/> is how many times the player has
    /// already done it today. Refuses once the task's daily allowance is used.
    /// </summary>
    public static Result<DrawChance> ForTask(Activity activity, ActivityTask task, Guid playerId, int timesToday, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timesToday);
        if (task.ActivityId != activity.Id)
        {
            throw new ArgumentException("The task belongs to another activity.", nameof(task));
        }

        var now = clock.GetUtcNow();
        if (activity.Status is not (ActivityStatus.Published or ActivityStatus.Running or ActivityStatus.Paused or ActivityStatus.Open))
        {
            return Result<DrawChance>.Failure(new Error(ErrorCodes.NotRunning, "The activity is not accepting tasks."));
        }

        if (timesToday >= task.MaxPerDay)
        {
            return Result<DrawChance>.Failure(new Error(ErrorCodes.TaskAlreadyDone,
                task.MaxPerDay == 1 ? "This task already counted today; come back tomorrow." : $"This task counts {task.MaxPerDay} times a day."));
        }

        return new DrawChance
        {
            Id = Ids.New(clock),
            TenantId = activity.TenantId,
            ActivityId = activity.Id,
            PlayerId = playerId,
            Source = ChanceSource.Task,
            Task = task.Kind,
            Day = DateOnly.FromDateTime(now.UtcDateTime),
            Sequence = timesToday + 1,
            Amount = task.Chances,
            GrantedAt = now,
        };
    }
}
