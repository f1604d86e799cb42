using System.Text.Json;
using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Prizes;

namespace Lottery.Web.Features.Activities;

/// <summary>
/// The activity definition document: the JSON the management API accepts and the designer produces (docs/api.md).
/// Every member is optional here so that a missing field becomes one listed validation error, not a parse failure.
/// </summary>
public sealed record ActivityDocument(
    string? Name,
    string? Kind,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    DateTimeOffset? DrawAt,
    RulesDocument? Rules,
    IReadOnlyList<TierDocument?>? Tiers,
    IReadOnlyList<TaskDocument?>? Tasks = null,
    IReadOnlyList<RoundDocument?>? Rounds = null,
    GameplayDocument? Gameplay = null,
    ThemeDocument? Theme = null,
    string? Description = null,
    string? SoldOut = null,
    PlayersDocument? Players = null);

/// <summary>Who may play: <c>identity</c> is <c>guest</c> (default), <c>email</c> or <c>partner</c>.</summary>
public sealed record PlayersDocument(string? Identity);

public sealed record RulesDocument(int? ChancesPerPlayer, int? ChancesPerDay, int? MaxWinsPerPlayer);

public sealed record TierDocument(string? Name, decimal? Probability, IReadOnlyList<PrizeDocument?>? Prizes, string? Color = null,
    bool? IsConsolation = null, int? MaxWinsPerPlayer = null);

/// <summary>
/// A prize in a tier: a catalogue prize by <see cref="PrizeId"/>, or by name and kind (created in the catalogue if new,
/// with <see cref="UnitCost"/> as what one unit costs; a catalogue prize keeps its own). <see cref="Slots"/> releases its
/// stock in time slots (instant activities). <see cref="HighValue"/>, when given, marks the catalogue prize high-value
/// (true) or not (false): only verified players can claim a high-value prize.
/// </summary>
public sealed record PrizeDocument(string? Name, string? Kind, int? Stock, int? Weight = null, Guid? PrizeId = null, decimal? UnitCost = null,
    SlotsDocument? Slots = null, bool? HighValue = null);

/// <summary>
/// Time slots of a prize's stock: <c>every</c> is <c>hour</c>, <c>day</c>, <c>week</c> or a length such as <c>30m</c>,
/// <c>6h</c>, <c>2d</c> (slots count from the activity's start); <c>quotas</c>, optional, gives every slot's quota
/// (otherwise the stock is split evenly, the remainder to the earliest slots). Unused quota rolls into the next slot.
/// </summary>
public sealed record SlotsDocument(string? Every, IReadOnlyList<int>? Quotas = null);

public sealed record TaskDocument(string? Kind, int? Chances, int? MaxPerDay = null);

