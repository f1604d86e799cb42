using Lottery.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Lottery.Web.Endpoints;

public static class HealthEndpoints
{
    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the database (and Redis, when configured) answer and
    /// the start-up warm-up has finished (<see cref="Warmup.StartupWarmup"/>: 503 "warming up" until then).
    /// </summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(DependencyInjection.ReadyTag),
            ResponseWriter = HealthResponse.WriteAsync,
        });
        return app;
    }
}

internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
}
