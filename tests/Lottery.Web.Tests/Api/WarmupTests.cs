using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Lottery.Web.Warmup;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Lottery.Web.Tests.Api;

/// <summary>
/// The start-up warm-up (docs/decisions/023-cold-start.md): <c>/health/ready</c> answers 503 "warming up" until it has
/// run, <c>/health/live</c> never waits for it, a failing step is logged and the node still becomes ready, and on a real
/// socket every step (database, report rendering, HTTP pipeline) runs without failing on an empty database.
/// </summary>
public sealed class WarmupTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, string> WarmupOn = new() { ["Warmup:Enabled"] = "true" };

    [Fact]
    public async Task Readiness_answers_503_warming_up_until_the_warmup_has_finished_then_200()
    {
        var step = new GatedStep();
        await using var parent = new LotteryApiFactory(StoreMode.EmbeddedSqlite, WarmupOn);
        await using var app = WithStep(parent, step);
        using var client = app.CreateClient();
        await step.Started.WaitAsync(Patience);

        var (status, body) = await GetAsync(client, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("warmup").GetProperty("status").GetString());
        Assert.Equal("warming up", body.GetProperty("checks").GetProperty("warmup").GetProperty("description").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        using (var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        step.Release();
        await app.Services.GetRequiredService<WarmupState>().Finished.WaitAsync(Patience);

        (status, body) = await GetAsync(client, "/health/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.StartsWith("warmed up in", body.GetProperty("checks").GetProperty("warmup").GetProperty("description").GetString(), StringComparison.Ordinal);
        await ((IAsyncLifetime)parent).DisposeAsync();
    }

    [Fact]
    public async Task A_failing_step_is_logged_the_next_step_still_runs_and_the_node_becomes_ready()
    {
        var log = new WarningLog();
        var after = new GatedStep();
        after.Release();
        await using var parent = new LotteryApiFactory(StoreMode.EmbeddedSqlite, WarmupOn);
        await using var app = parent.WithWebHostBuilder(b => b
            .ConfigureLogging(l => l.AddProvider(log))
            .ConfigureServices(s =>
            {
                s.RemoveAll<IWarmupStep>();
                s.AddSingleton<IWarmupStep>(new FailingStep()).AddSingleton<IWarmupStep>(after);
            }));
        using var client = app.CreateClient();

        await app.Services.GetRequiredService<WarmupState>().Finished.WaitAsync(Patience);

        var (status, body) = await GetAsync(client, "/health/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        var description = body.GetProperty("checks").GetProperty("warmup").GetProperty("description").GetString();
        Assert.Contains("failed (see the log): broken step", description, StringComparison.Ordinal);
        Assert.True(after.Started.IsCompletedSuccessfully, "the step after the failing one did not run");
        var warning = Assert.Single(log.Entries, e => e.Message.Contains("broken step", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.IsType<InvalidOperationException>(warning.Exception);
        await ((IAsyncLifetime)parent).DisposeAsync();
    }

    [Fact]
    public async Task A_step_that_outlasts_the_timeout_is_given_up_and_the_node_becomes_ready()
    {
        var stuck = new GatedStep(); // never released: only the timeout ends it
        await using var parent = new LotteryApiFactory(StoreMode.EmbeddedSqlite, new Dictionary<string, string>(WarmupOn) { ["Warmup:Timeout"] = "00:00:01" });
        await using var app = WithStep(parent, stuck);
        using var client = app.CreateClient();

        await app.Services.GetRequiredService<WarmupState>().Finished.WaitAsync(Patience);

        var (status, body) = await GetAsync(client, "/health/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("gated step (timed out)", body.GetProperty("checks").GetProperty("warmup").GetProperty("description").GetString(), StringComparison.Ordinal);
        await ((IAsyncLifetime)parent).DisposeAsync();
    }

    [Fact]
    public async Task On_a_real_socket_every_step_runs_without_failing_on_an_empty_database()
    {
        await using var app = new LotteryApiFactory(StoreMode.EmbeddedSqlite, WarmupOn);
        await app.StartOnKestrelAsync();

        var outcome = await app.Services.GetRequiredService<WarmupState>().Finished.WaitAsync(Patience);

        Assert.StartsWith("warmed up in", outcome, StringComparison.Ordinal);
        Assert.DoesNotContain("failed", outcome, StringComparison.Ordinal);
        Assert.Equal(["database", "report rendering", "HTTP pipeline"], app.Services.GetServices<IWarmupStep>().Select(s => s.Name));
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var (status, _) = await GetAsync(client, "/health/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(app.Errors.All);
        await ((IAsyncLifetime)app).DisposeAsync();
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://localhost:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://[::]:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://+:80", "http://127.0.0.1/")]
    [InlineData("http://[::1]:5000", "http://[::1]:5000/")]
    public void The_pipeline_warmup_calls_the_first_plain_http_address_on_loopback(string address, string expected)
    {
        Assert.Equal(new Uri(expected), PipelineWarmup.LoopbackAddress(["https://0.0.0.0:8443", address]));
    }

    [Fact]
    public void The_pipeline_warmup_has_no_address_to_call_when_the_server_listens_on_https_only()
    {
        Assert.Null(PipelineWarmup.LoopbackAddress(["https://0.0.0.0:8443"]));
        Assert.Null(PipelineWarmup.LoopbackAddress([]));
    }

    private static WebApplicationFactory<Program> WithStep(LotteryApiFactory parent, IWarmupStep step) =>
        parent.WithWebHostBuilder(b => b.ConfigureServices(s => s.RemoveAll<IWarmupStep>().AddSingleton(step)));

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.Clone());
    }

    /// <summary>A step that says when it starts and finishes only when released (or cancelled by the timeout).</summary>
    private sealed class GatedStep : IWarmupStep
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "gated step";

        public Task Started => _started.Task;

        public void Release() => _release.TrySetResult();

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            _started.TrySetResult();
            await _release.Task.WaitAsync(cancellationToken);
        }
    }

    private sealed class FailingStep : IWarmupStep
    {
        public string Name => "broken step";

        public Task RunAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("warm-up step broke");
    }

    private sealed record LogEntry(LogLevel Level, string Message, Exception? Exception);

    /// <summary>Warnings and errors the server logged.</summary>
    private sealed class WarningLog : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<LogEntry> _entries = new();

        public IReadOnlyCollection<LogEntry> Entries => _entries;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                _entries.Enqueue(new LogEntry(logLevel, formatter(state, exception), exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
