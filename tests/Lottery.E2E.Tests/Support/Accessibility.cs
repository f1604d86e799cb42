using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Lottery.E2E.Tests.Support;

public static class Accessibility
{
    /// <summary>axe-core on the page as it is now: no critical or serious accessibility violation (each one listed).</summary>
    public static async Task AssertNoSeriousAxeViolationsAsync(IPage page)
    {
        var results = await page.RunAxe();
        Assert.Empty(results.Violations
            .Where(v => v.Impact is "critical" or "serious")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
    }
}
