using Lottery.Domain.Common;
using Lottery.Domain.Prizes;

namespace Lottery.Domain.Activities;

/// <summary>
/// A prize-draw campaign: its definition (tiers, prizes, rules, tasks, rounds, look) and its life-cycle. Every state
/// change is a method that refuses an illegal move with a <see cref="ErrorCodes.IllegalTransition"/> failure.
/// </summary>
public sealed class Activity : ITenantOwned
{
    private readonly List<PrizeTier> _tiers = [];
    private readonly List<ActivityPrize> _prizes = [];
    private readonly List<ActivityTask> _tasks = [];
    private readonly List<ActivityRound> _rounds = [];

    private Activity()
    {
        Name = null!;
        ShortCode = null!;
        Schedule = null!;
        Rules = null!;
        Gameplay = null!;
        Theme = null!;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; }

    /// <summary>The code of the short link <c>/p/{code}</c> (<see cref="ShortCodes"/>); unique in the database.</summary>
    public string ShortCode { get; private set; }

    public string? Description { get; private set; }

    public ActivityKind Kind { get; private set; }

    public ActivityStatus Status { get; private set; }

    public ActivitySchedule Schedule { get; private set; }

    public ActivityRules Rules { get; private set; }

    public SoldOutBehavior SoldOut { get; private set; }

    /// <summary>Who may play (the identity a player needs).</summary>
    public PlayerSettings Players { get; private set; } = PlayerSettings.Default;

    public GameplaySettings Gameplay { get; private set; }

    public ActivityTheme Theme { get; private set; }

    /// <summary>Definition version: incremented each time the definition changes.</summary>
    public int DefinitionVersion { get; private set; }

    /// <summary>Optimistic concurrency token, incremented on every change.</summary>
    public int Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Scheduled draws: SHA-256 of the secret seed, published from the moment the activity opens.</summary>
    public string? SeedCommitment { get; private set; }

    /// <summary>Scheduled draws: the seed (hex). Secret until the draw is done; then published for verification.</summary>
    public string? Seed { get; private set; }

    /// <summary>Scheduled draws: SHA-256 of the canonical entrant list, fixed when the draw begins.</summary>
    public string? EntrantsHash { get; private set; }

    public IReadOnlyList<PrizeTier> Tiers => _tiers;

    /// <summary>The activity's pre-allocated pool per prize (one row per distinct prize in its tiers).</summary>
    public IReadOnlyList<ActivityPrize> Prizes => _prizes;

    public IReadOnlyList<ActivityTask> Tasks => _tasks;

    public IReadOnlyList<ActivityRound> Rounds => _rounds;

    public bool IsFinished => Status is ActivityStatus.Ended or ActivityStatus.Cancelled or ActivityStatus.Drawn;

    /// <summary>Published and not finished: its definition changes only through a new version (<see cref="Revise"/>).</summary>
    public bool IsLive => Kind == ActivityKind.Instant
        ? Status is ActivityStatus.Published or ActivityStatus.Running or ActivityStatus.Paused
        : Status == ActivityStatus.Open;

    /// <summary>
    /// Builds a draft from a definition. Every prize slot must already name a catalogue prize
    /// (<see cref="PrizeSlotDefinition.PrizeId"/>); the definition is validated and every problem returned.
    /// </summary>
    /// <param name="id">The id to give the activity (a designer draft reserves it before the activity exists); new if null.</param>
    public static Result<Activity> Create(Guid tenantId, ActivityDefinition definition, TimeProvider clock, Guid? id = null)
    {
        var errors = ActivityDefinitionValidator.Validate(definition);
        if (errors.Count > 0)
        {
            return Result<Activity>.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var activity = new Activity
        {
            Id = id ?? Ids.New(clock),
            TenantId = tenantId,
            Status = ActivityStatus.Draft,
            Kind = definition.Kind,
            ShortCode = ShortCodes.New(),
            CreatedAt = now,
        };
        activity.Apply(definition, clock);
        return activity;
    }

    /// <summary>Draws another short code: the one drawn is already taken by another activity (rare; see <see cref="ShortCodes"/>).</summary>
    public void RedrawShortCode() => ShortCode = ShortCodes.New();

    /// <summary>Replaces the definition of a draft; the kind cannot change.</summary>
    public Result UpdateDefinition(ActivityDefinition definition, TimeProvider clock)
    {
        if (Status != ActivityStatus.Draft)
        {
            return Illegal("edit", "Only a draft can be edited; a published activity changes through a new version.");
        }

        var errors = ActivityDefinitionValidator.Validate(definition).ToList();
        if (definition.Kind != Kind)
        {
            errors.Insert(0, new("kind", "The kind of an activity cannot change."));
        }

        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }

        Apply(definition, clock);
        return Result.Success();
    }

