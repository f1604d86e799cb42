using Lottery.Domain.Activities;
using Lottery.Domain.Draws;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Activities;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Reports;

public sealed record ReportActivity(Guid Id, string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, ActivityStatus Status)
{
    /// <summary>
    /// The activity the reports open on when none is asked for: a running one (the latest started), else a paused one,
    /// else the one that started last, else the next to start — not a campaign that has not begun while another runs.
    /// </summary>
    public static ReportActivity? Default(IReadOnlyList<ReportActivity> activities, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activities);
        return activities.Where(a => a.Status == ActivityStatus.Running).MaxBy(a => a.StartsAt)
            ?? activities.Where(a => a.Status == ActivityStatus.Paused).MaxBy(a => a.StartsAt)
            ?? activities.Where(a => a.StartsAt <= now && a.Status != ActivityStatus.Draft).MaxBy(a => a.StartsAt)
            ?? activities.MinBy(a => a.StartsAt);
    }
}

/// <summary>
/// Reports over the current tenant's activities (the tenant filter scopes every query: another tenant's activity is
/// not found). Rows of the range are read once and grouped in memory, which keeps the queries the same on SQLite and
/// PostgreSQL; the range is bounded by the activity's life (docs/decisions/011-reports-and-winners.md).
/// </summary>
public sealed class ReportQueries(IDbContextFactory<LotteryDbContext> contexts, ActivityReports stats)
{
    public const string DirectChannel = "direct";

