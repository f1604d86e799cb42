using Lottery.Domain.Common;

namespace Lottery.Domain.Activities;

/// <summary>Checks a definition and returns every problem at once, each with the path of the field at fault.</summary>
public static class ActivityDefinitionValidator
{
    public static IReadOnlyList<ValidationError> Validate(ActivityDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<ValidationError>();
        Common.Validate.Name(errors, "name", definition.Name);
        Common.Validate.MaxLength(errors, "description", definition.Description, Limits.DescriptionMaxLength);
        ValidateSchedule(definition, errors);
        ValidateRules(definition.Rules, errors);
        ValidateTiers(definition, errors);
        ValidateTimeSlots(definition, errors);
        ValidateTasks(definition.TasksOrEmpty, errors);
        ValidateRounds(definition, errors);
        ValidateLook(definition, errors);
        return errors;
    }

    private static void ValidateSchedule(ActivityDefinition d, List<ValidationError> errors)
    {
        if (d.EndsAt <= d.StartsAt)
        {
            errors.Add(new("endsAt", "The activity must end after it starts."));
        }

        if (d.Kind == ActivityKind.Scheduled)
        {
            if (d.DrawAt is not { } drawAt)
            {
                errors.Add(new("drawAt", "A scheduled activity needs a draw time."));
            }
            else if (drawAt <= d.StartsAt || drawAt > d.EndsAt)
            {
                errors.Add(new("drawAt", "The draw time must fall inside the activity window (after it starts, no later than it ends)."));
            }
        }
        else if (d.DrawAt is not null)
        {
            errors.Add(new("drawAt", "Only a scheduled activity has a draw time."));
        }
    }

    private static void ValidateRules(ActivityRules? rules, List<ValidationError> errors)
    {
        if (rules is null)
        {
            errors.Add(new("rules", "Rules are required."));
            return;
        }

        Common.Validate.Range(errors, "rules.chancesPerPlayer", rules.ChancesPerPlayer, 1, Limits.MaxChancesPerPlayer);
        Common.Validate.Range(errors, "rules.chancesPerDay", rules.ChancesPerDay, 1, Limits.MaxChancesPerPlayer);
        Common.Validate.Range(errors, "rules.maxWinsPerPlayer", rules.MaxWinsPerPlayer, 1, Limits.MaxChancesPerPlayer);
    }

