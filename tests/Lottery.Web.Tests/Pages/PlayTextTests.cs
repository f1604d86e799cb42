using Lottery.Web.Features.Play;

namespace Lottery.Web.Tests.Pages;

/// <summary>The player pages' counts read right: one of a thing is singular, in the server's text and in the script's.</summary>
public sealed class PlayTextTests
{
    [Theory]
    [InlineData("entrants", 1, "1 player joined")]
    [InlineData("entrants", 2, "2 players joined")]
    [InlineData("entrants", 0, "0 players joined")]
    [InlineData("chancesLeft", 1, "1 spin left")]
    [InlineData("chancesLeft", 3, "3 spins left")]
    [InlineData("chancesPerPlayer", 1, "1 spin per player")]
    [InlineData("chancesPerPlayer", 5, "5 spins per player")]
    [InlineData("maxWins", 1, "Win at most 1 prize")]
    [InlineData("maxWins", 2, "Win at most 2 prizes")]
    [InlineData("taskReward", 1, "+1 spin")]
    [InlineData("taskReward", 2, "+2 spins")]
    [InlineData("taskGranted", 2, "+2 spins!")]
    [InlineData("nowHave", 1, "You now have 1 spin.")]
    public void A_count_of_one_is_singular_and_any_other_count_plural(string key, int n, string expected) =>
        Assert.Equal(expected, PlayText.En.Format(key, ("n", n)));

    [Fact]
    public void The_script_gets_every_singular_form_beside_its_plural()
    {
        var all = PlayText.En.All();
        var singulars = all.Keys.Where(k => k.EndsWith("One", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(singulars);
        Assert.All(singulars, k => Assert.Contains(k[..^3], all.Keys));
    }
}
