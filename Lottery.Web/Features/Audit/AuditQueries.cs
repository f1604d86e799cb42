using Lottery.Domain.Activities;
using Lottery.Domain.Audit;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Audit;

/// <summary>One audit entry, ready to show: who, when, what, on which activity or prize, and what changed.</summary>
/// <param name="Actor">The account recorded as the actor (an e-mail, <c>system</c>, <c>api-key:…</c>).</param>
/// <param name="Action">The recorded action key (<c>win.ship</c>); <see cref="Summary"/> says it in words.</param>
/// <param name="SubjectName">The activity's or prize's current name (null when it no longer exists).</param>
/// <param name="Changes">The changed fields as recorded (paths and raw values); <see cref="Fields"/> says them in words.</param>
public sealed record AuditRow(
    Guid Id,
    DateTimeOffset At,
    string Actor,
    string Action,
    Guid? ActivityId,
    Guid? PrizeId,
    string? SubjectName,
    IReadOnlyList<AuditChange> Changes)
{
    /// <summary>What happened, in words ("Marked shipped", "Published version 3").</summary>
    public string Summary { get; init; } = AuditText.Action(Action, Changes);

    /// <summary>Who did it, in words (the staff member's name, "System (automatic)", "API key ab12…").</summary>
    public string ActorName { get; init; } = AuditNames.Empty.Person(Actor);

    /// <summary>The changed fields in words, with names instead of ids.</summary>
    public IReadOnlyList<AuditField> Fields { get; init; } = AuditText.Fields(Changes, AuditNames.Empty);
}

/// <summary>One page of audit rows, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Filters of the audit log; every one is optional. <paramref name="To"/> is exclusive.</summary>
public sealed record AuditFilter(
    Guid? ActivityId = null,
    Guid? PrizeId = null,
    string? Action = null,
    string? Actor = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null);

public sealed record AuditSubject(Guid Id, string Name);

/// <summary>The values the audit filters offer: the tenant's activities, and the actions and actors its log holds.</summary>
/// <param name="ActorNames">Each actor in words (<see cref="AuditNames.Person"/>), for the "Who" filter.</param>
public sealed record AuditFacets(IReadOnlyList<AuditSubject> Activities, IReadOnlyList<string> Actions, IReadOnlyList<string> Actors,
    IReadOnlyDictionary<string, string>? ActorNames = null)
{
    public string ActorName(string actor) => ActorNames?.GetValueOrDefault(actor) ?? AuditNames.Empty.Person(actor);
}