    private static void ValidateTiers(ActivityDefinition d, List<ValidationError> errors)
    {
        var tiers = d.Tiers ?? [];
        if (tiers.Count == 0)
        {
            errors.Add(new("tiers", "Add at least one prize tier."));
        }
        else if (tiers.Count > Limits.MaxTiers)
        {
            errors.Add(new("tiers", $"At most {Limits.MaxTiers} tiers are allowed."));
        }

        var total = 0m;
        var kindsByPrize = new Dictionary<string, Prizes.PrizeKind>(StringComparer.OrdinalIgnoreCase);
        for (var t = 0; t < tiers.Count; t++)
        {
            var tier = tiers[t];
            var path = $"tiers[{t}]";
            Common.Validate.Name(errors, $"{path}.name", tier.Name);
            Common.Validate.Color(errors, $"{path}.color", tier.Color);
            Common.Validate.Range(errors, $"{path}.maxWinsPerPlayer", tier.MaxWinsPerPlayer, 1, Limits.MaxChancesPerPlayer);
            if (d.Kind == ActivityKind.Instant)
            {
                if (tier.Probability is < 0m or > 1m)
                {
                    errors.Add(new($"{path}.probability", "A chance is between 0 % and 100 %."));
                }
                else if (decimal.Round(tier.Probability, Limits.ProbabilityScale) != tier.Probability)
                {
                    errors.Add(new($"{path}.probability", "Chances go down to 0.0001 % (1 in a million), no finer."));
                }
                else
                {
                    total += tier.Probability;
                }
            }

            var prizes = tier.Prizes ?? [];
            if (prizes.Count == 0)
            {
                errors.Add(new($"{path}.prizes", "A tier needs at least one prize."));
            }
            else if (prizes.Count > Limits.MaxPrizesPerTier)
            {
                errors.Add(new($"{path}.prizes", $"A tier holds at most {Limits.MaxPrizesPerTier} prizes."));
            }

            for (var p = 0; p < prizes.Count; p++)
            {
                var prize = prizes[p];
                var prizePath = $"{path}.prizes[{p}]";
                Common.Validate.Name(errors, $"{prizePath}.name", prize.Name);
                if (prize.Stock < 0)
                {
                    errors.Add(new($"{prizePath}.stock", "Stock cannot be negative."));
                }
                else if (prize.Stock > Limits.MaxStock)
                {
                    errors.Add(new($"{prizePath}.stock", $"Stock may be at most {Limits.MaxStock:N0}."));
                }

                Common.Validate.Range(errors, $"{prizePath}.weight", prize.Weight, 1, 1_000_000);
                if (!string.IsNullOrWhiteSpace(prize.Name))
                {
                    var key = prize.PrizeId?.ToString() ?? prize.Name.Trim();
                    if (kindsByPrize.TryGetValue(key, out var kind) && kind != prize.Kind)
                    {
                        errors.Add(new($"{prizePath}.kind", $"Prize '{prize.Name}' appears with two different kinds."));
                    }

                    kindsByPrize.TryAdd(key, prize.Kind);
                }
            }
        }

        if (d.Kind == ActivityKind.Instant && total > 1m)
        {
            errors.Add(new("tiers", $"The tiers' chances add up to {Percent(total)}; together they may be at most 100 %."));
        }

        var consolationTiers = tiers.Count(t => t.IsConsolation);
        if (consolationTiers > 1)
        {
            errors.Add(new("tiers", "Only one tier can be the consolation tier."));
        }

        if (d.SoldOut == SoldOutBehavior.Consolation && consolationTiers == 0)
        {
            errors.Add(new("soldOut", "Falling back to the consolation tier needs a tier marked as consolation."));
        }
    }

