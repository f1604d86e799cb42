using Microsoft.Extensions.Time.Testing;

namespace Lottery.TestSupport;

/// <summary>Where the tests' fake clocks (<see cref="FakeTimeProvider"/>) start.</summary>
public static class TestClock
{
    /// <summary>2030-06-01 00:00 UTC: far from today, so code that reads the system clock instead of its TimeProvider shows.</summary>
    public static readonly DateTimeOffset Start = new(2030, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A clock at <see cref="Start"/> that moves only when the test moves it (timers fire as it is advanced).</summary>
    public static FakeTimeProvider New() => new(Start);
}
