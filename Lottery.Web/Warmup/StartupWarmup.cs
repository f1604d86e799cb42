using System.Diagnostics;
using Lottery.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Lottery.Web.Warmup;

/// <summary>
/// Section <c>Warmup</c>: whether a starting node runs the app's hot paths once before it reports ready, and for how long
/// at most (docs/decisions/023-cold-start.md).
/// </summary>
public sealed class WarmupOptions
{
    public const string Section = "Warmup";

    /// <summary>Off: <c>/health/ready</c> does not wait for a warm-up (the first visitors pay for the JIT instead).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The longest the warm-up may hold readiness back; after that the node reports ready anyway.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>One part of the warm-up: runs once at start-up; an exception is logged, and the next step still runs.</summary>
public interface IWarmupStep
{
    /// <summary>What the log calls this step.</summary>
    string Name { get; }

    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>Whether the start-up warm-up is still running; read by <see cref="WarmupHealthCheck"/>.</summary>
public sealed class WarmupState
{
    private readonly TaskCompletionSource<string> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsFinished => _finished.Task.IsCompleted;

    /// <summary>How it ended, in words, once it has (for <c>/health/ready</c>).</summary>
    public string? Outcome => IsFinished ? _finished.Task.Result : null;

    /// <summary>Completes when the warm-up has finished, failed or timed out.</summary>
    public Task<string> Finished => _finished.Task;

    internal void Finish(string outcome) => _finished.TrySetResult(outcome);
}

/// <summary>
/// Once the server listens, runs every <see cref="IWarmupStep"/> in turn (bounded by <see cref="WarmupOptions.Timeout"/>),
/// so that .NET compiles the code of the first requests (EF Core's model and queries, the sign-in, the staff pages'
/// components) before a load balancer sends visitors. Until then <c>/health/ready</c> answers 503 "warming up";
/// <c>/health/live</c> does not wait. A step that fails is logged and skipped: the node becomes ready regardless.
/// </summary>
public sealed partial class StartupWarmup(
    IEnumerable<IWarmupStep> steps,
    WarmupState state,
    IOptions<WarmupOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<StartupWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            state.Finish("off");
            return;
        }

        // The HTTP step needs the server listening; the hosted services start before it does.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.Timeout);
        var total = Stopwatch.StartNew();
        var failed = new List<string>();
        foreach (var step in steps)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                await step.RunAsync(timeout.Token);
                LogStep(logger, step.Name, watch.ElapsedMilliseconds);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                LogTimedOut(logger, step.Name, options.Value.Timeout.TotalSeconds);
                failed.Add(step.Name + " (timed out)");
                break;
            }
#pragma warning disable CA1031 // A warm-up that fails must not stop the node: it only serves its first visitors slower.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(logger, e, step.Name);
                failed.Add(step.Name);
            }
        }

        LogFinished(logger, total.ElapsedMilliseconds);
        state.Finish(failed.Count == 0
            ? $"warmed up in {total.ElapsedMilliseconds} ms"
            : $"warmed up in {total.ElapsedMilliseconds} ms; failed (see the log): {string.Join(", ", failed)}");
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Warm-up step {Step} took {Milliseconds} ms")]
    private static partial void LogStep(ILogger logger, string step, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up step {Step} failed; the node becomes ready without it")]
    private static partial void LogFailed(ILogger logger, Exception exception, string step);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up stopped at step {Step} after {Seconds} s (Warmup:Timeout); the node becomes ready anyway")]
    private static partial void LogTimedOut(ILogger logger, string step, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up finished in {Milliseconds} ms")]
    private static partial void LogFinished(ILogger logger, long milliseconds);
}

/// <summary>Part of <c>/health/ready</c>: Unhealthy ("warming up") until the start-up warm-up has finished.</summary>
public sealed class WarmupHealthCheck(WarmupState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.Outcome is { } outcome ? HealthCheckResult.Healthy(outcome) : HealthCheckResult.Unhealthy("warming up"));
}

public static class WarmupExtensions
{
    /// <summary>The start-up warm-up, its steps and its readiness check ("warmup", tagged ready).</summary>
    public static IHostApplicationBuilder AddStartupWarmup(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WarmupOptions>().Bind(builder.Configuration.GetSection(WarmupOptions.Section))
            .Validate(o => o.Timeout > TimeSpan.Zero, "Warmup:Timeout must be positive.").ValidateOnStart();
        services.AddSingleton<WarmupState>();
        services.AddSingleton<IWarmupStep, DatabaseWarmup>();
        services.AddSingleton<IWarmupStep, ReportRenderingWarmup>();
        services.AddSingleton<IWarmupStep, PipelineWarmup>();
        services.AddHostedService<StartupWarmup>();
        services.AddHealthChecks().AddCheck<WarmupHealthCheck>("warmup", tags: [DependencyInjection.ReadyTag]);
        return builder;
    }
}