    /// <summary>
    /// Time slots: instant activities only; whole minutes; the window a whole number of slots; explicit quotas one per
    /// slot, none negative, adding up to the stock; a prize with slots placed in one tier only (its stock is one pool).
    /// </summary>
    private static void ValidateTimeSlots(ActivityDefinition d, List<ValidationError> errors)
    {
        var tiers = d.Tiers ?? [];
        var places = tiers.SelectMany(t => t.Prizes ?? []).Where(p => !string.IsNullOrWhiteSpace(p.Name))
            .GroupBy(p => p.PrizeId?.ToString() ?? p.Name.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        for (var t = 0; t < tiers.Count; t++)
        {
            var prizes = tiers[t].Prizes ?? [];
            for (var p = 0; p < prizes.Count; p++)
            {
                if (prizes[p].Slots is not { } plan)
                {
                    continue;
                }

                var path = $"tiers[{t}].prizes[{p}].slots";
                var prize = prizes[p];
                if (d.Kind != ActivityKind.Instant)
                {
                    errors.Add(new(path, "Time slots apply to instant activities; a scheduled draw hands out its prizes at the draw time."));
                    continue;
                }

                if (!string.IsNullOrWhiteSpace(prize.Name) && places.GetValueOrDefault(prize.PrizeId?.ToString() ?? prize.Name.Trim()) > 1)
                {
                    errors.Add(new(path, $"Prize '{prize.Name.Trim()}' has time slots, so it may appear in one tier only."));
                }

                if (plan.Every < TimeSpan.FromMinutes(1) || plan.Every.Ticks % TimeSpan.TicksPerMinute != 0)
                {
                    errors.Add(new($"{path}.every", "A slot lasts a whole number of minutes, at least one (e.g. \"hour\", \"day\", \"30m\")."));
                    continue;
                }

                if (d.EndsAt <= d.StartsAt)
                {
                    continue; // already reported on endsAt
                }

                var window = d.EndsAt - d.StartsAt;
                var count = Stock.SlotSchedule.SlotCount(plan.Every, d.StartsAt, d.EndsAt);
                if (count is null)
                {
                    errors.Add(new($"{path}.every",
                        $"The activity lasts {Describe(window)}, which is not a whole number of {TimeSlotPlan.FormatEvery(plan.Every)} slots; "
                        + "change the slot length or the end time."));
                    continue;
                }

                if (count > Limits.MaxTimeSlots)
                {
                    errors.Add(new($"{path}.every", $"That makes {count:N0} slots; at most {Limits.MaxTimeSlots:N0} are allowed. Use longer slots."));
                    continue;
                }

                if (plan.Quotas is not { } quotas)
                {
                    continue;
                }

                if (quotas.Count != count)
                {
                    errors.Add(new($"{path}.quotas", $"The activity has {count} slot(s) of {TimeSlotPlan.FormatEvery(plan.Every)}; give one quota per slot (got {quotas.Count})."));
                }

                for (var q = 0; q < quotas.Count; q++)
                {
                    if (quotas[q] < 0)
                    {
                        errors.Add(new($"{path}.quotas[{q}]", "A quota cannot be negative."));
                    }
                }

                var sum = quotas.Sum(q => (long)q);
                if (sum != prize.Stock)
                {
                    errors.Add(new($"{path}.quotas", $"The quotas add up to {sum}; they must add up to the prize's stock ({prize.Stock})."));
                }
            }
        }
    }

    private static string Describe(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0 ? $"{span.TotalDays:0} day(s)"
        : span.Ticks % TimeSpan.TicksPerHour == 0 ? $"{span.TotalHours:0} hour(s)"
        : $"{span.TotalMinutes:0.##} minute(s)";

    private static void ValidateTasks(IReadOnlyList<TaskDefinition> tasks, List<ValidationError> errors)
    {
        for (var i = 0; i < tasks.Count; i++)
        {
            Common.Validate.Range(errors, $"tasks[{i}].chances", tasks[i].Chances, 1, 100);
            Common.Validate.Range(errors, $"tasks[{i}].maxPerDay", tasks[i].MaxPerDay, 1, 100);
            if (tasks.Take(i).Any(t => t.Kind == tasks[i].Kind))
            {
                errors.Add(new($"tasks[{i}].kind", $"The task '{tasks[i].Kind}' is already in the activity."));
            }
        }
    }

    private static void ValidateRounds(ActivityDefinition d, List<ValidationError> errors)
    {
        var rounds = d.RoundsOrEmpty;
        for (var i = 0; i < rounds.Count; i++)
        {
            var r = rounds[i];
            Common.Validate.Name(errors, $"rounds[{i}].name", r.Name);
            if (r.EndsAt <= r.StartsAt)
            {
                errors.Add(new($"rounds[{i}].endsAt", "A round must end after it starts."));
            }
            else if (r.StartsAt < d.StartsAt || r.EndsAt > d.EndsAt)
            {
                errors.Add(new($"rounds[{i}]", "A round must lie inside the activity window."));
            }
            else if (rounds.Take(i).Any(o => o.StartsAt < r.EndsAt && r.StartsAt < o.EndsAt))
            {
                errors.Add(new($"rounds[{i}]", "Rounds may not overlap."));
            }
        }
    }

    private static void ValidateLook(ActivityDefinition d, List<ValidationError> errors)
    {
        if (d.Gameplay is { } gameplay)
        {
            if (gameplay.Type != GameplayType.Wheel)
            {
                errors.Add(new("gameplay.type", "Only the wheel is available for now."));
            }

            Common.Validate.Range(errors, "gameplay.tryAgainSegments", gameplay.TryAgainSegments, 0, 12);
        }

        if (d.Theme is { } theme)
        {
            Common.Validate.Color(errors, "theme.primaryColor", theme.PrimaryColor);
            Common.Validate.Color(errors, "theme.accentColor", theme.AccentColor);
            Common.Validate.Color(errors, "theme.backgroundColor", theme.BackgroundColor);
            Common.Validate.Color(errors, "theme.textColor", theme.TextColor);
            Common.Validate.MaxLength(errors, "theme.backgroundImageUrl", theme.BackgroundImageUrl, Limits.UrlMaxLength);
        }
    }

    /// <summary>A chance (a fraction of 1) as the designer shows it: "101.1 %".</summary>
    private static string Percent(decimal fraction) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{fraction * 100:0.####} %");
}
