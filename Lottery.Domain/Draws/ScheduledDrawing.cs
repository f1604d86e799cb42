using System.Security.Cryptography;
using System.Text;

namespace Lottery.Domain.Draws;

/// <summary>A prize to hand out in a scheduled draw: <see cref="Count"/> winners get it. Listed in tier, then slot, order.</summary>
public sealed record ScheduledPrize(Guid TierId, Guid PrizeId, string PrizeName, Prizes.PrizeKind Kind, int Count);

public sealed record ScheduledWinner(Guid PlayerId, ScheduledPrize Prize, int Rank);

public sealed record ScheduledDrawResult(string EntrantsHash, IReadOnlyList<ScheduledWinner> Winners);

/// <summary>
/// The provably fair scheduled draw. Before the draw the server publishes SHA-256(seed); at the draw it publishes the
/// SHA-256 of the canonical entrant list; afterwards it reveals the seed. Anyone can then recompute the winners:
/// <list type="number">
/// <item>Canonical entrant list: the entrants' player ids, lower-case "D" format, sorted ordinally, joined by "\n".</item>
/// <item>Each entrant's score is HMAC-SHA256(key = seed, message = UTF-8 of the player id); entrants are ranked by score
/// (bytes compared in order), ties (practically impossible) broken by player id.</item>
/// <item>Prizes are handed out in tier order, then slot order, one unit per entrant down the ranking: each entrant wins
/// at most once; with fewer entrants than units, the rest stays unawarded.</item>
/// </list>
/// </summary>
public static class ScheduledDrawing
{
    public static string Canonical(IEnumerable<Guid> entrants) =>
        string.Join('\n', entrants.Select(e => e.ToString("D")).Distinct().Order(StringComparer.Ordinal));

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string Commitment(byte[] seed) => Convert.ToHexStringLower(SHA256.HashData(seed));

    public static ScheduledDrawResult Select(byte[] seed, IEnumerable<Guid> entrants, IReadOnlyList<ScheduledPrize> prizes)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var canonical = Canonical(entrants);
        var ranked = (canonical.Length == 0 ? [] : canonical.Split('\n'))
            .Select(id => (Id: id, Score: HMACSHA256.HashData(seed, Encoding.UTF8.GetBytes(id))))
            .OrderBy(e => e.Score, ByteOrder.Instance)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => Guid.Parse(e.Id))
            .ToList();

        var winners = new List<ScheduledWinner>();
        var next = 0;
        foreach (var prize in prizes)
        {
            for (var unit = 0; unit < prize.Count && next < ranked.Count; unit++, next++)
            {
                winners.Add(new ScheduledWinner(ranked[next], prize, next + 1));
            }
        }

        return new ScheduledDrawResult(Sha256Hex(canonical), winners);
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
