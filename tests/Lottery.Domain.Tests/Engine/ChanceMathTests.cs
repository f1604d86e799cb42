using Lottery.Domain.Activities;
using Lottery.Domain.Stock;

namespace Lottery.Domain.Tests.Engine;

public sealed class ChanceMathTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(3, 0, 0, 3)]
    [InlineData(3, 2, 1, 4)]
    [InlineData(3, 0, 3, 0)]
    [InlineData(3, 0, 9, 0)]
    public void Remaining_chances_are_the_allowance_plus_grants_minus_draws(int perPlayer, int granted, int used, int expected) =>
        Assert.Equal(expected, ChanceMath.Remaining(new ActivityRules(perPlayer), granted, used, null, 0, Now));

    [Fact]
    public void The_daily_limit_caps_remaining_chances_today_and_resets_the_next_day()
    {
        var rules = new ActivityRules(10, ChancesPerDay: 2);
        Assert.Equal(0, ChanceMath.Remaining(rules, 0, 2, "20261121", 2, Now));
        Assert.Equal(1, ChanceMath.Remaining(rules, 0, 1, "20261121", 1, Now));
        Assert.Equal(2, ChanceMath.Remaining(rules, 0, 2, "20261120", 2, Now));
    }
}
