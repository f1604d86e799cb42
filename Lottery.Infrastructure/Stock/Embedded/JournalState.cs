using Lottery.Domain.Activities;
using Lottery.Domain.Common;
using Lottery.Domain.Draws;
using Lottery.Domain.Prizes;
using Lottery.Domain.Stock;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Infrastructure.Stock.Embedded;

/// <summary>
/// What one journal batch needs from the database (read inside its transaction), the batch's decisions applied to it in
/// memory, and the writes that make them durable: records and counters in bulk, prize rows with guarded UPDATEs that
/// fail the batch if the row moved since it was read.
/// </summary>
internal sealed class JournalState
{
    private readonly HashSet<Guid> _running;
    private readonly Dictionary<(Guid ActivityId, Guid PlayerId), CounterState> _counters;
    private readonly Dictionary<(Guid ActivityId, Guid PlayerId), int> _granted;
    private readonly Dictionary<(Guid ActivityId, Guid PrizeId), PrizeState> _prizes;
    private readonly Dictionary<(Guid ActivityId, Guid PlayerId, Guid TierId), int> _tierWins;
    private readonly Dictionary<(Guid ActivityId, Guid PlayerId, string Key), DrawResult> _firsts;
    private readonly Dictionary<Guid, DrawResult> _committed;
    private readonly List<PendingDraw> _draws = [];

    private JournalState(
        HashSet<Guid> running,
        Dictionary<(Guid, Guid), CounterState> counters,
        Dictionary<(Guid, Guid), int> granted,
        Dictionary<(Guid, Guid), PrizeState> prizes,
        Dictionary<(Guid, Guid, Guid), int> tierWins,
        Dictionary<(Guid, Guid, string), DrawResult> firsts,
        Dictionary<Guid, DrawResult> committed)
    {
        _running = running;
        _counters = counters;
        _granted = granted;
        _prizes = prizes;
        _tierWins = tierWins;
        _firsts = firsts;
        _committed = committed;
    }

    /// <summary>What is left of the activity's prize for a gate to take, as of this batch's decisions (null: unknown prize).</summary>
    public int? Left(Guid activityId, Guid prizeId) => _prizes.TryGetValue((activityId, prizeId), out var p) ? p.Left : null;

    public static async Task<JournalState> ReadAsync(LotteryDbContext db, IReadOnlyList<JournalDraw> draws)
    {
        var requests = draws.Select(d => d.Request).ToList();
        var activityIds = requests.Select(r => r.Limits.ActivityId).Distinct().ToList();
        var playerIds = requests.Select(r => r.PlayerId).Distinct().ToList();

        var running = (await db.Activities.IgnoreQueryFilters().AsNoTracking()
            .Where(a => activityIds.Contains(a.Id) && a.Status == ActivityStatus.Running)
            .Select(a => a.Id).ToListAsync()).ToHashSet();

        var counters = (await db.Set<PlayerCounter>().IgnoreQueryFilters().AsNoTracking()
                .Where(c => activityIds.Contains(c.ActivityId) && playerIds.Contains(c.PlayerId))
                .ToListAsync())
            .ToDictionary(c => (c.ActivityId, c.PlayerId), c => new CounterState(c.TenantId, c.Used, c.Wins, c.Day, c.DayUsed, Exists: true));

        var granted = (await db.DrawChances.IgnoreQueryFilters().AsNoTracking()
                .Where(g => activityIds.Contains(g.ActivityId) && playerIds.Contains(g.PlayerId))
                .GroupBy(g => new { g.ActivityId, g.PlayerId })
                .Select(g => new { g.Key.ActivityId, g.Key.PlayerId, Amount = g.Sum(x => x.Amount) })
                .ToListAsync())
            .ToDictionary(g => (g.ActivityId, g.PlayerId), g => g.Amount);

        var prizes = (await db.ActivityPrizes.IgnoreQueryFilters().AsNoTracking()
                .Where(p => activityIds.Contains(p.ActivityId))
                .Select(p => new { p.ActivityId, p.PrizeId, p.Allocated, p.Returned, p.Issued })
                .ToListAsync())
            .ToDictionary(p => (p.ActivityId, p.PrizeId), p => new PrizeState(p.Issued, p.Allocated - p.Returned - p.Issued));

        var capped = requests.Where(r => r.Limits.TierMaxWins.Count > 0).Select(r => r.Limits.ActivityId).Distinct().ToList();
        var tierWins = capped.Count == 0
            ? []
            : (await db.Wins.IgnoreQueryFilters().AsNoTracking()
                    .Where(w => capped.Contains(w.ActivityId) && playerIds.Contains(w.PlayerId) && w.TierId != null)
                    .GroupBy(w => new { w.ActivityId, w.PlayerId, w.TierId })
                    .Select(g => new { g.Key.ActivityId, g.Key.PlayerId, g.Key.TierId, Count = g.Count() })
                    .ToListAsync())
                .ToDictionary(w => (w.ActivityId, w.PlayerId, w.TierId!.Value), w => w.Count);

        var keys = requests.Where(r => r.IdempotencyKey is not null).Select(r => r.IdempotencyKey!).Distinct().ToList();
        var firsts = keys.Count == 0
            ? []
            : (await db.DrawRecords.IgnoreQueryFilters().AsNoTracking()
                    .Where(r => activityIds.Contains(r.ActivityId) && playerIds.Contains(r.PlayerId) && r.IdempotencyKey != null && keys.Contains(r.IdempotencyKey))
                    .ToListAsync())
                .ToDictionary(
                    r => (r.ActivityId, r.PlayerId, r.IdempotencyKey!),
                    r => new DrawResult(r.Id, r.Outcome, r.TierId, r.PrizeId, r.SegmentIndex, 0, Replayed: true));

        // A draw the gate already decided (Redis mode) may be committed already: by another node that took it over as an
        // orphan while this node was slow, or by this node before a crash. Its record is then its answer.
        var gated = draws.Where(d => d.Verdict is not null).Select(d => d.Request.DrawId).ToList();
        var committed = gated.Count == 0
            ? []
            : (await db.DrawRecords.IgnoreQueryFilters().AsNoTracking()
                    .Where(r => gated.Contains(r.Id))
                    .ToListAsync())
                .ToDictionary(r => r.Id, r => new DrawResult(r.Id, r.Outcome, r.TierId, r.PrizeId, r.SegmentIndex, 0));

        return new JournalState(running, counters, granted, prizes, tierWins, firsts, committed);
    }

