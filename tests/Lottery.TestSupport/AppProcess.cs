using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lottery.TestSupport;

/// <summary>
/// The real app as a separate process, as a production node runs it: <c>dotnet Lottery.Web.dll --urls ...</c> from the
/// solution's build output, configured through environment variables only. A test can kill it outright
/// (<see cref="KillAsync"/>: SIGKILL, no shutdown code runs) and start another on the same database and Redis.
/// Its console output is kept (the last lines) for failure messages. Disposing kills it if it still runs.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const string PlatformKey = "test-platform-key";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private readonly List<HttpClient> _clients = [];

    private AppProcess(Process process, ConcurrentQueue<string> output, Uri baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>
    /// The environment of a node in <paramref name="mode"/> on <paramref name="connectionString"/> (a SQLite file or a
    /// PostgreSQL database) and, in the Redis modes, on <paramref name="redis"/> (the shared test Redis by default).
    /// </summary>
    public static Dictionary<string, string> Settings(StoreMode mode, string connectionString, string? redis = null) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Database__Provider"] = mode == StoreMode.EmbeddedSqlite ? "Sqlite" : "Postgres",
        ["Database__MigrateAtStart"] = "true",
        ["ConnectionStrings__Lottery"] = connectionString,
        ["Redis__Configuration"] = mode switch
        {
            StoreMode.RedisPostgres => redis ?? TestServices.Redis,
            StoreMode.RedisClusterPostgres => redis ?? TestServices.RedisCluster,
            _ => "",
        },
        ["Demo__Seed"] = "false",
        ["Platform__ApiKey"] = PlatformKey,
        ["RateLimiting__AddressRequests"] = "0",
        ["RateLimiting__PlayerDraws"] = "0",
        ["Players__ProofOfWork__Difficulty"] = "0",
        ["Players__GuestSessionsPerAddressPerHour"] = "0",
        ["Risk__WinsPerAddressPerDay"] = "0", // every test player comes from 127.0.0.1; tests of the rule turn it on per tenant
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>
    /// Starts the app with <paramref name="environment"/> on a free port and waits until it reports ready: the solution's
    /// build of Lottery.Web.dll, or <paramref name="appDll"/> (e.g. a published copy).
    /// </summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> environment, string? appDll = null)
    {
        appDll ??= AppDll();
        var baseAddress = new Uri($"http://127.0.0.1:{FreeTcpPort.Next()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { appDll, "--urls", baseAddress.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, output, baseAddress);
        try
        {
            await app.WaitUntilReadyAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>
    /// Kills the process with SIGKILL (what <see cref="Process.Kill()"/> sends on Linux): no shutdown code, no flush, no
    /// finally block runs. Returns the exit code once it is gone (128 + 9 for a process the signal killed).
    /// </summary>
    public async Task<int> KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>A new tenant (created with the platform key); returns its management key.</summary>
    public async Task<string> NewTenantKeyAsync()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", PlatformKey);
        var slug = "t-" + Guid.NewGuid().ToString("N")[..10];
        var response = await client.PostAsJsonAsync("/api/platform/tenants", new { name = "Tenant " + slug, slug });
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {OutputTail()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;
    }

    /// <summary>A client carrying a tenant's management key.</summary>
    public HttpClient Tenant(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>A new guest player's session; returns its bearer token.</summary>
    public async Task<string> NewPlayerTokenAsync()
    {
        var response = await CreateClient().PostAsJsonAsync("/api/player/sessions", new { nickname = (string?)null });
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {OutputTail()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>A client carrying a player's bearer token.</summary>
    public HttpClient Player(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The last lines the app wrote to its console.</summary>
    public string OutputTail() => string.Join(Environment.NewLine, _output);

    public async ValueTask DisposeAsync()
    {
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
            _clients.Clear();
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>Lottery.Web.dll of the solution's build in the same configuration as the running tests (test.sh builds it).</summary>
    public static string AppDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)); // .../bin/<Configuration>/<tfm>
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Lottery.sln")))
        {
            root = root.Parent;
        }

        var dll = root is null ? null : Path.Combine(root.FullName, "Lottery.Web", "bin", configuration, framework, "Lottery.Web.dll");
        return dll is not null && File.Exists(dll)
            ? dll
            : throw new InvalidOperationException($"Lottery.Web.dll was not found ({dll ?? "no Lottery.sln above " + output.FullName}): build the solution first (./test.sh does).");
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 40 && output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.HoldsAsync(async () =>
        {
            if (_process.HasExited)
            {
                Assert.Fail($"The app exited with code {_process.ExitCode} while starting:\n{OutputTail()}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("/health/ready", UriKind.Relative));
                return response.IsSuccessStatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false; // not listening yet, or slow to answer while starting
            }
        }, $"the app at {BaseAddress} reported ready", StartTimeout);
    }
}
