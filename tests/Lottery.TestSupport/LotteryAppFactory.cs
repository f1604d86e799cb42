using Microsoft.AspNetCore.Hosting;

namespace Lottery.TestSupport;

/// <summary>
/// The real app as <c>dotnet run</c> starts it (Development, production rate limits) on its own SQLite file, with the
/// demo tenant seeded at start. In process for HTTP and component tests; <see cref="AppUnderTest.StartOnKestrelAsync"/>
/// serves it on a socket for the browser tests.
/// </summary>
public sealed class LotteryAppFactory() : AppUnderTest(StoreMode.EmbeddedSqlite, "lottery_web", sharedDatabase: null)
{
    /// <summary>Configuration overrides (e.g. bot friction on), applied when the host starts.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The password of the seeded demo staff accounts (<c>Demo:Password</c>'s default).</summary>
    public const string DemoPassword = "Demo#2026";

    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        builder.UseSetting("Demo:Seed", "true");
        // Every browser test's player comes from 127.0.0.1: the per-address win rule is off (its tests turn it on per tenant).
        builder.UseSetting("Risk:WinsPerAddressPerDay", "0");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
