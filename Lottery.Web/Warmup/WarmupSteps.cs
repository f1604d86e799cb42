using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Lottery.Infrastructure.Identity;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Components.Pages.Reports;
using Lottery.Web.Features.Reports;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lottery.Web.Warmup;

/// <summary>
/// EF Core's model, Identity's user lookup and the report queries, read as a tenant that does not exist: every query
/// finds nothing, and no tenant's data is needed or touched.
/// </summary>
public sealed class DatabaseWarmup(IServiceScopeFactory scopes) : IWarmupStep
{
    public string Name => "database";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(Guid.NewGuid());
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await users.FindByNameAsync(PipelineWarmup.NoSuchUser);
        var reports = scope.ServiceProvider.GetRequiredService<ReportQueries>();
        await reports.ActivitiesAsync(cancellationToken);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await reports.ReportAsync(Guid.NewGuid(), new ReportRange(today.AddDays(-6), today), cancellationToken);
    }
}

/// <summary>
/// The reports page's charts and tables (MudBlazor's chart, table and pager) rendered once to HTML from a made-up
/// report, the way prerendering renders them for the first visitor.
/// </summary>
public sealed class ReportRenderingWarmup(IServiceScopeFactory scopes, ILoggerFactory loggers) : IWarmupStep
{
    public string Name => "report rendering";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        IReadOnlyList<DayRow> days = [.. Enumerable.Range(0, 7).Select(i => new DayRow(today.AddDays(i - 6), 10 * i, i, 5 * i))];
        IReadOnlyList<PrizeRow> prizes = [new("Voucher", 100, 5, 20, 80), new("Phone", 5, 1, 1, 4)];
        IReadOnlyList<ChannelRow> channels = [new(ReportQueries.DirectChannel, 8, 30, 3), new("newsletter", 4, 12, 1)];
        await renderer.Dispatcher.InvokeAsync(async () =>
        {
            await RenderAsync<ReportDays>(renderer, new() { [nameof(ReportDays.Days)] = days });
            await RenderAsync<ReportPrizes>(renderer, new() { [nameof(ReportPrizes.Prizes)] = prizes });
            await RenderAsync<ReportChannels>(renderer, new() { [nameof(ReportChannels.Channels)] = channels });
        });
    }

    private static async Task RenderAsync<TComponent>(HtmlRenderer renderer, Dictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
        if (output.ToHtmlString().Length == 0)
        {
            throw new InvalidOperationException($"{typeof(TComponent).Name} rendered nothing.");
        }
    }
}

/// <summary>
/// The HTTP pipeline through the node's own listening address (loopback): the sign-in page, a sign-in attempt for a user
/// that cannot exist (form binding, antiforgery, Identity; it fails like any wrong password), a staff page without a
/// cookie (the redirect to sign-in), then the reports page and the activity list as a made-up manager of a tenant that
/// does not exist (cookie, layout, the pages' components and queries; both pages find nothing). That manager's cookie is
/// made here, lives a minute, and never leaves the process. Skipped when the server has no plain-HTTP address (e.g. the
/// in-memory test server, or HTTPS only).
/// </summary>
public sealed partial class PipelineWarmup(
    IServer server,
    IServiceScopeFactory scopes,
    IOptionsMonitor<CookieAuthenticationOptions> cookies,
    TimeProvider clock,
    ILogger<PipelineWarmup> logger) : IWarmupStep
{
    /// <summary>A user name no account can have (the <c>.invalid</c> top-level domain is reserved, RFC 2606).</summary>
    public const string NoSuchUser = "warm-up@lottery.invalid";

    public string Name => "HTTP pipeline";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (LoopbackAddress(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []) is not { } baseAddress)
        {
            LogSkipped(logger);
            return;
        }

        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(15) };
        using var login = await client.GetAsync(new Uri("/account/login?returnUrl=%2Freports", UriKind.Relative), cancellationToken);
        login.EnsureSuccessStatusCode();
        var page = await login.Content.ReadAsStringAsync(cancellationToken);
        var token = AntiforgeryField().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException("The sign-in page has no antiforgery field.");
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["username"] = NoSuchUser,
            ["password"] = "not a password",
            ["returnUrl"] = "/reports",
        });
        using var signIn = await client.PostAsync(new Uri("/account/login", UriKind.Relative), form, cancellationToken);
        Expect(signIn, HttpStatusCode.Redirect);

        using (var anonymous = await client.GetAsync(new Uri("/reports", UriKind.Relative), cancellationToken))
        {
            Expect(anonymous, HttpStatusCode.Redirect);
        }

        var cookie = await StaffCookieAsync();
        foreach (var path in new[] { "/reports", "/admin" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Add("Cookie", cookie);
            using var staffPage = await client.SendAsync(request, cancellationToken);
            Expect(staffPage, HttpStatusCode.OK);
        }
    }

    /// <summary>A sign-in cookie as the sign-in issues it, for a manager and a tenant that exist nowhere.</summary>
    private async Task<string> StaffCookieAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var user = new ApplicationUser
        {
            Id = Guid.NewGuid(),
            UserName = NoSuchUser,
            Email = NoSuchUser,
            TenantId = Guid.NewGuid(),
            DisplayName = "Warm-up",
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(identity.RoleClaimType, Roles.Manager));
        var now = clock.GetUtcNow();
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddMinutes(1) }, IdentityConstants.ApplicationScheme);
        var options = cookies.Get(IdentityConstants.ApplicationScheme);
        return $"{options.Cookie.Name}={options.TicketDataFormat.Protect(ticket)}";
    }

    /// <summary>The first <c>http://</c> address, with a wildcard or host name replaced by the loopback address.</summary>
    public static Uri? LoopbackAddress(IEnumerable<string> addresses)
    {
        foreach (var address in addresses)
        {
            if (!address.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // Kestrel reports wildcards as written ("http://+:80", "http://*:80") or as "http://[::]:80" / "http://0.0.0.0:80".
            var portAt = address.LastIndexOf(':');
            if (portAt < "http://".Length || !int.TryParse(address.AsSpan(portAt + 1).TrimEnd('/'), out var port))
            {
                continue;
            }

            var host = address["http://".Length..portAt];
            var loopback = host.StartsWith('[') && host != "[::]" ? "[::1]" : "127.0.0.1";
            return new Uri($"http://{loopback}:{port}");
        }

        return null;
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}, expected {(int)status}.");
        }
    }

    [GeneratedRegex("""<input[^>]*name="(?<name>__RequestVerificationToken)"[^>]*value="(?<value>[^"]*)""")]
    private static partial Regex AntiforgeryField();

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up: no plain-HTTP address to call; the HTTP pipeline is not warmed up")]
    private static partial void LogSkipped(ILogger logger);
}
