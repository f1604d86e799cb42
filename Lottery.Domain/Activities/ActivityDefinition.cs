using Lottery.Domain.Prizes;

namespace Lottery.Domain.Activities;

/// <summary>
/// The whole editable definition of a campaign: the document the designer produces and the management API accepts.
/// Validate it with <see cref="ActivityDefinitionValidator"/>, which lists every problem at once.
/// </summary>
public sealed record ActivityDefinition(
    string Name,
    ActivityKind Kind,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset? DrawAt,
    ActivityRules Rules,
    IReadOnlyList<TierDefinition> Tiers,
    IReadOnlyList<TaskDefinition>? Tasks = null,
    IReadOnlyList<RoundDefinition>? Rounds = null,
    GameplaySettings? Gameplay = null,
    ActivityTheme? Theme = null,
    string? Description = null,
    SoldOutBehavior SoldOut = SoldOutBehavior.NoPrize,
    PlayerSettings? Players = null)
{
    public PlayerSettings PlayersOrDefault => Players ?? PlayerSettings.Default;

    public IReadOnlyList<TaskDefinition> TasksOrEmpty => Tasks ?? [];

    public IReadOnlyList<RoundDefinition> RoundsOrEmpty => Rounds ?? [];
}

/// <summary>A prize tier: its probability (a decimal fraction, 1e-6 resolution) and the prizes it holds.</summary>
/// <param name="IsConsolation">The tier a sold-out draw falls back to when the activity says so.</param>
/// <param name="MaxWinsPerPlayer">The tier's own limit on wins per player, or none.</param>
public sealed record TierDefinition(
    string Name,
    decimal Probability,
    IReadOnlyList<PrizeSlotDefinition> Prizes,
    string? Color = null,
    bool IsConsolation = false,
    int? MaxWinsPerPlayer = null);

/// <summary>
/// A prize placed in a tier. <paramref name="PrizeId"/> names a catalogue prize; before an activity is built from a
/// definition every slot must have one (the use case finds or creates catalogue prizes by name and kind).
/// <paramref name="Stock"/> is how many units this slot pre-allocates from the prize's pool (for a scheduled activity:
/// how many winners get it). <paramref name="Weight"/> is the relative chance of this prize inside its tier.
/// <paramref name="Slots"/> (instant activities) releases the stock in time slots instead of all at once.
/// </summary>
public sealed record PrizeSlotDefinition(string Name, PrizeKind Kind, int Stock, int Weight = 1, Guid? PrizeId = null, TimeSlotPlan? Slots = null);

/// <summary>A task that earns extra draw chances.</summary>
public sealed record TaskDefinition(TaskKind Kind, int Chances, int MaxPerDay = 1);

/// <summary>A session/round inside the activity window (e.g. a daily round at 20:00).</summary>
public sealed record RoundDefinition(string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