    /// <summary>
    /// Decides one draw against the state left by the batch's earlier draws, and applies it to that state. A draw with a
    /// gate's verdict takes only the prize the gate took (or nothing); the database can only refuse it, never give more.
    /// </summary>
    public Result<DrawResult> Decide(JournalDraw draw)
    {
        var (request, verdict) = (draw.Request, draw.Verdict);
        var limits = request.Limits;
        var pair = (limits.ActivityId, request.PlayerId);
        var counter = _counters.TryGetValue(pair, out var known) ? known : new CounterState(limits.TenantId, 0, 0, "", 0, Exists: false);
        var granted = _granted.GetValueOrDefault(pair);
        if (_committed.TryGetValue(request.DrawId, out var done))
        {
            return done with { RemainingChances = Remaining(limits, granted, counter, request.At) };
        }

        if (request.IdempotencyKey is { } key && _firsts.TryGetValue((limits.ActivityId, request.PlayerId, key), out var first))
        {
            return first with { RemainingChances = Remaining(limits, granted, counter, request.At) };
        }

        if (!_running.Contains(limits.ActivityId))
        {
            return Result<DrawResult>.Failure(new Error(ErrorCodes.NotRunning, "The activity is not running."));
        }

        var day = ActivityLimits.DayKey(request.At);
        var dayUsed = counter.Day == day ? counter.DayUsed : 0;
        if (counter.Wins >= (limits.Rules.MaxWinsPerPlayer ?? int.MaxValue))
        {
            return Result<DrawResult>.Failure(new Error(ErrorCodes.WinLimitReached, "You have won as many prizes as this activity allows."));
        }

        if (counter.Used >= limits.Rules.ChancesPerPlayer + granted || dayUsed >= (limits.Rules.ChancesPerDay ?? int.MaxValue))
        {
            return Result<DrawResult>.Failure(new Error(ErrorCodes.NoChancesLeft, "You have no draw chances left."));
        }

        counter = counter with { Used = counter.Used + 1, Day = day, DayUsed = dayUsed + 1 };
        var won = verdict is not null
            ? Take(request, verdict.Won)
            : Take(request, request.Pick.Primary) ?? (request.Pick.Primary is null ? null : Take(request, request.Pick.Fallback));
        if (won is not null)
        {
            counter = counter with { Wins = counter.Wins + 1 };
        }

        _counters[pair] = counter;
        var noPrize = verdict is not null ? verdict.Outcome == DrawOutcome.NoPrize : request.Pick.Primary is null;
        var outcome = won is not null ? DrawOutcome.Won : noPrize ? DrawOutcome.NoPrize : DrawOutcome.SoldOut;
        var result = new DrawResult(request.DrawId, outcome, won?.TierId, won?.PrizeId, won?.SegmentIndex ?? request.Pick.NoPrizeSegmentIndex,
            Remaining(limits, granted, counter, request.At));
        _draws.Add(new PendingDraw(request.DrawId, limits.TenantId, limits.ActivityId, request.PlayerId, request.At, outcome, result.TierId,
            result.PrizeId, result.SegmentIndex, limits.DefinitionVersion, request.IdempotencyKey));
        if (request.IdempotencyKey is { } newKey)
        {
            _firsts[(limits.ActivityId, request.PlayerId, newKey)] = result with { Replayed = true };
        }

        return result;
    }

