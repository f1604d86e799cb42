using System.Diagnostics;
using Microsoft.Playwright;

namespace Lottery.E2E.Tests.Support;

/// <summary>
/// The app as it ships: <c>dotnet publish</c> of the solution's build (so the static assets are fingerprinted and
/// pre-compressed as in production), run as its own process in Production on a SQLite file with the demo seeded, and
/// Debian's Chromium. For tests of what a browser downloads.
/// </summary>
public sealed class PublishedAppFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "lottery-published-" + Guid.NewGuid().ToString("N")[..8]);
    private IPlaywright? _playwright;
    private AppProcess? _app;

    public AppProcess App => _app ?? throw new InvalidOperationException("Not started.");

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var appDll = AppProcess.AppDll();
        var build = new DirectoryInfo(Path.GetDirectoryName(appDll)!); // Lottery.Web/bin/<Configuration>/<tfm>
        var project = Path.Combine(build.Parent!.Parent!.Parent!.FullName, "Lottery.Web.csproj");
        await RunAsync("dotnet", "publish", project, "--no-build", "-c", build.Parent.Name, "-o", Path.Combine(_folder, "app"), "-tl:off", "-v", "q", "-nologo");

        var settings = AppProcess.Settings(StoreMode.EmbeddedSqlite, $"Data Source={Path.Combine(_folder, "lottery.db")}");
        settings["Demo__Seed"] = "true";
        _app = await AppProcess.StartAsync(settings, Path.Combine(_folder, "app", "Lottery.Web.dll"));
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = BrowserFixture.ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}
