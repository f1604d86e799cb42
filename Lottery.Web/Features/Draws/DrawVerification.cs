using Lottery.Domain.Activities;
using Lottery.Domain.Draws;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Draws;

public sealed record VerificationPrize(Guid TierId, string Tier, Guid PrizeId, string Prize, int Count);

public sealed record VerificationWinner(Guid PlayerId, Guid PrizeId, string Prize);

/// <summary>Everything needed to check a scheduled draw independently (<c>GET /api/activities/{id}/verification</c>).</summary>
public sealed record VerificationData(
    Guid ActivityId,
    string Name,
    string Status,
    DateTimeOffset? DrawAt,
    string? SeedCommitment,
    string? EntrantsHash,
    string? Seed,
    IReadOnlyList<Guid> Entrants,
    IReadOnlyList<VerificationPrize> Prizes,
    IReadOnlyList<VerificationWinner> Winners);

/// <summary>The outcome of recomputing a draw from its published data.</summary>
public sealed record VerificationCheck(bool SeedMatchesCommitment, bool EntrantsMatchHash, bool WinnersMatch, IReadOnlyList<ScheduledWinner> Recomputed)
{
    public bool Verified => SeedMatchesCommitment && EntrantsMatchHash && WinnersMatch;
}

/// <summary>Publishes a scheduled draw's data and recomputes its winners from it (<see cref="ScheduledDrawing"/>).</summary>
public sealed class DrawVerification(IDbContextFactory<LotteryDbContext> contexts)
{
    public async Task<VerificationData?> DataAsync(Guid activityId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Public: a draw is verifiable by anyone who has its id.
        var activity = await db.Activities.IgnoreQueryFilters().AsNoTracking().AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == activityId && a.Kind == ActivityKind.Scheduled && a.Status != ActivityStatus.Draft, cancellationToken);
        if (activity is null)
        {
            return null;
        }

        var drawn = activity.Status == ActivityStatus.Drawn;
        var entrants = activity.EntrantsHash is null
            ? []
            : await db.ScheduledEntries.IgnoreQueryFilters().Where(e => e.ActivityId == activityId).Select(e => e.PlayerId).ToListAsync(cancellationToken);
        var winners = drawn
            ? await db.Wins.IgnoreQueryFilters().Where(w => w.ActivityId == activityId)
                .Select(w => new VerificationWinner(w.PlayerId, w.PrizeId, w.PrizeName)).ToListAsync(cancellationToken)
            : [];
        return new VerificationData(
            activity.Id, activity.Name, activity.Status.ToString(), activity.Schedule.DrawAt, activity.SeedCommitment, activity.EntrantsHash,
            drawn ? activity.Seed : null,
            [.. entrants.Order()],
            [.. activity.Tiers.OrderBy(t => t.Order).SelectMany(t => t.Slots.OrderBy(s => s.Order)
                .Select(s => new VerificationPrize(t.Id, t.Name, s.PrizeId, s.PrizeName, s.Stock)))],
            winners);
    }

    /// <summary>Recomputes the winners from the published seed and entrants; null until the seed is revealed.</summary>
    public static VerificationCheck? Check(VerificationData data)
    {
        if (data.Seed is null || data.SeedCommitment is null)
        {
            return null;
        }

        var seed = Convert.FromHexString(data.Seed);
        var result = ScheduledDrawing.Select(seed, data.Entrants,
            [.. data.Prizes.Select(p => new ScheduledPrize(p.TierId, p.PrizeId, p.Prize, Domain.Prizes.PrizeKind.Physical, p.Count))]);
        var expected = result.Winners.Select(w => (w.PlayerId, w.Prize.PrizeId)).Order().ToList();
        var actual = data.Winners.Select(w => (w.PlayerId, w.PrizeId)).Order().ToList();
        return new VerificationCheck(
            ScheduledDrawing.Commitment(seed) == data.SeedCommitment,
            result.EntrantsHash == data.EntrantsHash,
            expected.SequenceEqual(actual),
            result.Winners);
    }
}