    /// <summary>
    /// The definition back, in a stable order that survives a database round trip (which returns child rows in no
    /// particular order): tiers and slots by position, tasks by kind (one per kind), rounds by start.
    /// </summary>
    public ActivityDefinition ToDefinition() => new(
        Name,
        Kind,
        Schedule.StartsAt,
        Schedule.EndsAt,
        Schedule.DrawAt,
        Rules,
        [.. _tiers.OrderBy(t => t.Order).Select(t => t.ToDefinition())],
        [.. _tasks.OrderBy(t => t.Kind).Select(t => t.ToDefinition())],
        [.. _rounds.OrderBy(r => r.StartsAt).Select(r => r.ToDefinition())],
        Gameplay,
        Theme,
        Description,
        SoldOut,
        Players);

    /// <summary>
    /// Publishes the activity: reserves every prize's pre-allocation from its catalogue pool (all or nothing; every
    /// short pool is listed), then moves Draft → Published (instant) or Draft → Open (scheduled).
    /// </summary>
    public Result Publish(IReadOnlyCollection<Prize> catalogue, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        if (Status != ActivityStatus.Draft)
        {
            return Illegal("publish");
        }

        if (now >= (Schedule.DrawAt ?? Schedule.EndsAt))
        {
            return Result.Failure(new Error(ErrorCodes.IllegalTransition,
                Kind == ActivityKind.Scheduled
                    ? "The draw time has passed; move it to the future before publishing."
                    : "The activity's end has passed; move it to the future before publishing."));
        }

        var byId = catalogue.ToDictionary(p => p.Id);
        var shortages = new List<ValidationError>();
        foreach (var pool in _prizes)
        {
            if (!byId.TryGetValue(pool.PrizeId, out var prize))
            {
                throw new ArgumentException($"Prize {pool.PrizeId} of activity {Id} was not supplied.", nameof(catalogue));
            }

            if (prize.PoolStock < pool.Allocated)
            {
                shortages.Add(new($"prizes[{prize.Name}]",
                    $"Prize '{prize.Name}' has {prize.PoolStock} unit(s) in its pool; this activity needs {pool.Allocated}."));
            }
        }

        if (shortages.Count > 0)
        {
            return Result.Failure(
                new Error(ErrorCodes.StockPoolShort, "Some prizes do not have enough stock in their pool; nothing was reserved."),
                shortages);
        }

        foreach (var pool in _prizes)
        {
            byId[pool.PrizeId].Reserve(pool.Allocated);
            pool.MarkReserved();
        }

        PublishedAt = now;
        return MoveTo(Kind == ActivityKind.Instant ? ActivityStatus.Published : ActivityStatus.Open, clock);
    }

    /// <summary>Published → Running, once the start time has come.</summary>
    public Result Start(TimeProvider clock)
    {
        if (Kind != ActivityKind.Instant || Status != ActivityStatus.Published)
        {
            return Illegal("start");
        }

        if (clock.GetUtcNow() < Schedule.StartsAt)
        {
            return Result.Failure(new Error(ErrorCodes.IllegalTransition, "The activity cannot start before its start time."));
        }

        return MoveTo(ActivityStatus.Running, clock);
    }

    /// <summary>Running → Paused (the kill switch): draws are refused until resumed.</summary>
    public Result Pause(TimeProvider clock) =>
        Kind == ActivityKind.Instant && Status == ActivityStatus.Running
            ? MoveTo(ActivityStatus.Paused, clock)
            : Illegal("pause");

    /// <summary>Paused → Running, unless the activity's end has passed.</summary>
    public Result Resume(TimeProvider clock)
    {
        if (Kind != ActivityKind.Instant || Status != ActivityStatus.Paused)
        {
            return Illegal("resume");
        }

        if (clock.GetUtcNow() >= Schedule.EndsAt)
        {
            return Result.Failure(new Error(ErrorCodes.IllegalTransition, "The activity's end has passed; it cannot resume."));
        }

        return MoveTo(ActivityStatus.Running, clock);
    }

    /// <summary>Running or Paused → Ended.</summary>
    public Result End(TimeProvider clock)
    {
        if (Kind != ActivityKind.Instant || Status is not (ActivityStatus.Running or ActivityStatus.Paused))
        {
            return Illegal("end");
        }

        EndedAt = clock.GetUtcNow();
        return MoveTo(ActivityStatus.Ended, clock);
    }

