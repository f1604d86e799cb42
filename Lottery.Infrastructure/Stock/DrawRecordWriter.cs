using Lottery.Domain.Activities;
using Lottery.Domain.Draws;
using Lottery.Domain.Prizes;
using Lottery.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Lottery.Infrastructure.Stock;

/// <summary>
/// Writes a journal batch's draws into the database: a <see cref="DrawRecord"/> for each, a <see cref="WinRecord"/>
/// for each win (with a code from the prize's pool for a code prize). The journal has decided them and checked they
/// are new; it updates the issued counters itself. Call it inside the caller's transaction; it does not commit.
/// </summary>
public sealed partial class DrawRecordWriter(TimeProvider clock, ILogger<DrawRecordWriter> logger)
{
    /// <summary>
    /// Inserts draws known to be new, and their wins, set-based (one multi-row INSERT per table per ~2,000 parameters,
    /// nothing tracked), and hands each code-prize win a code. Returns the wins.
    /// </summary>
    public async Task<IReadOnlyList<WinRecord>> WriteNewAsync(LotteryDbContext db, IReadOnlyList<PendingDraw> draws,
        IReadOnlyDictionary<(Guid TierId, Guid PrizeId), (string Name, PrizeKind Kind)> prizes, CancellationToken cancellationToken)
    {
        var wins = draws.Where(d => d.Outcome == DrawOutcome.Won).Select(d => NewWin(d, prizes)).ToList();
        await db.InsertAsync([.. draws.Select(NewDraw)], cancellationToken);
        await db.InsertAsync(wins, cancellationToken);
        await AssignCodesAsync(db, wins, cancellationToken);
        return wins;
    }

    private static DrawRecord NewDraw(PendingDraw d) =>
        DrawRecord.Create(d.DrawId, d.TenantId, d.ActivityId, d.PlayerId, d.At, d.Outcome, d.TierId, d.PrizeId, d.SegmentIndex,
            d.DefinitionVersion, d.IdempotencyKey);

    private static WinRecord NewWin(PendingDraw d, IReadOnlyDictionary<(Guid TierId, Guid PrizeId), (string Name, PrizeKind Kind)> prizes)
    {
        var (name, kind) = prizes[(d.TierId!.Value, d.PrizeId!.Value)];
        return WinRecord.Create(d.DrawId, d.TenantId, d.ActivityId, d.PlayerId, d.PrizeId.Value, d.TierId, d.DrawId, name, kind, d.At);
    }

    /// <summary>Name and kind of every prize slot of the activities (a snapshot taken when the definition was built).</summary>
    public static async Task<IReadOnlyDictionary<(Guid TierId, Guid PrizeId), (string Name, PrizeKind Kind)>> PrizeInfoAsync(
        LotteryDbContext db, IReadOnlyCollection<Guid> activityIds, CancellationToken cancellationToken)
    {
        var slots = await db.Set<PrizeSlot>().IgnoreQueryFilters()
            .Where(s => db.Set<PrizeTier>().IgnoreQueryFilters().Any(t => t.Id == s.TierId && activityIds.Contains(t.ActivityId)))
            .Select(s => new { s.TierId, s.PrizeId, s.PrizeName, s.PrizeKind })
            .ToListAsync(cancellationToken);
        return slots.DistinctBy(s => (s.TierId, s.PrizeId)).ToDictionary(s => (s.TierId, s.PrizeId), s => (s.PrizeName, s.PrizeKind));
    }

    /// <summary>Gives each code-prize win one unused code of its prize.</summary>
    public async Task AssignCodesAsync(LotteryDbContext db, IEnumerable<WinRecord> wins, CancellationToken cancellationToken)
    {
        foreach (var win in wins.Where(w => w.PrizeKind == PrizeKind.Code))
        {
            await AssignCodeAsync(db, win, cancellationToken);
        }
    }

    /// <summary>Hands the win one unused code of its prize; safe under concurrency (the row is taken only if still free).</summary>
    private async Task AssignCodeAsync(LotteryDbContext db, WinRecord win, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var codeId = await db.PrizeCodes.IgnoreQueryFilters()
                .Where(c => c.PrizeId == win.PrizeId && c.WinId == null)
                .OrderBy(c => c.Id)
                .Select(c => (Guid?)c.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (codeId is null)
            {
                LogNoCodeLeft(win.PrizeId, win.Id);
                return;
            }

            var taken = await db.PrizeCodes.IgnoreQueryFilters()
                .Where(c => c.Id == codeId && c.WinId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.WinId, win.Id).SetProperty(c => c.AssignedAt, now), cancellationToken);
            if (taken == 1)
            {
                var code = await db.PrizeCodes.IgnoreQueryFilters().Where(c => c.Id == codeId).Select(c => c.Code).SingleAsync(cancellationToken);
                await db.Wins.IgnoreQueryFilters().Where(w => w.Id == win.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.Code, code).SetProperty(w => w.Version, w => w.Version + 1), cancellationToken);
                return;
            }
        }

        LogNoCodeLeft(win.PrizeId, win.Id);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prize {PrizeId} has no unused code left for win {WinId}; upload more codes")]
    private partial void LogNoCodeLeft(Guid prizeId, Guid winId);
}
