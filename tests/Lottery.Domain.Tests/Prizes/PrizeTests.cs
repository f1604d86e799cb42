using Lottery.Domain.Common;
using Lottery.Domain.Prizes;

namespace Lottery.Domain.Tests.Prizes;

public sealed class PrizeTests
{
    private readonly FakeTimeProvider _clock = TestClock.New();
    private readonly Guid _tenantId = Guid.NewGuid();

    [Fact]
    public void Create_builds_a_catalogue_prize_with_a_trimmed_name()
    {
        var prize = Expect.Success(Prize.Create(_tenantId, "  Headphones ", PrizeKind.Physical, 25, _clock,
            unitCost: 79.5m, description: "Wireless", imageUrl: "https://x.test/h.png"));

        Assert.Equal("Headphones", prize.Name);
        Assert.Equal(_tenantId, prize.TenantId);
        Assert.Equal(PrizeKind.Physical, prize.Kind);
        Assert.Equal(25, prize.PoolStock);
        Assert.Equal(79.5m, prize.UnitCost);
        Assert.Equal("Wireless", prize.Description);
        Assert.Equal("https://x.test/h.png", prize.ImageUrl);
        Assert.Null(prize.Points);
        Assert.Equal(_clock.GetUtcNow(), prize.CreatedAt);
        Assert.Equal(0, prize.Version);
    }

    [Fact]
    public void A_points_prize_keeps_its_points_and_other_kinds_drop_them()
    {
        var points = Expect.Success(Prize.Create(_tenantId, "100 points", PrizeKind.Points, 5, _clock, points: 100));
        var code = Expect.Success(Prize.Create(_tenantId, "Voucher", PrizeKind.Code, 5, _clock, points: 100));

        Assert.Equal(100, points.Points);
        Assert.Null(code.Points);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_points_prize_without_a_positive_number_of_points_is_refused(int? points) =>
        Assert.Equal(["points"], Expect.Invalid(Prize.Create(_tenantId, "Points", PrizeKind.Points, 1, _clock, points: points)));

    [Fact]
    public void Create_refuses_an_invalid_prize_with_every_reason()
    {
        var result = Prize.Create(_tenantId, " ", PrizeKind.Points, -1, _clock,
            unitCost: -0.01m, description: new string('d', Limits.DescriptionMaxLength + 1),
            imageUrl: new string('u', Limits.UrlMaxLength + 1));

        Assert.Equal(
            ["name", "stock", "description", "imageUrl", "unitCost", "points"],
            Expect.Invalid(result));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(Limits.MaxStock + 1)]
    public void A_pool_outside_zero_to_the_maximum_is_refused(int stock) =>
        Assert.Equal(["stock"], Expect.Invalid(Prize.Create(_tenantId, "Mug", PrizeKind.Physical, stock, _clock)));

    [Fact]
    public void A_name_longer_than_100_characters_is_refused() =>
        Assert.Equal(["name"], Expect.Invalid(Prize.Create(_tenantId, new string('n', 101), PrizeKind.Virtual, 1, _clock)));

    [Fact]
    public void Reserve_takes_units_from_the_pool()
    {
        var prize = Mug(10);

        Expect.Success(prize.Reserve(4));
        Expect.Success(prize.Reserve(6));

        Assert.Equal(0, prize.PoolStock);
        Assert.Equal(2, prize.Version);
    }

    [Fact]
    public void Reserve_more_than_the_pool_is_refused_and_takes_nothing()
    {
        var prize = Mug(3);

        Expect.Failure(prize.Reserve(4), ErrorCodes.StockPoolShort);

        Assert.Equal(3, prize.PoolStock);
        Assert.Equal(0, prize.Version);
    }

    [Fact]
    public void Reserve_and_return_of_a_negative_quantity_are_bugs_and_throw()
    {
        var prize = Mug(3);

        Assert.Throws<ArgumentOutOfRangeException>(() => prize.Reserve(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => prize.Return(-1));
        Assert.Equal(3, prize.PoolStock);
    }

    [Fact]
    public void Return_gives_units_back_to_the_pool()
    {
        var prize = Mug(3);
        Expect.Success(prize.Reserve(3));

        prize.Return(2);

        Assert.Equal(2, prize.PoolStock);
        Assert.Equal(2, prize.Version);
    }

    [Theory]
    [InlineData(5, 15)]
    [InlineData(-4, 6)]
    [InlineData(-10, 0)]
    [InlineData(0, 10)]
    public void AdjustPool_restocks_or_writes_off(int delta, int expected)
    {
        var prize = Mug(10);

        Expect.Success(prize.AdjustPool(delta));

        Assert.Equal(expected, prize.PoolStock);
    }

    [Fact]
    public void AdjustPool_never_takes_the_pool_below_zero()
    {
        var prize = Mug(10);

        Expect.Failure(prize.AdjustPool(-11), ErrorCodes.StockPoolShort);

        Assert.Equal(10, prize.PoolStock);
        Assert.Equal(0, prize.Version);
    }

    [Fact]
    public void Describe_changes_the_description_image_and_cost()
    {
        var prize = Mug(1);

        prize.Describe("Ceramic", "https://x.test/mug.png", 3.2m);

        Assert.Equal(("Ceramic", "https://x.test/mug.png", 3.2m), (prize.Description, prize.ImageUrl, prize.UnitCost));
    }

    [Fact]
    public void A_code_goes_to_exactly_one_win()
    {
        var code = PrizeCode.Create(_tenantId, Guid.NewGuid(), "  ABC-123 ", _clock);
        var firstWin = Guid.NewGuid();
        _clock.Advance(TimeSpan.FromMinutes(3));

        Expect.Success(code.AssignTo(firstWin, _clock));
        Expect.Failure(code.AssignTo(Guid.NewGuid(), _clock), ErrorCodes.AlreadyClaimed);

        Assert.Equal("ABC-123", code.Code);
        Assert.Equal(firstWin, code.WinId);
        Assert.Equal(_clock.GetUtcNow(), code.AssignedAt);
    }

    private Prize Mug(int stock) => Expect.Success(Prize.Create(_tenantId, "Mug", PrizeKind.Physical, stock, _clock));
}