/// <summary>Reads the current tenant's audit log (the tenant filter scopes every query). Read-only by design.</summary>
public sealed class AuditQueries(IDbContextFactory<LotteryDbContext> contexts)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    public Task<AuditPage> ForActivityAsync(Guid activityId, int page = 1, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default) =>
        SearchAsync(new AuditFilter(ActivityId: activityId), page, pageSize, cancellationToken);

    public Task<AuditPage> ForPrizeAsync(Guid prizeId, int page = 1, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default) =>
        SearchAsync(new AuditFilter(PrizeId: prizeId), page, pageSize, cancellationToken);

    /// <summary>The entries matching <paramref name="filter"/>, newest first; <paramref name="page"/> counts from 1.</summary>
    public async Task<AuditPage> SearchAsync(AuditFilter filter, int page = 1, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(1, page);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db.Audit.AsNoTracking(), filter);
        var total = await query.CountAsync(cancellationToken);
        var entries = await query
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);

        var recorded = entries.Select(e => (Entry: e, Before: AuditDiff.Flatten(e.Before), After: AuditDiff.Flatten(e.After))).ToList();
        var ids = recorded
            .SelectMany(r => r.Before.Values.Concat(r.After.Values))
            .Select(v => Guid.TryParseExact(v, "D", out var id) ? id : (Guid?)null)
            .Concat(entries.Select(e => e.ActivityId)).Concat(entries.Select(e => e.PrizeId))
            .OfType<Guid>().ToHashSet();
        var names = await NamesAsync(db, ids, [.. entries.Select(e => e.Actor).Distinct(StringComparer.Ordinal)], cancellationToken);

        var rows = recorded.Select(r =>
            {
                var e = r.Entry;
                var changes = AuditDiff.Compute(e.Before, e.After);
                return new AuditRow(
                    e.Id, e.At, e.Actor, e.Action, e.ActivityId, e.PrizeId,
                    e.ActivityId is { } a ? names.Of(a) : e.PrizeId is { } p ? names.Of(p) : null,
                    changes)
                {
                    ActorName = names.Person(e.Actor),
                    Fields = AuditText.Fields(changes, names, r.Before, r.After),
                };
            })
            .ToList();
        return new AuditPage(rows, total, page, pageSize);
    }

    public async Task<AuditFacets> FacetsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var activities = await db.Activities.OrderBy(a => a.Name).Select(a => new AuditSubject(a.Id, a.Name)).ToListAsync(cancellationToken);
        var actions = await db.Audit.Select(a => a.Action).Distinct().ToListAsync(cancellationToken);
        var actors = await db.Audit.Select(a => a.Actor).Distinct().ToListAsync(cancellationToken);
        var names = await NamesAsync(db, [], actors, cancellationToken);
        return new AuditFacets(activities, [.. actions.Order(StringComparer.Ordinal)], [.. actors.Order(StringComparer.OrdinalIgnoreCase)],
            actors.ToDictionary(a => a, names.Person, StringComparer.Ordinal));
    }

    /// <summary>
    /// The names of whatever these ids refer to in the tenant (activities, tiers, prizes, wins) and of these players,
    /// and the display names of these staff accounts: one query per kind, whatever the number of entries.
    /// </summary>
    private static async Task<AuditNames> NamesAsync(LotteryDbContext db, HashSet<Guid> ids, List<string> actors,
        CancellationToken cancellationToken)
    {
        var things = new Dictionary<Guid, string>();
        if (ids.Count > 0)
        {
            var list = ids.ToList();
            foreach (var a in await db.Activities.Where(a => list.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken))
            {
                things[a.Id] = a.Name;
            }

            foreach (var p in await db.Prizes.Where(p => list.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken))
            {
                things[p.Id] = p.Name;
            }

            foreach (var t in await db.Set<PrizeTier>().Where(t => list.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken))
            {
                things[t.Id] = t.Name;
            }

            foreach (var p in await db.Players.Where(p => list.Contains(p.Id)).Select(p => new { p.Id, p.Nickname }).ToListAsync(cancellationToken))
            {
                things[p.Id] = p.Nickname ?? "A guest player";
            }

            var wins = await db.Wins.Where(w => list.Contains(w.Id))
                .Join(db.Players, w => w.PlayerId, p => p.Id, (w, p) => new { w.Id, w.PrizeName, p.Nickname })
                .ToListAsync(cancellationToken);
            foreach (var w in wins)
            {
                things[w.Id] = $"{w.PrizeName} won by {w.Nickname ?? "a guest player"}";
            }
        }

        var accounts = actors;
        var people = accounts.Count == 0 ? new Dictionary<string, string>()
            : await db.Users.Where(u => u.UserName != null && accounts.Contains(u.UserName))
                .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, StringComparer.Ordinal, cancellationToken);
        return new AuditNames(things, people);
    }

    private static IQueryable<AuditEntry> Filtered(IQueryable<AuditEntry> query, AuditFilter filter)
    {
        if (filter.ActivityId is { } activityId)
        {
            query = query.Where(a => a.ActivityId == activityId);
        }

        if (filter.PrizeId is { } prizeId)
        {
            query = query.Where(a => a.PrizeId == prizeId);
        }

        if (!string.IsNullOrEmpty(filter.Action))
        {
            query = query.Where(a => a.Action == filter.Action);
        }

        if (!string.IsNullOrEmpty(filter.Actor))
        {
            query = query.Where(a => a.Actor == filter.Actor);
        }

        if (filter.From is { } from)
        {
            query = query.Where(a => a.At >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(a => a.At < to);
        }

        return query;
    }
}
