using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.E2E.Tests.Support;

/// <summary>
/// The real app served by Kestrel on a free port (a browser needs a real socket), with its own SQLite file in a temp
/// folder and the demo tenant seeded at start.
/// </summary>
public sealed class LiveApp : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lottery-e2e-").FullName;

    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        BaseAddress = new Uri(address.Replace("://[::]", "://localhost", StringComparison.Ordinal), UriKind.Absolute);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Lottery", $"Data Source={Path.Combine(_folder, "lottery.db")}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:MigrateAtStart", "true");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Redis:Configuration", "");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open: the OS cleans its temp folder.
            }
        }
    }
}
