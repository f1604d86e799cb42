using Lottery.Domain.Activities;
using Lottery.Web.Features.Reports;

namespace Lottery.Web.Tests.Reports;

/// <summary>Reports open on the campaign a manager is watching: the running one, not the newest one that has not started.</summary>
public sealed class ReportDefaultActivityTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reports_open_on_the_running_campaign_even_when_a_newer_one_has_not_started()
    {
        var ended = Activity("Autumn", -30, ActivityStatus.Ended);
        var running = Activity("Winter", -2, ActivityStatus.Running);
        var tomorrow = Activity("New year", 1, ActivityStatus.Published);

        Assert.Equal(running, ReportActivity.Default([tomorrow, running, ended], Now));
    }

    [Fact]
    public void Without_a_running_campaign_reports_open_on_a_paused_one_then_the_last_that_started_then_the_next_to_start()
    {
        var ended = Activity("Autumn", -30, ActivityStatus.Ended);
        var paused = Activity("Winter", -40, ActivityStatus.Paused);
        var tomorrow = Activity("New year", 1, ActivityStatus.Published);
        var later = Activity("Spring", 60, ActivityStatus.Published);

        Assert.Equal(paused, ReportActivity.Default([tomorrow, ended, paused], Now));
        Assert.Equal(ended, ReportActivity.Default([later, tomorrow, ended], Now));
        Assert.Equal(tomorrow, ReportActivity.Default([later, tomorrow], Now));
        Assert.Null(ReportActivity.Default([], Now));
    }

    private static ReportActivity Activity(string name, int startsInDays, ActivityStatus status) =>
        new(Guid.NewGuid(), name, Now.AddDays(startsInDays), Now.AddDays(startsInDays + 20), status);
}
