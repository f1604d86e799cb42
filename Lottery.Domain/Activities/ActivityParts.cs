using Lottery.Domain.Common;
using Lottery.Domain.Prizes;

namespace Lottery.Domain.Activities;

/// <summary>A prize tier of an activity: its probability and the prize slots it holds.</summary>
public sealed class PrizeTier : ITenantOwned
{
    private readonly List<PrizeSlot> _slots = [];

    private PrizeTier()
    {
        Name = null!;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ActivityId { get; private set; }

    public int Order { get; private set; }

    public string Name { get; private set; }

    /// <summary>Chance that a draw lands in this tier (instant activities); ignored for scheduled ones.</summary>
    public decimal Probability { get; private set; }

    public string? Color { get; private set; }

    public bool IsConsolation { get; private set; }

    /// <summary>The tier's own limit on wins per player, or none.</summary>
    public int? MaxWinsPerPlayer { get; private set; }

    public IReadOnlyList<PrizeSlot> Slots => _slots;

    internal static PrizeTier From(Activity activity, int order, TierDefinition d, TimeProvider clock)
    {
        var tier = new PrizeTier
        {
            Id = Ids.New(clock),
            TenantId = activity.TenantId,
            ActivityId = activity.Id,
            Order = order,
            Name = d.Name.Trim(),
            Probability = d.Probability,
            Color = d.Color,
            IsConsolation = d.IsConsolation,
            MaxWinsPerPlayer = d.MaxWinsPerPlayer,
        };
        for (var i = 0; i < d.Prizes.Count; i++)
        {
            tier._slots.Add(PrizeSlot.From(tier, i, d.Prizes[i], clock));
        }

        return tier;
    }

    /// <summary>A new version's definition of this tier: its fields and slots change, its id stays.</summary>
    internal void Revise(int order, TierDefinition d, TimeProvider clock)
    {
        Order = order;
        Name = d.Name.Trim();
        Probability = d.Probability;
        Color = d.Color;
        IsConsolation = d.IsConsolation;
        MaxWinsPerPlayer = d.MaxWinsPerPlayer;
        _slots.Clear();
        for (var i = 0; i < d.Prizes.Count; i++)
        {
            _slots.Add(PrizeSlot.From(this, i, d.Prizes[i], clock));
        }
    }

    internal TierDefinition ToDefinition() => new(
        Name,
        Probability,
        [.. _slots.OrderBy(s => s.Order).Select(s => s.ToDefinition())],
        Color,
        IsConsolation,
        MaxWinsPerPlayer);
}

/// <summary>A prize placed in a tier, with its weight inside the tier. Name and kind are a snapshot of the catalogue.</summary>
public sealed class PrizeSlot : ITenantOwned
{
    private PrizeSlot()
    {
        PrizeName = null!;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid TierId { get; private set; }

    public Guid PrizeId { get; private set; }

    public int Order { get; private set; }

    public string PrizeName { get; private set; }

    public PrizeKind PrizeKind { get; private set; }

    /// <summary>Units this slot contributes to the activity's pre-allocation of the prize.</summary>
    public int Stock { get; private set; }

    /// <summary>Relative chance of this prize among the tier's prizes.</summary>
    public int Weight { get; private set; }

    /// <summary>The time slots the prize's stock is released in (instant activities), or none: all at once.</summary>
    public TimeSlotPlan? TimeSlots => SlotMinutes is { } minutes
        ? new TimeSlotPlan(TimeSpan.FromMinutes(minutes), SlotQuotas is { Length: > 0 } q
            ? [.. q.Split(',').Select(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture))]
            : null)
        : null;

    /// <summary>Stored form of <see cref="TimeSlots"/>: the slot length in minutes.</summary>
    private int? SlotMinutes { get; set; }

    /// <summary>Stored form of <see cref="TimeSlots"/>: explicit quotas, comma-separated, or null (even split).</summary>
    private string? SlotQuotas { get; set; }

