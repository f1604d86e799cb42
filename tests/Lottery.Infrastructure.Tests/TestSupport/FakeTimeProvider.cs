namespace Lottery.Infrastructure.Tests.TestSupport;

/// <summary>A clock that only moves when a test moves it.</summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    public FakeTimeProvider()
        : this(new DateTimeOffset(2030, 6, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public DateTimeOffset UtcNow { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => UtcNow;

    public void Advance(TimeSpan by) => UtcNow += by;
}