    /// <summary>Cancels: instant from Draft/Published/Running/Paused, scheduled from Draft/Open.</summary>
    public Result Cancel(TimeProvider clock)
    {
        var allowed = Kind == ActivityKind.Instant
            ? Status is ActivityStatus.Draft or ActivityStatus.Published or ActivityStatus.Running or ActivityStatus.Paused
            : Status is ActivityStatus.Draft or ActivityStatus.Open;
        if (!allowed)
        {
            return Illegal("cancel");
        }

        EndedAt = clock.GetUtcNow();
        return MoveTo(ActivityStatus.Cancelled, clock);
    }

    /// <summary>
    /// Commits an open scheduled activity to a random 32-byte seed, once: its SHA-256 is public from now on, the seed
    /// itself only after the draw, so nobody (the operator included) can choose winners after seeing the entrants.
    /// </summary>
    public Result CommitSeed(IRandomSource random)
    {
        if (Kind != ActivityKind.Scheduled || Status is not (ActivityStatus.Open or ActivityStatus.Drawing))
        {
            return Illegal("commit a seed for");
        }

        if (Seed is null)
        {
            var seed = new byte[32];
            random.Fill(seed);
            Seed = Convert.ToHexStringLower(seed);
            SeedCommitment = Draws.ScheduledDrawing.Commitment(seed);
            Version++;
        }

        return Result.Success();
    }

    /// <summary>Fixes the hash of the entrant list the draw used (while Drawing; a restarted draw records the same hash).</summary>
    public Result RecordEntrants(string entrantsHash)
    {
        if (Kind != ActivityKind.Scheduled || Status != ActivityStatus.Drawing)
        {
            return Illegal("record the entrants of");
        }

        EntrantsHash = entrantsHash;
        return Result.Success();
    }

    /// <summary>Open → Drawing at the draw time: joins are refused from here on.</summary>
    public Result BeginDraw(TimeProvider clock)
    {
        if (Kind != ActivityKind.Scheduled || Status != ActivityStatus.Open)
        {
            return Illegal("begin the draw of");
        }

        if (clock.GetUtcNow() < Schedule.DrawAt)
        {
            return Result.Failure(new Error(ErrorCodes.IllegalTransition, "The draw cannot begin before the draw time."));
        }

        return MoveTo(ActivityStatus.Drawing, clock);
    }

    /// <summary>Drawing → Drawn, once the winners are persisted.</summary>
    public Result CompleteDraw(TimeProvider clock)
    {
        if (Kind != ActivityKind.Scheduled || Status != ActivityStatus.Drawing)
        {
            return Illegal("complete the draw of");
        }

        EndedAt = clock.GetUtcNow();
        return MoveTo(ActivityStatus.Drawn, clock);
    }

    /// <summary>Whether an instant draw is accepted at <paramref name="now"/>: running and inside the window.</summary>
    public Result CanDrawAt(DateTimeOffset now)
    {
        if (Kind != ActivityKind.Instant || Status != ActivityStatus.Running)
        {
            return Result.Failure(new Error(ErrorCodes.NotRunning, $"The activity is not running (it is {Status})."));
        }

        if (!Schedule.Contains(now))
        {
            return Result.Failure(new Error(ErrorCodes.NotRunning,
                now < Schedule.StartsAt ? "The activity has not started yet." : "The activity has ended."));
        }

        return Result.Success();
    }

    /// <summary>Whether a player may join a scheduled draw at <paramref name="now"/>: open and before the draw time.</summary>
    public Result CanJoinAt(DateTimeOffset now)
    {
        if (Kind != ActivityKind.Scheduled || Status != ActivityStatus.Open)
        {
            return Result.Failure(new Error(ErrorCodes.NotRunning, $"The draw is not open for entries (it is {Status})."));
        }

        if (now < Schedule.StartsAt || now >= Schedule.DrawAt)
        {
            return Result.Failure(new Error(ErrorCodes.NotRunning,
                now < Schedule.StartsAt ? "Entries have not opened yet." : "Entries closed at the draw time."));
        }

        return Result.Success();
    }

