using Lottery.Domain.Activities;
using Lottery.Domain.Common;

namespace Lottery.Domain.Draws;

/// <summary>A prize a draw can land on: its tier, slot and wheel segment.</summary>
public sealed record DrawCandidate(Guid TierId, Guid PrizeId, Guid SlotId, int SegmentIndex, string TierName, string PrizeName);

/// <summary>
/// What the engine picked for one instant draw, before stock and per-player limits are applied atomically by the
/// stock store. <see cref="Primary"/> is the configured odds' pick (null: the "no prize" share); <see cref="Fallback"/> is
/// the consolation tier's pick, used only if the primary prize is sold out and the activity falls back to consolation.
/// </summary>
public sealed record DrawPick(DrawCandidate? Primary, DrawCandidate? Fallback, int NoPrizeSegmentIndex);

/// <summary>
/// The compiled odds of one published activity version: a tier-level alias table (tier probabilities in units of
/// 1e-6, plus the remainder as "no prize") and one alias table per tier over its prizes' weights. Built once per
/// definition version and shared by every draw; immutable and thread-safe.
/// </summary>
public sealed class DrawTable
{
    /// <summary>Probabilities have 1e-6 resolution, so tier weights are integers out of one million.</summary>
    public const long ProbabilityUnits = 1_000_000;

    private readonly AliasTable _tiers;
    private readonly DrawCandidate[][] _candidates;
    private readonly AliasTable[] _prizeTables;
    private readonly int _noPrizeOutcome;
    private readonly int? _consolationTier;
    private readonly int[] _tryAgainSegments;

    public DrawTable(Activity activity, WheelLayout wheel)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(wheel);
        ActivityId = activity.Id;
        DefinitionVersion = activity.DefinitionVersion;
        var tiers = activity.Tiers.OrderBy(t => t.Order).ToArray();
        var weights = tiers.Select(t => (long)(t.Probability * ProbabilityUnits)).ToList();
        var noPrize = ProbabilityUnits - weights.Sum();
        weights.Add(noPrize);
        _noPrizeOutcome = tiers.Length;
        _tiers = new AliasTable(weights);
        _candidates = tiers
            .Select(t => t.Slots.OrderBy(s => s.Order)
                .Select(s => new DrawCandidate(t.Id, s.PrizeId, s.Id, wheel.SegmentOf(s.Id), t.Name, s.PrizeName))
                .ToArray())
            .ToArray();
        _prizeTables = tiers.Select(t => new AliasTable(t.Slots.OrderBy(s => s.Order).Select(s => (long)s.Weight).ToList())).ToArray();
        _consolationTier = activity.SoldOut == SoldOutBehavior.Consolation
            ? Array.FindIndex(tiers, t => t.IsConsolation) is var i && i >= 0 ? i : null
            : null;
        _tryAgainSegments = [.. wheel.Segments.Where(s => s.IsTryAgain).Select(s => s.Index)];
    }

    public Guid ActivityId { get; }

    public int DefinitionVersion { get; }

    public DrawPick Pick(IRandomSource random)
    {
        var noPrizeSegment = _tryAgainSegments[random.NextInt(_tryAgainSegments.Length)];
        var tier = _tiers.Sample(random);
        if (tier == _noPrizeOutcome)
        {
            return new DrawPick(null, null, noPrizeSegment);
        }

        var primary = _candidates[tier][_prizeTables[tier].Sample(random)];
        var fallback = _consolationTier is { } c && c != tier ? _candidates[c][_prizeTables[c].Sample(random)] : null;
        return new DrawPick(primary, fallback, noPrizeSegment);
    }
}
