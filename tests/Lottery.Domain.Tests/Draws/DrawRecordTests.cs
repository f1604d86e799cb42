using Lottery.Domain.Draws;

namespace Lottery.Domain.Tests.Draws;

public sealed class DrawRecordTests
{
    private readonly FakeTimeProvider _clock = TestClock.New();

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void A_winning_draw_without_its_tier_and_prize_is_a_bug_and_throws(bool hasTier, bool hasPrize) =>
        Assert.Throws<ArgumentException>(() => Create(DrawOutcome.Won, hasTier ? Guid.NewGuid() : null, hasPrize ? Guid.NewGuid() : null));

    [Theory]
    [InlineData(DrawOutcome.NoPrize)]
    [InlineData(DrawOutcome.SoldOut)]
    public void A_draw_that_won_nothing_needs_no_prize(DrawOutcome outcome)
    {
        var record = Create(outcome, null, null);

        Assert.Equal(outcome, record.Outcome);
        Assert.Null(record.PrizeId);
    }

    [Fact]
    public void A_winning_draw_keeps_everything_the_audit_needs()
    {
        var (tier, prize) = (Guid.NewGuid(), Guid.NewGuid());

        var record = Create(DrawOutcome.Won, tier, prize);

        Assert.Equal((tier, prize, 3, 2, "key-1"), (record.TierId, record.PrizeId, record.SegmentIndex, record.DefinitionVersion, record.IdempotencyKey));
        Assert.Equal(_clock.GetUtcNow(), record.DrawnAt);
    }

    private DrawRecord Create(DrawOutcome outcome, Guid? tierId, Guid? prizeId) => DrawRecord.Create(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), _clock.GetUtcNow(), outcome, tierId, prizeId, 3, 2, "key-1");
}
