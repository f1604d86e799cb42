using System.Diagnostics;

namespace Lottery.TestSupport;

/// <summary>
/// Waits for a condition, bounded: polls until it holds and fails the test, naming what was awaited and the last value
/// seen, if it does not come true in time. For work the code under test finishes asynchronously (Redis mode persists
/// draws in the background, jobs fire on their own clock); never a sleep.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls <paramref name="condition"/> until it is true (at most <paramref name="timeout"/>, 15 s by default).</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        ReturnsAsync(condition, holds => holds, timeout ?? TimeSpan.FromSeconds(15), what);

    /// <summary>
    /// Reads (every <paramref name="pollEvery"/>, 50 ms by default) until <paramref name="done"/> accepts the value, at most
    /// <paramref name="timeout"/> (30 s by default), and returns it.
    /// </summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null, string what = "the condition held",
        TimeSpan? pollEvery = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            Assert.True(Stopwatch.GetElapsedTime(started) < limit, $"Timed out after {limit} waiting until {what}; last value: {value}");
            await Task.Delay(pollEvery ?? DefaultPoll);
        }
    }
}