    /// <summary>Writes the batch: new counters and draws and wins in bulk, changed rows with guarded UPDATEs.</summary>
    public async Task WriteAsync(LotteryDbContext db, DrawRecordWriter writer)
    {
        if (_draws.Count == 0)
        {
            return;
        }

        // The players' counters, set-based: the rows this batch read (locked with the activity's prize rows, see
        // DrawJournal) are replaced by their new values in one DELETE and one multi-row INSERT. The batch read every
        // counter of these activities and players, so nothing else is removed.
        var activityIds = _counters.Keys.Select(k => k.ActivityId).Distinct().ToList();
        var playerIds = _counters.Keys.Select(k => k.PlayerId).Distinct().ToList();
        var deleted = await db.Set<PlayerCounter>().IgnoreQueryFilters()
            .Where(c => activityIds.Contains(c.ActivityId) && playerIds.Contains(c.PlayerId))
            .ExecuteDeleteAsync();
        if (deleted != _counters.Count(c => c.Value.Exists))
        {
            throw new JournalConflictException("Player counters changed during the batch.");
        }

        await db.InsertAsync(
            [.. _counters.Select(c => new PlayerCounter
            {
                ActivityId = c.Key.ActivityId, PlayerId = c.Key.PlayerId, TenantId = c.Value.TenantId,
                Used = c.Value.Used, Wins = c.Value.Wins, Day = c.Value.Day, DayUsed = c.Value.DayUsed,
            })],
            CancellationToken.None);

        foreach (var ((activityId, prizeId), p) in _prizes.Where(p => p.Value.Taken > 0))
        {
            var (issued, taken) = (p.ReadIssued, p.Taken);
            // The last guard: never more issued than allocated, whatever read this batch made.
            var updated = await db.ActivityPrizes.IgnoreQueryFilters()
                .Where(x => x.ActivityId == activityId && x.PrizeId == prizeId && x.Issued == issued && x.Issued + taken <= x.Allocated - x.Returned)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Issued, x => x.Issued + taken).SetProperty(x => x.Version, x => x.Version + 1));
            if (updated != 1)
            {
                throw new JournalConflictException($"Prize {prizeId} of activity {activityId} changed during the batch.");
            }
        }

        // Prize names and kinds are needed only for wins: a batch without one reads nothing more.
        var winning = _draws.Where(d => d.Outcome == DrawOutcome.Won).Select(d => d.ActivityId).Distinct().ToList();
        var prizeInfo = winning.Count == 0 ? new Dictionary<(Guid, Guid), (string, PrizeKind)>()
            : await DrawRecordWriter.PrizeInfoAsync(db, winning, CancellationToken.None);
        await writer.WriteNewAsync(db, _draws, prizeInfo, CancellationToken.None);
    }

    private static int Remaining(ActivityLimits limits, int granted, CounterState counter, DateTimeOffset at) =>
        ChanceMath.Remaining(limits.Rules, granted, counter.Used, counter.Day, counter.DayUsed, at);

    private DrawCandidate? Take(DrawRequest request, DrawCandidate? candidate)
    {
        if (candidate is null)
        {
            return null;
        }

        var limits = request.Limits;
        var tierKey = (limits.ActivityId, request.PlayerId, candidate.TierId);
        if (limits.TierMaxWins.TryGetValue(candidate.TierId, out var tierMax) && _tierWins.GetValueOrDefault(tierKey) >= tierMax)
        {
            return null;
        }

        var prizeKey = (limits.ActivityId, candidate.PrizeId);
        if (!_prizes.TryGetValue(prizeKey, out var prize) || prize.Left <= limits.ReservedForLaterSlots(candidate.PrizeId, request.At))
        {
            return null;
        }

        _prizes[prizeKey] = prize with { Left = prize.Left - 1, Taken = prize.Taken + 1 };
        _tierWins[tierKey] = _tierWins.GetValueOrDefault(tierKey) + 1;
        return candidate;
    }

    /// <summary>A player's counters; <see cref="Exists"/>: the database held a row for them when the batch read it.</summary>
    private sealed record CounterState(Guid TenantId, int Used, int Wins, string Day, int DayUsed, bool Exists);

    private sealed record PrizeState(int ReadIssued, int Left)
    {
        public int Taken { get; init; }
    }
}

/// <summary>
/// A draw queued in the journal. <see cref="Verdict"/> is set when a gate in front of the database (the Redis script)
/// already decided it: the journal then commits that decision if the database's guards allow it, and otherwise answers
/// what the database allows (no prize, sold out, refused).
/// </summary>
public sealed record JournalDraw(DrawRequest Request, GateVerdict? Verdict = null);

/// <summary>A gate's decision for one draw: its outcome and, for a win, the prize it took.</summary>
public sealed record GateVerdict(DrawOutcome Outcome, DrawCandidate? Won);
