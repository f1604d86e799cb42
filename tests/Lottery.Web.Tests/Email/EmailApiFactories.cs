using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Web.Tests.Email;

/// <summary>
/// The app with e-mail going to the test SMTP server (<see cref="TestServices.Smtp"/>; missing → the test fails), or,
/// with <c>smtp: false</c>, to its pickup directory. Small request limits: 3 codes per e-mail and 5 per network address.
/// In process every request would come from no address, so a test header names the caller's address
/// (<see cref="ClientFrom"/>): each test uses addresses of its own.
/// </summary>
public abstract class EmailApiFactory(StoreMode mode, bool smtp) : LotteryApiFactory(mode, Settings(smtp))
{
    public const string PeerHeader = "X-Test-Peer";

    /// <summary>Where this app's mail lands: the SMTP server's Maildir, or the app's pickup directory.</summary>
    public string MailFolder => smtp ? TestServices.MailDir : MailPickupDirectory;

    public HttpClient ClientFrom(string address)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add(PeerHeader, address);
        return client;
    }

    /// <summary>A new address in TEST-NET-2 (198.51.100.0/24 is never routed), unique enough per test.</summary>
    public static string NewAddress() => $"198.51.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";

    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        base.ConfigureApp(builder);
        builder.ConfigureServices(s => s.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, PeerFromHeader>());
    }

    private static Dictionary<string, string> Settings(bool smtp)
    {
        var settings = new Dictionary<string, string>
        {
            ["Email:CodesPerEmail"] = "3",
            ["Email:CodesPerAddress"] = "5",
            ["Email:From"] = "Lucky draw <no-reply@lottery.test>",
        };
        if (smtp)
        {
            var (host, port) = (TestServices.Smtp.Split(':')[0], TestServices.Smtp.Split(':')[1]);
            settings["Email:Smtp:Host"] = host;
            settings["Email:Smtp:Port"] = port;
            settings["Email:Smtp:SecureSocketOptions"] = "None";
        }

        return settings;
    }

    private sealed class PeerFromHeader : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[PeerHeader].ToString(), out var peer))
                {
                    http.Connection.RemoteIpAddress = peer;
                }

                return nextMiddleware(http);
            });
            next(app);
        };
    }
}

public sealed class SmtpSqliteEmailApi() : EmailApiFactory(StoreMode.EmbeddedSqlite, smtp: true);

public sealed class SmtpPostgresEmailApi() : EmailApiFactory(StoreMode.EmbeddedPostgres, smtp: true);

public sealed class PickupEmailApi() : EmailApiFactory(StoreMode.EmbeddedSqlite, smtp: false);