public sealed record RoundDocument(string? Name, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

public sealed record GameplayDocument(string? Type, int? TryAgainSegments = null);

public sealed record ThemeDocument(string? PrimaryColor, string? AccentColor, string? BackgroundColor, string? TextColor, string? BackgroundImageUrl = null);

/// <summary>Converts between the document and the domain definition, listing every problem at once.</summary>
public static class ActivityDocuments
{
    private static readonly Dictionary<string, ActivityKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["instant"] = ActivityKind.Instant,
        ["scheduled"] = ActivityKind.Scheduled,
    };

    /// <summary>The definition, or every problem with the document (missing fields, unknown names, and the domain's rules).</summary>
    public static Result<ActivityDefinition> ToDefinition(ActivityDocument? document)
    {
        var errors = new List<ValidationError>();
        if (document is null)
        {
            return Result<ActivityDefinition>.Invalid([new("", "A definition document is required.")]);
        }

        var kind = Parse(errors, "kind", document.Kind, Kinds, required: true);
        var startsAt = Required(errors, "startsAt", document.StartsAt);
        var endsAt = Required(errors, "endsAt", document.EndsAt);
        if (document.Name is null)
        {
            errors.Add(new("name", "A name is required."));
        }

        ActivityRules? rules = null;
        if (document.Rules is not { } r)
        {
            errors.Add(new("rules", "Rules are required (at least chancesPerPlayer)."));
        }
        else
        {
            rules = new ActivityRules(Required(errors, "rules.chancesPerPlayer", r.ChancesPerPlayer), r.ChancesPerDay, r.MaxWinsPerPlayer);
        }

        var tiers = new List<TierDefinition>();
        if (document.Tiers is null)
        {
            errors.Add(new("tiers", "Add at least one prize tier."));
        }
        else
        {
            for (var t = 0; t < document.Tiers.Count; t++)
            {
                if (ToTier(errors, $"tiers[{t}]", document.Tiers[t], kind) is { } tier)
                {
                    tiers.Add(tier);
                }
            }
        }

        var tasks = new List<TaskDefinition>();
        for (var i = 0; i < (document.Tasks?.Count ?? 0); i++)
        {
            var task = document.Tasks![i];
            var path = $"tasks[{i}]";
            if (task is null)
            {
                errors.Add(new(path, "A task cannot be null."));
                continue;
            }

            var taskKind = Parse(errors, $"{path}.kind", task.Kind, TaskKinds, required: true);
            var chances = Required(errors, $"{path}.chances", task.Chances);
            tasks.Add(new TaskDefinition(taskKind ?? TaskKind.Share, chances, task.MaxPerDay ?? 1));
        }

        var rounds = new List<RoundDefinition>();
        for (var i = 0; i < (document.Rounds?.Count ?? 0); i++)
        {
            var round = document.Rounds![i];
            if (round is null)
            {
                errors.Add(new($"rounds[{i}]", "A round cannot be null."));
                continue;
            }

            rounds.Add(new RoundDefinition(round.Name ?? "", Required(errors, $"rounds[{i}].startsAt", round.StartsAt),
                Required(errors, $"rounds[{i}].endsAt", round.EndsAt)));
        }

        GameplaySettings? gameplay = null;
        if (document.Gameplay is { } g)
        {
            var type = Parse(errors, "gameplay.type", g.Type, GameplayTypes, required: false) ?? GameplayType.Wheel;
            gameplay = new GameplaySettings(type, g.TryAgainSegments ?? GameplaySettings.Wheel.TryAgainSegments);
        }

        ActivityTheme? theme = null;
        if (document.Theme is { } th)
        {
            var d = ActivityTheme.Default;
            theme = new ActivityTheme(th.PrimaryColor ?? d.PrimaryColor, th.AccentColor ?? d.AccentColor, th.BackgroundColor ?? d.BackgroundColor,
                th.TextColor ?? d.TextColor, th.BackgroundImageUrl);
        }

        var soldOut = Parse(errors, "soldOut", document.SoldOut, SoldOutBehaviors, required: false) ?? SoldOutBehavior.NoPrize;
        var players = document.Players is { } pl
            ? new PlayerSettings(Parse(errors, "players.identity", pl.Identity, IdentityKinds, required: false) ?? Domain.Players.PlayerIdentityKind.Guest)
            : null;

        // Run the domain's rules even when fields are missing, so every problem is reported at once; rules that only
        // restate a missing field (an unknown kind's draw time, a missing date's ordering) are left out.
        var definition = new ActivityDefinition(document.Name ?? "", kind ?? ActivityKind.Instant, startsAt, endsAt,
            kind is null ? null : document.DrawAt, rules ?? ActivityRules.Default, tiers, tasks, rounds, gameplay, theme, document.Description, soldOut, players);
        var missingDates = document.StartsAt is null || document.EndsAt is null;
        errors.AddRange(ActivityDefinitionValidator.Validate(definition)
            .Where(e => errors.All(x => x.Path != e.Path))
            .Where(e => !(missingDates && e.Path is "endsAt" or "drawAt"))
            .Where(e => !(rules is null && e.Path.StartsWith("rules", StringComparison.Ordinal))));
        return errors.Count > 0 ? Result<ActivityDefinition>.Invalid(errors) : definition;
    }

    /// <summary>The document of a definition (export, designer round trip).</summary>
    public static ActivityDocument FromDefinition(ActivityDefinition d) => new(
        d.Name,
        Lower(d.Kind),
        d.StartsAt,
        d.EndsAt,
        d.DrawAt,
        new RulesDocument(d.Rules.ChancesPerPlayer, d.Rules.ChancesPerDay, d.Rules.MaxWinsPerPlayer),
        [.. d.Tiers.Select(t => new TierDocument(t.Name, t.Probability,
            [.. t.Prizes.Select(p => new PrizeDocument(p.Name, Lower(p.Kind), p.Stock, p.Weight, p.PrizeId,
                Slots: p.Slots is { } plan ? new SlotsDocument(TimeSlotPlan.FormatEvery(plan.Every), plan.Quotas) : null))],
            t.Color, t.IsConsolation, t.MaxWinsPerPlayer))],
        [.. d.TasksOrEmpty.Select(t => new TaskDocument(ToCamel(t.Kind), t.Chances, t.MaxPerDay))],
        [.. d.RoundsOrEmpty.Select(r => new RoundDocument(r.Name, r.StartsAt, r.EndsAt))],
        d.Gameplay is { } g ? new GameplayDocument(ToCamel(g.Type), g.TryAgainSegments) : null,
        d.Theme is { } th ? new ThemeDocument(th.PrimaryColor, th.AccentColor, th.BackgroundColor, th.TextColor, th.BackgroundImageUrl) : null,
        d.Description,
        ToCamel(d.SoldOut),
        new PlayersDocument(ToCamel(d.PlayersOrDefault.Identity)));

    /// <summary>An activity's current definition as a document's JSON (audit entries, recorded versions).</summary>
    public static string Json(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return JsonSerializer.Serialize(FromDefinition(activity.ToDefinition()));
    }

    public static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>An enumeration value as the API writes it (camelCase: <c>dailyCheckIn</c>, <c>noPrize</c>).</summary>
    public static string ToCamel<T>(T value)
        where T : struct, Enum => char.ToLowerInvariant(value.ToString()[0]) + value.ToString()[1..];

    private static TierDefinition? ToTier(List<ValidationError> errors, string path, TierDocument? tier, ActivityKind? kind)
    {
        if (tier is null)
        {
            errors.Add(new(path, "A tier cannot be null."));
            return null;
        }

        if (tier.Name is null)
        {
            errors.Add(new($"{path}.name", "A name is required."));
        }

        if (tier.Probability is null && kind == ActivityKind.Instant)
        {
            errors.Add(new($"{path}.probability", "A chance is required (between 0 % and 100 %)."));
        }

        var prizes = new List<PrizeSlotDefinition>();
        if (tier.Prizes is null)
        {
            errors.Add(new($"{path}.prizes", "A tier needs at least one prize."));
        }
        else
        {
            for (var p = 0; p < tier.Prizes.Count; p++)
            {
                var prize = tier.Prizes[p];
                var prizePath = $"{path}.prizes[{p}]";
                if (prize is null)
                {
                    errors.Add(new(prizePath, "A prize cannot be null."));
                    continue;
                }

                var prizeKind = Parse(errors, $"{prizePath}.kind", prize.Kind, PrizeKinds, required: true);
                var stock = Required(errors, $"{prizePath}.stock", prize.Stock);
                var slots = ToSlots(errors, $"{prizePath}.slots", prize.Slots);
                prizes.Add(new PrizeSlotDefinition(prize.Name ?? "", prizeKind ?? PrizeKind.Physical, stock, prize.Weight ?? 1, prize.PrizeId, slots));
            }
        }

        return new TierDefinition(tier.Name ?? "", tier.Probability ?? 0m, prizes, tier.Color, tier.IsConsolation ?? false, tier.MaxWinsPerPlayer);
    }

    private static TimeSlotPlan? ToSlots(List<ValidationError> errors, string path, SlotsDocument? slots)
    {
        if (slots is null)
        {
            return null;
        }

        if (TimeSlotPlan.ParseEvery(slots.Every) is not { } every)
        {
            errors.Add(new($"{path}.every", slots.Every is null
                ? "The slot length is required: 'hour', 'day', 'week', or a length such as '30m', '6h', '2d'."
                : $"Unknown slot length '{Truncate(slots.Every)}': use 'hour', 'day', 'week', or a length such as '30m', '6h', '2d'."));
            return null;
        }

        return new TimeSlotPlan(every, slots.Quotas);
    }

    private static T Required<T>(List<ValidationError> errors, string path, T? value)
        where T : struct
    {
        if (value is null)
        {
            errors.Add(new(path, "This field is required."));
        }

        return value ?? default;
    }

    private static T? Parse<T>(List<ValidationError> errors, string path, string? value, Dictionary<string, T> known, bool required)
        where T : struct
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(new(path, $"This field is required: one of {string.Join(", ", known.Keys.Select(k => $"'{k}'"))}."));
            }

            return null;
        }

        if (known.TryGetValue(value, out var parsed))
        {
            return parsed;
        }

        errors.Add(new(path, $"Unknown value '{Truncate(value)}': use one of {string.Join(", ", known.Keys.Select(k => $"'{k}'"))}."));
        return null;
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static Dictionary<string, T> Names<T>()
        where T : struct, Enum => Enum.GetValues<T>().ToDictionary(ToCamel, v => v, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, PrizeKind> PrizeKinds = Names<PrizeKind>();
    private static readonly Dictionary<string, TaskKind> TaskKinds = Names<TaskKind>();
    private static readonly Dictionary<string, GameplayType> GameplayTypes = Names<GameplayType>();
    private static readonly Dictionary<string, SoldOutBehavior> SoldOutBehaviors = Names<SoldOutBehavior>();
    private static readonly Dictionary<string, Domain.Players.PlayerIdentityKind> IdentityKinds = Names<Domain.Players.PlayerIdentityKind>();
}
