using System.Security.Cryptography;
using Lottery.Domain.Draws;
using Lottery.Domain.Prizes;

namespace Lottery.Domain.Tests.Engine;

public sealed class ScheduledDrawingTests
{
    private static readonly byte[] Seed = Convert.FromHexString("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    private static readonly ScheduledPrize Grand = new(Guid.NewGuid(), Guid.NewGuid(), "Phone", PrizeKind.Physical, 1);
    private static readonly ScheduledPrize Tote = new(Guid.NewGuid(), Guid.NewGuid(), "Tote", PrizeKind.Physical, 9);

    [Fact]
    public void Fifty_entrants_and_ten_prizes_give_ten_distinct_winners_in_tier_order()
    {
        var entrants = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToList();

        var result = ScheduledDrawing.Select(Seed, entrants, [Grand, Tote]);

        Assert.Equal(10, result.Winners.Count);
        Assert.Equal(10, result.Winners.Select(w => w.PlayerId).Distinct().Count());
        Assert.All(result.Winners, w => Assert.Contains(w.PlayerId, entrants));
        Assert.Equal("Phone", result.Winners[0].Prize.PrizeName);
        Assert.All(result.Winners.Skip(1), w => Assert.Equal("Tote", w.Prize.PrizeName));
        Assert.Equal(Enumerable.Range(1, 10), result.Winners.Select(w => w.Rank));
    }

    [Fact]
    public void Fewer_entrants_than_prizes_gives_each_entrant_one_prize_and_leaves_the_rest()
    {
        var entrants = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();

        var result = ScheduledDrawing.Select(Seed, entrants, [Grand, Tote]);

        Assert.Equal(5, result.Winners.Count);
        Assert.Equal(entrants.Order(), result.Winners.Select(w => w.PlayerId).Order());
    }

    [Fact]
    public void The_same_seed_and_entrants_give_the_same_winners_whatever_the_order_of_entry()
    {
        var entrants = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();
        var shuffled = entrants.OrderBy(_ => Guid.NewGuid()).Concat(entrants.Take(3)).ToList();

        var first = ScheduledDrawing.Select(Seed, entrants, [Grand, Tote]);
        var again = ScheduledDrawing.Select(Seed, shuffled, [Grand, Tote]);

        Assert.Equal(first.EntrantsHash, again.EntrantsHash);
        Assert.Equal(first.Winners.Select(w => (w.PlayerId, w.Prize.PrizeId)), again.Winners.Select(w => (w.PlayerId, w.Prize.PrizeId)));
    }

    [Fact]
    public void Another_seed_gives_another_ranking()
    {
        var entrants = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();
        var otherSeed = RandomNumberGenerator.GetBytes(32);

        var first = ScheduledDrawing.Select(Seed, entrants, [Grand, Tote]).Winners.Select(w => w.PlayerId);
        var other = ScheduledDrawing.Select(otherSeed, entrants, [Grand, Tote]).Winners.Select(w => w.PlayerId);

        Assert.NotEqual(first, other);
    }

    [Fact]
    public void The_published_hashes_are_sha256_of_the_seed_and_of_the_canonical_entrant_list()
    {
        Guid[] entrants = [Guid.Parse("b0000000-0000-0000-0000-000000000002"), Guid.Parse("a0000000-0000-0000-0000-000000000001")];

        var result = ScheduledDrawing.Select(Seed, entrants, [Grand]);

        Assert.Equal("a0000000-0000-0000-0000-000000000001\nb0000000-0000-0000-0000-000000000002", ScheduledDrawing.Canonical(entrants));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("a0000000-0000-0000-0000-000000000001\nb0000000-0000-0000-0000-000000000002"u8)), result.EntrantsHash);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Seed)), ScheduledDrawing.Commitment(Seed));
        var expectedFirst = entrants.OrderBy(e => HMACSHA256.HashData(Seed, System.Text.Encoding.UTF8.GetBytes(e.ToString("D"))), Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y))).First();
        Assert.Equal(expectedFirst, result.Winners.Single().PlayerId);
    }

    [Fact]
    public void No_entrants_means_no_winners()
    {
        var result = ScheduledDrawing.Select(Seed, [], [Grand, Tote]);
        Assert.Empty(result.Winners);
        Assert.Equal(ScheduledDrawing.Sha256Hex(""), result.EntrantsHash);
    }
}