    public async Task<IReadOnlyList<ReportActivity>> ActivitiesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Activities.IgnoreAutoIncludes().AsNoTracking()
            .Select(a => new ReportActivity(a.Id, a.Name, a.Schedule.StartsAt, a.Schedule.EndsAt, a.Status)).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(a => a.StartsAt)];
    }

    public async Task<ActivityReport?> ReportAsync(Guid activityId, ReportRange range, CancellationToken cancellationToken)
    {
        // Only the prize totals of the stats: the range's own counts come from the rows read below.
        if (await stats.PrizesAsync(activityId, cancellationToken) is not { } totals)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var name = await db.Activities.IgnoreAutoIncludes().Where(a => a.Id == activityId).Select(a => a.Name).SingleAsync(cancellationToken);
        var (start, end) = (range.Start, range.EndExclusive);
        var draws = await db.DrawRecords.AsNoTracking()
            .Where(r => r.ActivityId == activityId && r.DrawnAt >= start && r.DrawnAt < end)
            .Select(r => new { r.DrawnAt, r.PlayerId }).ToListAsync(cancellationToken);
        var wins = await db.Wins.AsNoTracking()
            .Where(w => w.ActivityId == activityId && w.WonAt >= start && w.WonAt < end)
            .Select(w => new { w.WonAt, w.PlayerId, w.PrizeId }).ToListAsync(cancellationToken);
        var entries = await db.ScheduledEntries.AsNoTracking()
            .Where(e => e.ActivityId == activityId && e.JoinedAt >= start && e.JoinedAt < end)
            .Select(e => new { e.JoinedAt, e.PlayerId }).ToListAsync(cancellationToken);
        var grants = await db.DrawChances.AsNoTracking()
            .Where(c => c.ActivityId == activityId && c.Source == ChanceSource.Task && c.GrantedAt >= start && c.GrantedAt < end)
            .Select(c => new { c.Task, c.PlayerId, c.Amount }).ToListAsync(cancellationToken);

        // Who took part (drew or entered) and through which channel.
        var taking = draws.Select(d => (At: d.DrawnAt, d.PlayerId)).Concat(entries.Select(e => (At: e.JoinedAt, e.PlayerId))).ToList();
        var playerIds = taking.Select(t => t.PlayerId).Concat(wins.Select(w => w.PlayerId)).ToHashSet();
        var sources = new Dictionary<Guid, string>();
        foreach (var chunk in playerIds.Chunk(500))
        {
            var rows = await db.Players.AsNoTracking().Where(p => chunk.Contains(p.Id)).Select(p => new { p.Id, p.Source }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                sources[row.Id] = Channel(row.Source);
            }
        }

        var drawsByDay = draws.CountBy(x => Day(x.DrawnAt)).ToDictionary();
        var winsByDay = wins.CountBy(x => Day(x.WonAt)).ToDictionary();
        var playersByDay = taking.DistinctBy(x => (Day(x.At), x.PlayerId)).CountBy(x => Day(x.At)).ToDictionary();
        var days = new List<DayRow>();
        for (var day = range.From; day <= range.To; day = day.AddDays(1))
        {
            days.Add(new DayRow(day, drawsByDay.GetValueOrDefault(day), winsByDay.GetValueOrDefault(day), playersByDay.GetValueOrDefault(day)));
        }

        var drawsByHour = draws.CountBy(x => Hour(x.DrawnAt)).ToDictionary();
        var winsByHour = wins.CountBy(x => Hour(x.WonAt)).ToDictionary();
        var playersByHour = taking.DistinctBy(x => (Hour(x.At), x.PlayerId)).CountBy(x => Hour(x.At)).ToDictionary();
        var hours = drawsByHour.Keys.Union(winsByHour.Keys).Union(playersByHour.Keys).Order()
            .Select(h => new HourRow(h, drawsByHour.GetValueOrDefault(h), winsByHour.GetValueOrDefault(h), playersByHour.GetValueOrDefault(h)))
            .ToList();

        string SourceOf(Guid player) => sources.GetValueOrDefault(player, DirectChannel);
        var channels = playerIds.Select(SourceOf).Distinct()
            .Select(c => new ChannelRow(c, 0, 0, 0)).ToDictionary(c => c.Channel);
        foreach (var player in taking.Select(t => t.PlayerId).Distinct())
        {
            var c = channels[SourceOf(player)];
            channels[c.Channel] = c with { Players = c.Players + 1 };
        }

        foreach (var (channel, count) in draws.CountBy(d => SourceOf(d.PlayerId)))
        {
            channels[channel] = channels[channel] with { Draws = count };
        }

        foreach (var (channel, count) in wins.CountBy(w => SourceOf(w.PlayerId)))
        {
            channels[channel] = channels[channel] with { Wins = count };
        }

        var issued = wins.CountBy(w => w.PrizeId).ToDictionary();
        var prizes = totals
            .Select(p => new PrizeRow(p.Name, p.Stock, issued.GetValueOrDefault(p.Id), p.Issued, p.Remaining))
            .ToList();

        var players = taking.Select(t => t.PlayerId).Distinct().Count();
        var tasks = grants.GroupBy(g => g.Task!.Value).OrderBy(g => g.Key)
            .Select(g =>
            {
                var doers = g.Select(x => x.PlayerId).Distinct().Count();
                return new TaskRow(TaskName(g.Key), g.Count(), doers, g.Sum(x => x.Amount), players == 0 ? 0 : Math.Round((double)doers / players, 4));
            })
            .ToList();

        return new ActivityReport(activityId, name, range, draws.Count, wins.Count, players, days, hours,
            [.. channels.Values.OrderByDescending(c => c.Players).ThenBy(c => c.Channel, StringComparer.Ordinal)], prizes, tasks);
    }

    /// <summary>A player's channel: the recorded source, trimmed and lower-cased; none is "direct".</summary>
    public static string Channel(string? source) =>
        string.IsNullOrWhiteSpace(source) ? DirectChannel : source.Trim().ToLowerInvariant();

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    private static DateTimeOffset Hour(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    private static string TaskName(Domain.Activities.TaskKind kind) => kind switch
    {
        Domain.Activities.TaskKind.Share => "Shares",
        Domain.Activities.TaskKind.DailyCheckIn => "Daily check-ins",
        _ => kind.ToString(),
    };
}