    /// <summary>
    /// Returns every prize's unused pre-allocation to its catalogue pool, once. Only a finished activity returns stock;
    /// the caller persists pending draw records first. The result lists what went back, for the audit log.
    /// </summary>
    public Result<IReadOnlyList<StockReturn>> ReturnUnusedStock(IReadOnlyCollection<Prize> catalogue, TimeProvider clock)
    {
        if (!IsFinished)
        {
            return Result<IReadOnlyList<StockReturn>>.Failure(new Error(ErrorCodes.IllegalTransition,
                "Stock returns to the pool only when the activity has ended, been drawn or been cancelled."));
        }

        var byId = catalogue.ToDictionary(p => p.Id);
        var returns = new List<StockReturn>();
        foreach (var pool in _prizes.Where(p => p.IsReserved && p.ReturnedAt is null))
        {
            var quantity = pool.ReturnUnused(byId[pool.PrizeId], clock);
            if (quantity > 0)
            {
                returns.Add(new StockReturn(pool.PrizeId, quantity));
            }
        }

        if (returns.Count > 0)
        {
            Touch(clock);
        }

        return returns;
    }


    /// <summary>
    /// Publishes a new version of a live activity's definition while it keeps running: the kind stays; each prize's
    /// pre-allocation moves to what the new tiers need, taking increases from the catalogue pool (all or nothing; every
    /// short pool is listed) and giving decreases back. An allocation never goes below what was already won
    /// (<paramref name="taken"/>: units won per prize, including wins the stock store has not persisted yet). Tiers keep
    /// their id when a tier of the same name survives, so per-tier win limits keep counting. Returns each change of
    /// allocation, for the audit log.
    /// </summary>
    public Result<IReadOnlyList<StockChange>> Revise(ActivityDefinition definition, IReadOnlyCollection<Prize> catalogue,
        IReadOnlyDictionary<Guid, int> taken, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(taken);
        if (!IsLive)
        {
            return Result<IReadOnlyList<StockChange>>.Failure(new Error(ErrorCodes.IllegalTransition,
                $"Only a published activity that has not finished gets new versions (this one is {Status})."));
        }

        var errors = ActivityDefinitionValidator.Validate(definition).ToList();
        if (definition.Kind != Kind)
        {
            errors.Insert(0, new("kind", "The kind of an activity cannot change."));
        }

        if (errors.Count > 0)
        {
            return Result<IReadOnlyList<StockChange>>.Invalid(errors);
        }

        var needed = definition.Tiers.SelectMany(t => t.Prizes)
            .GroupBy(s => s.PrizeId ?? throw new ArgumentException($"Prize '{s.Name}' has not been resolved to a catalogue prize.", nameof(definition)))
            .ToDictionary(g => g.Key, g => g.Sum(s => s.Stock));
        var byId = catalogue.ToDictionary(p => p.Id);
        var changes = new List<StockChange>();
        var problems = new List<ValidationError>();
        foreach (var (prizeId, units) in needed)
        {
            var pool = _prizes.SingleOrDefault(p => p.PrizeId == prizeId);
            var won = Math.Max(pool?.Issued ?? 0, taken.GetValueOrDefault(prizeId));
            var prize = byId.TryGetValue(prizeId, out var p) ? p
                : throw new ArgumentException($"Prize {prizeId} was not supplied.", nameof(catalogue));
            if (units < won)
            {
                problems.Add(new(SlotPath(definition, prizeId),
                    $"{won} unit(s) of '{prize.Name}' were already won; the stock cannot go below that."));
                continue;
            }

            var delta = units - (pool?.Allocated ?? 0);
            if (delta > prize.PoolStock)
            {
                problems.Add(new(SlotPath(definition, prizeId),
                    $"Prize '{prize.Name}' has {prize.PoolStock} unit(s) in its pool; this version needs {delta} more."));
            }

            if (delta != 0)
            {
                changes.Add(new StockChange(prizeId, delta));
            }
        }

        // A prize the new version leaves out keeps only what was already won; the rest goes back to its pool.
        foreach (var pool in _prizes.Where(p => !needed.ContainsKey(p.PrizeId)))
        {
            var won = Math.Max(pool.Issued, taken.GetValueOrDefault(pool.PrizeId));
            if (pool.Allocated != won)
            {
                changes.Add(new StockChange(pool.PrizeId, won - pool.Allocated));
            }
        }

        if (problems.Count > 0)
        {
            return Result<IReadOnlyList<StockChange>>.Failure(
                new Error(ErrorCodes.StockPoolShort, "The new version's stock cannot be allocated; nothing was changed."), problems);
        }

        foreach (var change in changes)
        {
            var prize = byId[change.PrizeId];
            var pool = _prizes.SingleOrDefault(p => p.PrizeId == change.PrizeId);
            if (change.Delta > 0)
            {
                prize.Reserve(change.Delta);
            }
            else
            {
                prize.Return(-change.Delta);
            }

            if (pool is null)
            {
                pool = ActivityPrize.Create(this, change.PrizeId, change.Delta, clock);
                pool.MarkReserved();
                _prizes.Add(pool);
            }
            else
            {
                pool.Reallocate(pool.Allocated + change.Delta);
            }
        }

        ReviseDefinition(definition, clock);
        return changes;
    }

