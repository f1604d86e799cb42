using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Lottery.E2E.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Lottery.E2E.Tests;

/// <summary>
/// What a browser downloads (issue 13's weight targets), counted as Chromium's network log counts transferred bytes
/// (DevTools' "transferred": headers and the compressed body, 0 for a cache hit), on the published app in Production.
/// </summary>
public sealed class PageWeightTests(PublishedAppFixture fixture, ITestOutputHelper output) : IClassFixture<PublishedAppFixture>
{
    private const long Kilobyte = 1000;

    [Fact]
    public async Task The_landing_page_is_light_on_a_first_visit_and_almost_free_on_a_repeat_visit()
    {
        await using var context = await FreshBrowserAsync();
        var page = await context.NewPageAsync();
        var log = await NetworkLog.StartAsync(page);

        await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Expect(page.GetByTestId("demo-activity").First).ToBeVisibleAsync();
        var first = log.TakeTotal(output, "landing, first visit");

        await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Expect(page.GetByTestId("demo-activity").First).ToBeVisibleAsync();
        var repeat = log.TakeTotal(output, "landing, repeat visit");

        Assert.True(first <= 300 * Kilobyte, $"landing page first visit transferred {first:N0} B (target ≤ 300 KB)");
        Assert.True(repeat <= 100 * Kilobyte, $"landing page repeat visit transferred {repeat:N0} B (target ≤ 100 KB)");
    }

    [Fact]
    public async Task Signing_in_and_the_first_staff_page_stay_under_a_megabyte_and_a_repeat_visit_is_small()
    {
        await using var context = await FreshBrowserAsync();
        var page = await context.NewPageAsync();
        var log = await NetworkLog.StartAsync(page);

        await page.GotoAsync("/account/login?returnUrl=%2Fadmin", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.Locator("#username").FillAsync("marketer@demo.local");
        await page.Locator("#password").FillAsync(StaffSteps.DemoPassword);
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        await Expect(page.Locator(".admin-shell[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var first = log.TakeTotal(output, "sign-in page + activity list, fresh browser");

        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Expect(page.Locator(".admin-shell[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var repeat = log.TakeTotal(output, "activity list, repeat visit");

        Assert.True(first <= 1000 * Kilobyte, $"sign-in + first staff page transferred {first:N0} B (target ≤ 1 MB)");
        Assert.True(repeat <= 100 * Kilobyte, $"staff page repeat visit transferred {repeat:N0} B (target ≤ 100 KB)");
    }

    private Task<IBrowserContext> FreshBrowserAsync() => fixture.Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = fixture.App.BaseAddress.ToString(),
        ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
    });

    /// <summary>Chromium's own count (CDP Network.loadingFinished.encodedDataLength) of every response the page loaded.</summary>
    private sealed class NetworkLog
    {
        private readonly ConcurrentDictionary<string, string> _urls = new();
        private readonly ConcurrentQueue<(string RequestId, long Bytes)> _finished = new();

        public static async Task<NetworkLog> StartAsync(IPage page)
        {
            var log = new NetworkLog();
            var cdp = await page.Context.NewCDPSessionAsync(page);
            cdp.Event("Network.responseReceived").OnEvent += (_, e) =>
                log._urls[e!.Value.GetProperty("requestId").GetString()!] = e.Value.GetProperty("response").GetProperty("url").GetString()!;
            cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
                log._finished.Enqueue((e!.Value.GetProperty("requestId").GetString()!, (long)e.Value.GetProperty("encodedDataLength").GetDouble()));
            await cdp.SendAsync("Network.enable");
            return log;
        }

        /// <summary>The bytes transferred since the last call; each response is written to the test output.</summary>
        public long TakeTotal(ITestOutputHelper output, string what)
        {
            long total = 0;
            while (_finished.TryDequeue(out var entry))
            {
                total += entry.Bytes;
                output.WriteLine($"  {entry.Bytes,9:N0} B  {(_urls.TryGetValue(entry.RequestId, out var url) ? url : entry.RequestId)}");
            }

            output.WriteLine($"{what}: {total:N0} B transferred");
            return total;
        }
    }
}
