using Lottery.Infrastructure.Persistence;
using Lottery.Infrastructure.Persistence.Seeding;
using Lottery.Infrastructure.Stock;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Lottery.Web.Extensions;

public static class StartupBanner
{
    /// <summary>Once the server listens, prints where to go and, in the demo, how to sign in.</summary>
    public static WebApplication PrintStartupBanner(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var url = addresses.FirstOrDefault()?.Replace("://[::]", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal) ?? "http://localhost:5080";
            var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var redis = app.Services.GetRequiredService<IOptions<RedisOptions>>().Value;
            var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
            var email = app.Services.GetRequiredService<IOptions<Features.Email.EmailOptions>>().Value;

            var lines = new List<string>
            {
                "",
                "  Lottery is running",
                $"    Landing page   {url}/",
                $"    Admin area     {url}/admin",
                $"    Database       {database.Provider}",
                $"    Stock store    {(redis.IsEnabled ? "Redis" : "embedded (database)")}",
                email.UsesSmtp
                    ? $"    E-mail         SMTP {email.Smtp.Host}:{email.Smtp.Port}"
                    : $"    E-mail         no SMTP server set: messages (sign-in codes) are written as .eml files to "
                      + app.Services.GetRequiredService<Features.Email.MailKitEmailSender>().PickupDirectory,
            };
            if (demo.Seed)
            {
                lines.AddRange(
                [
                    "",
                    "  Demo accounts (password for all: " + demo.Password + ")",
                    $"    Marketer       {DemoOptions.MarketerEmail}",
                    $"    Manager        {DemoOptions.ManagerEmail}",
                    $"    Platform admin {DemoOptions.AdminEmail}",
                ]);
                if (!string.IsNullOrWhiteSpace(demo.ApiKey))
                {
                    lines.Add($"    Management API key (X-Api-Key): {demo.ApiKey}");
                }
            }

            lines.Add("");
            Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
        });
        return app;
    }
}
