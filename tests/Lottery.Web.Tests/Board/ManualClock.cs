namespace Lottery.Web.Tests.Board;

/// <summary>A clock and timers that move only when the test advances them; due timers fire on the advancing thread.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];

    public ManualClock()
        : this(new DateTimeOffset(2030, 6, 1, 12, 0, 30, TimeSpan.Zero))
    {
    }

    public DateTimeOffset Now { get; private set; } = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return Now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        var target = GetUtcNow() + by;
        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.Due is { } due && due <= target).MinBy(t => t.Due);
                if (next is null)
                {
                    Now = target;
                    return;
                }

                Now = next.Due!.Value;
                next.Due = next.Period is { } p && p > TimeSpan.Zero ? Now + p : null;
            }

            next.Fire();
        }
    }

    private void Track(ManualTimer timer, bool active)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (active)
            {
                _timers.Add(timer);
            }
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public TimeSpan? Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
            Period = period == Timeout.InfiniteTimeSpan ? null : period;
            clock.Track(this, Due is not null);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            Due = null;
            clock.Track(this, false);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
