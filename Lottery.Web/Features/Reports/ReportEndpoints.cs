using Lottery.Web.Extensions;
using Lottery.Web.Features.Board;
using Lottery.Web.Features.Review;
using Lottery.Web.Features.Winners;

namespace Lottery.Web.Features.Reports;

/// <summary>Manager results: live boards, reports and winners. Registered and mapped together from Program.</summary>
public static class ResultsRegistration
{
    public static IServiceCollection AddLiveResults(this IServiceCollection services)
    {
        services.AddLiveBoards();
        services.AddScoped<ReportQueries>();
        services.AddScoped<WinnerQueries>();
        services.AddScoped<WinnerCommands>();
        services.AddWinReviews();
        return services;
    }

    /// <summary>The board hub and screen, and the CSV downloads of the staff pages (cookie sign-in, tenant-scoped).</summary>
    public static WebApplication MapLiveResults(this WebApplication app)
    {
        app.MapLiveBoards();
        app.MapGet("/reports/{activityId:guid}/{table}.csv", ReportCsvAsync).RequireAuthorization(Policies.Staff).ExcludeFromDescription();
        app.MapGet("/activities/{activityId:guid}/winners.csv", WinnersCsvAsync).RequireAuthorization(Policies.Staff).ExcludeFromDescription();
        return app;
    }

    /// <summary>One report table; <c>from</c>/<c>to</c> are UTC days (yyyy-MM-dd), defaulting to the activity's whole life.</summary>
    private static async Task<IResult> ReportCsvAsync(Guid activityId, string table, DateOnly? from, DateOnly? to, ReportQueries reports,
        CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ReportTable>(table, ignoreCase: true, out var which))
        {
            return Results.NotFound();
        }

        var activity = (await reports.ActivitiesAsync(cancellationToken)).FirstOrDefault(a => a.Id == activityId);
        if (activity is null)
        {
            return Results.NotFound();
        }

        var range = ReportRanges.Clamp(activity, from, to);
        var report = await reports.ReportAsync(activityId, range, cancellationToken);
        if (report is null)
        {
            return Results.NotFound();
        }

        var name = $"{which.ToString().ToLowerInvariant()}-{activityId:N}-{range.From:yyyyMMdd}-{range.To:yyyyMMdd}.csv";
        return CsvText.File(ReportCsv.Write(report, which), name);
    }

    private static async Task<IResult> WinnersCsvAsync(Guid activityId, HttpContext http, WinnerQueries winners, CancellationToken cancellationToken)
    {
        var personal = BoardAccess.CanControl(http.User);
        var lines = await winners.ListAsync(activityId, new WinnerFilter(), personal, cancellationToken);
        return lines is null
            ? Results.NotFound()
            : CsvText.File(WinnerQueries.ToCsv(lines), $"winners-{activityId:N}.csv");
    }
}

public static class ReportRanges
{
    /// <summary>The range asked for, defaulting to the activity's life and never longer than <see cref="MaxDays"/> days.</summary>
    public static ReportRange Clamp(ReportActivity activity, DateOnly? from, DateOnly? to)
    {
        var start = from ?? DateOnly.FromDateTime(activity.StartsAt.UtcDateTime);
        var end = to ?? DateOnly.FromDateTime(activity.EndsAt.UtcDateTime);
        if (end < start)
        {
            (start, end) = (end, start);
        }

        return new ReportRange(start, end.DayNumber - start.DayNumber >= MaxDays ? start.AddDays(MaxDays - 1) : end);
    }

    public const int MaxDays = 366;
}