    internal static PrizeSlot From(PrizeTier tier, int order, PrizeSlotDefinition d, TimeProvider clock) => new()
    {
        Id = Ids.New(clock),
        TenantId = tier.TenantId,
        TierId = tier.Id,
        PrizeId = d.PrizeId ?? throw new ArgumentException($"Prize '{d.Name}' has not been resolved to a catalogue prize.", nameof(d)),
        Order = order,
        PrizeName = d.Name.Trim(),
        PrizeKind = d.Kind,
        Stock = d.Stock,
        Weight = d.Weight,
        SlotMinutes = d.Slots is { } plan ? (int)plan.Every.TotalMinutes : null,
        SlotQuotas = d.Slots?.Quotas is { } quotas
            ? string.Join(',', quotas.Select(q => q.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            : null,
    };

    internal PrizeSlotDefinition ToDefinition() => new(PrizeName, PrizeKind, Stock, Weight, PrizeId, TimeSlots);
}

/// <summary>
/// An activity's pre-allocated pool of one prize: reserved from the prize's total pool when the activity is published,
/// drawn down by wins, and the unused rest returned exactly once when the activity ends or is cancelled.
/// </summary>
public sealed class ActivityPrize : ITenantOwned
{
    private ActivityPrize()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ActivityId { get; private set; }

    public Guid PrizeId { get; private set; }

    /// <summary>Units pre-allocated to this activity.</summary>
    public int Allocated { get; private set; }

    /// <summary>Units issued to winners (persisted wins). Never exceeds <see cref="Allocated"/>.</summary>
    public int Issued { get; private set; }

    /// <summary>True once <see cref="Allocated"/> has been taken from the prize's pool.</summary>
    public bool IsReserved { get; private set; }

    /// <summary>Units given back to the prize's pool, once the activity is over.</summary>
    public int Returned { get; private set; }

    public DateTimeOffset? ReturnedAt { get; private set; }

    /// <summary>Optimistic concurrency token, incremented on every change.</summary>
    public int Version { get; private set; }

    public int Remaining => Allocated - Issued - Returned;

    internal static ActivityPrize Create(Activity activity, Guid prizeId, int allocated, TimeProvider clock) => new()
    {
        Id = Ids.New(clock),
        TenantId = activity.TenantId,
        ActivityId = activity.Id,
        PrizeId = prizeId,
        Allocated = allocated,
    };

    /// <summary>A new version changed how many units the activity holds (the caller moved the difference to or from the pool).</summary>
    internal void Reallocate(int allocated)
    {
        if (allocated < Issued)
        {
            throw new InvalidOperationException($"An allocation of {allocated} would be below the {Issued} unit(s) already issued.");
        }

        Allocated = allocated;
        Version++;
    }

    internal void MarkReserved()
    {
        IsReserved = true;
        Version++;
    }

    /// <summary>Counts one persisted win; refuses to go past the allocation (the stock store should never ask it to).</summary>
    public Result RecordIssued(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (!IsReserved)
        {
            throw new InvalidOperationException("Wins are recorded only against stock that was reserved at publish.");
        }

        if (Issued + count > Allocated - Returned)
        {
            return Result.Failure(new Error(ErrorCodes.SoldOut, "The activity's stock of this prize is used up."));
        }

        Issued += count;
        Version++;
        return Result.Success();
    }

    /// <summary>Returns what is unused to the prize's pool, once; a second call returns nothing.</summary>
    internal int ReturnUnused(Prize prize, TimeProvider clock)
    {
        if (!IsReserved || ReturnedAt is not null)
        {
            return 0;
        }

        var unused = Allocated - Issued;
        prize.Return(unused);
        Returned = unused;
        ReturnedAt = clock.GetUtcNow();
        Version++;
        return unused;
    }
}

/// <summary>A task that earns extra chances (share, daily check-in).</summary>
public sealed class ActivityTask : ITenantOwned
{
    private ActivityTask()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ActivityId { get; private set; }

    public TaskKind Kind { get; private set; }

    /// <summary>Chances granted each time the task is done.</summary>
    public int Chances { get; private set; }

    /// <summary>How many times a day the task counts.</summary>
    public int MaxPerDay { get; private set; }

    internal static ActivityTask From(Activity activity, TaskDefinition d, TimeProvider clock) => new()
    {
        Id = Ids.New(clock),
        TenantId = activity.TenantId,
        ActivityId = activity.Id,
        Kind = d.Kind,
        Chances = d.Chances,
        MaxPerDay = d.MaxPerDay,
    };

    internal void Revise(TaskDefinition d)
    {
        Chances = d.Chances;
        MaxPerDay = d.MaxPerDay;
    }

    internal TaskDefinition ToDefinition() => new(Kind, Chances, MaxPerDay);
}

/// <summary>A session or round inside an activity's window.</summary>
public sealed class ActivityRound : ITenantOwned
{
    private ActivityRound()
    {
        Name = null!;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ActivityId { get; private set; }

    public string Name { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    internal static ActivityRound From(Activity activity, RoundDefinition d, TimeProvider clock) => new()
    {
        Id = Ids.New(clock),
        TenantId = activity.TenantId,
        ActivityId = activity.Id,
        Name = d.Name.Trim(),
        StartsAt = d.StartsAt.ToUniversalTime(),
        EndsAt = d.EndsAt.ToUniversalTime(),
    };

    internal RoundDefinition ToDefinition() => new(Name, StartsAt, EndsAt);
}
