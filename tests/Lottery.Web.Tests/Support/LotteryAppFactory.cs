using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Lottery.Web.Tests.Support;

/// <summary>
/// The real app in process, on its own SQLite file in a temp folder, with the demo tenant seeded at start
/// (migrations and seeding run as they do for <c>dotnet run</c>).
/// </summary>
public sealed class LotteryAppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lottery-web-tests-").FullName;

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
                // A file still open by a pool that outlived the host: the temp folder is cleaned by the OS.
            }
        }
    }
}
