using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Lottery.E2E.Tests.Support;

/// <summary>
/// Starts the app on a real port and Debian's Chromium (Playwright cannot download its own browser here). A missing
/// browser is a failure, never a skip: these tests exist to prove the app works in a real browser.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    /// <summary>The E2E app's proof-of-work difficulty (leading zero bits).</summary>
    public static readonly KeyValuePair<string, string> ProofOfWorkDifficulty = new("Players:ProofOfWork:Difficulty", "10");

    private IPlaywright? _playwright;

    /// <summary>
    /// The demo app with guest proof of work on at a small difficulty, so every player journey runs the page's Web Worker
    /// for real (docs/decisions/027-guest-bot-friction.md); the per-address cap stays off (all tests share one address).
    /// </summary>
    public LotteryAppFactory App { get; } = new() { Settings = new Dictionary<string, string> { [ProofOfWorkDifficulty.Key] = ProofOfWorkDifficulty.Value } };

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>artifacts/screenshots</c> at the repository root (git-ignored).</summary>
    public string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    /// <summary>Saves a screenshot (animations finished) as <c>{name}.png</c> in <see cref="ScreenshotFolder"/> and names it in the test output.</summary>
    public async Task ScreenshotAsync(IPage page, string name, ITestOutputHelper output, bool fullPage = false)
    {
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
        output.WriteLine($"screenshot: {path}");
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ChromiumPath}: install it (apt-get install -y chromium) to run the browser tests.");
        }

        Directory.CreateDirectory(ScreenshotFolder);
        // Waits for a condition, not sleeps: a longer limit costs nothing when the condition comes true, and CI's two
        // cores run these tests beside each other. Time promises (the board within a second) set their own limits.
        Assertions.SetDefaultExpectTimeout(10_000);
        await App.StartOnKestrelAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await ((IAsyncLifetime)App).DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lottery.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Lottery.sln not found above " + AppContext.BaseDirectory);
    }
}