    private static string SlotPath(ActivityDefinition d, Guid prizeId)
    {
        for (var t = 0; t < d.Tiers.Count; t++)
        {
            for (var p = 0; p < d.Tiers[t].Prizes.Count; p++)
            {
                if (d.Tiers[t].Prizes[p].PrizeId == prizeId)
                {
                    return $"tiers[{t}].prizes[{p}].stock";
                }
            }
        }

        return "tiers";
    }

    /// <summary>Replaces the definition of a live activity in place, leaving its stock pools to <see cref="Revise"/>.</summary>
    private void ReviseDefinition(ActivityDefinition d, TimeProvider clock)
    {
        ApplyScalars(d);
        var kept = new List<PrizeTier>();
        for (var i = 0; i < d.Tiers.Count; i++)
        {
            var same = _tiers.FirstOrDefault(t => !kept.Contains(t) && string.Equals(t.Name, d.Tiers[i].Name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (same is null)
            {
                kept.Add(PrizeTier.From(this, i, d.Tiers[i], clock));
            }
            else
            {
                same.Revise(i, d.Tiers[i], clock);
                kept.Add(same);
            }
        }

        _tiers.Clear();
        _tiers.AddRange(kept);

        var tasks = d.TasksOrEmpty;
        _tasks.RemoveAll(t => tasks.All(n => n.Kind != t.Kind));
        foreach (var task in tasks)
        {
            if (_tasks.SingleOrDefault(t => t.Kind == task.Kind) is { } existing)
            {
                existing.Revise(task);
            }
            else
            {
                _tasks.Add(ActivityTask.From(this, task, clock));
            }
        }

        _rounds.Clear();
        _rounds.AddRange(d.RoundsOrEmpty.Select(r => ActivityRound.From(this, r, clock)));
        DefinitionVersion++;
        Touch(clock);
    }

    private void ApplyScalars(ActivityDefinition d)
    {
        Name = d.Name.Trim();
        Description = d.Description;
        Schedule = new ActivitySchedule(d.StartsAt.ToUniversalTime(), d.EndsAt.ToUniversalTime(), d.DrawAt?.ToUniversalTime());
        Rules = d.Rules;
        SoldOut = d.SoldOut;
        Players = d.PlayersOrDefault;
        Gameplay = d.Gameplay ?? GameplaySettings.Wheel;
        Theme = d.Theme ?? ActivityTheme.Default;
    }

    private void Apply(ActivityDefinition d, TimeProvider clock)
    {
        ApplyScalars(d);

        _tiers.Clear();
        for (var i = 0; i < d.Tiers.Count; i++)
        {
            _tiers.Add(PrizeTier.From(this, i, d.Tiers[i], clock));
        }

        _prizes.Clear();
        foreach (var group in _tiers.SelectMany(t => t.Slots).GroupBy(s => s.PrizeId))
        {
            _prizes.Add(ActivityPrize.Create(this, group.Key, group.Sum(s => s.Stock), clock));
        }

        _tasks.Clear();
        _tasks.AddRange(d.TasksOrEmpty.Select(t => ActivityTask.From(this, t, clock)));
        _rounds.Clear();
        _rounds.AddRange(d.RoundsOrEmpty.Select(r => ActivityRound.From(this, r, clock)));
        DefinitionVersion++;
        Touch(clock);
    }

    private Result MoveTo(ActivityStatus status, TimeProvider clock)
    {
        Status = status;
        Touch(clock);
        return Result.Success();
    }

    private void Touch(TimeProvider clock)
    {
        UpdatedAt = clock.GetUtcNow();
        Version++;
    }

    private Result Illegal(string action, string? detail = null) =>
        Result.Failure(new Error(ErrorCodes.IllegalTransition,
            detail ?? $"Cannot {action} {(Kind == ActivityKind.Instant ? "an instant" : "a scheduled")} activity that is {Status}."));
}

/// <summary>A change of an activity's pre-allocation of a prize: positive taken from its pool, negative given back.</summary>
public sealed record StockChange(Guid PrizeId, int Delta);

/// <summary>Units of a prize given back to its catalogue pool.</summary>
public sealed record StockReturn(Guid PrizeId, int Quantity);
