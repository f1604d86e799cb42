using Lottery.Domain.Audit;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Audit;

/// <summary>One audit entry, ready to show: who, when, what, on which activity or prize, and what changed.</summary>
/// <param name="SubjectName">The activity's or prize's current name (null when it no longer exists).</param>
public sealed record AuditRow(
    Guid Id,
    DateTimeOffset At,
    string Actor,
    string Action,
    Guid? ActivityId,
    Guid? PrizeId,
    string? SubjectName,
    IReadOnlyList<AuditChange> Changes);

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
public sealed record AuditFacets(IReadOnlyList<AuditSubject> Activities, IReadOnlyList<string> Actions, IReadOnlyList<string> Actors);

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

        var activityIds = entries.Where(e => e.ActivityId is not null).Select(e => e.ActivityId!.Value).Distinct().ToList();
        var prizeIds = entries.Where(e => e.PrizeId is not null).Select(e => e.PrizeId!.Value).Distinct().ToList();
        var activities = await db.Activities.Where(a => activityIds.Contains(a.Id)).Select(a => new { a.Id, a.Name })
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var prizes = await db.Prizes.Where(p => prizeIds.Contains(p.Id)).Select(p => new { p.Id, p.Name })
            .ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);

        var rows = entries.Select(e => new AuditRow(
                e.Id, e.At, e.Actor, e.Action, e.ActivityId, e.PrizeId,
                e.ActivityId is { } a ? activities.GetValueOrDefault(a) : e.PrizeId is { } p ? prizes.GetValueOrDefault(p) : null,
                AuditDiff.Compute(e.Before, e.After)))
            .ToList();
        return new AuditPage(rows, total, page, pageSize);
    }

    public async Task<AuditFacets> FacetsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var activities = await db.Activities.OrderBy(a => a.Name).Select(a => new AuditSubject(a.Id, a.Name)).ToListAsync(cancellationToken);
        var actions = await db.Audit.Select(a => a.Action).Distinct().ToListAsync(cancellationToken);
        var actors = await db.Audit.Select(a => a.Actor).Distinct().ToListAsync(cancellationToken);
        return new AuditFacets(activities, [.. actions.Order(StringComparer.Ordinal)], [.. actors.Order(StringComparer.OrdinalIgnoreCase)]);
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
