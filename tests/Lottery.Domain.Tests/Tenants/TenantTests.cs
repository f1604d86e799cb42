using Lottery.Domain.Tenants;

namespace Lottery.Domain.Tests.Tenants;

public sealed class TenantTests
{
    private readonly FakeTimeProvider _clock = TestClock.New();

    [Fact]
    public void Create_builds_a_tenant_with_a_trimmed_name()
    {
        var tenant = Expect.Success(Tenant.Create(" Acme Shop ", "acme-shop-2", _clock));

        Assert.Equal(("Acme Shop", "acme-shop-2", _clock.GetUtcNow()), (tenant.Name, tenant.Slug, tenant.CreatedAt));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Acme")]
    [InlineData("acme shop")]
    [InlineData("acme_shop")]
    [InlineData("acmé")]
    [InlineData("123456789012345678901234567890123456789012345678901")]
    public void A_slug_that_is_not_1_to_50_lower_case_letters_digits_or_dashes_is_refused(string slug) =>
        Assert.Equal(["slug"], Expect.Invalid(Tenant.Create("Acme", slug, _clock)));

    [Fact]
    public void Create_refuses_a_blank_name_and_a_bad_slug_together() =>
        Assert.Equal(["name", "slug"], Expect.Invalid(Tenant.Create(" ", "Bad Slug", _clock)));
}
