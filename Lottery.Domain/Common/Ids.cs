namespace Lottery.Domain.Common;

/// <summary>New identifiers: version 7 GUIDs, time-ordered so database indexes stay compact.</summary>
public static class Ids
{
    public static Guid New(TimeProvider clock) => Guid.CreateVersion7(clock.GetUtcNow());
}
