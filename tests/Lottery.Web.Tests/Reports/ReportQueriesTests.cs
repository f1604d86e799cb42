using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CsvHelper;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Reports;
using Lottery.Web.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Web.Tests.Reports;

/// <summary>Reports over known data: four players from three channels, seven draws, two shares.</summary>
public sealed class ReportQueriesTests(EmbeddedSqliteApi api) : IClassFixture<EmbeddedSqliteApi>
{
    [Fact]
    public async Task Report_counts_draws_wins_players_channels_prizes_and_tasks_and_agrees_with_the_stats_api()
    {
        var (tenant, activity, report) = await SeedAndReportAsync();

        var stats = await ApiSteps.StatsAsync(tenant, activity);
        Assert.Equal((7, 7, 4), (report.Draws, report.Wins, report.Players));
        Assert.Equal((stats.GetProperty("draws").GetInt32(), stats.GetProperty("wins").GetInt32(), stats.GetProperty("players").GetInt32()),
            (report.Draws, report.Wins, report.Players));

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(new DayRow(today, 7, 7, 4), report.Days.Single(d => d.Day == today));
        Assert.All(report.Days.Where(d => d.Day != today), d => Assert.Equal(0, d.Draws));
        Assert.Equal(7, report.Hours.Sum(h => h.Draws));
        Assert.Equal(
            [new ChannelRow("qr", 2, 4, 4), new ChannelRow("direct", 1, 1, 1), new ChannelRow("share", 1, 2, 2)],
            report.Channels);
        var prize = Assert.Single(report.Prizes);
        Assert.Equal(new PrizeRow(prize.Prize, 100, 7, 7, 93), prize);
        Assert.Equal([new TaskRow("Shares", 2, 2, 2, 0.5)], report.Tasks);
    }

    [Fact]
    public async Task Each_report_table_exported_as_csv_reads_back_to_the_same_rows()
    {
        var (_, _, report) = await SeedAndReportAsync();

        Assert.Equal(report.Days, Read<DayRow>(ReportCsv.Write(report, ReportTable.Days)));
        Assert.Equal(report.Hours, Read<HourRow>(ReportCsv.Write(report, ReportTable.Hours)));
        Assert.Equal(report.Channels, Read<ChannelRow>(ReportCsv.Write(report, ReportTable.Channels)));
        Assert.Equal(report.Prizes, Read<PrizeRow>(ReportCsv.Write(report, ReportTable.Prizes)));
        Assert.Equal(report.Tasks, Read<TaskRow>(ReportCsv.Write(report, ReportTable.Tasks)));
        Assert.StartsWith("Day,Draws,Wins,Players", ReportCsv.Write(report, ReportTable.Days), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_range_before_the_draws_counts_nothing_but_still_lists_its_days()
    {
        var (_, activity, _) = await SeedAndReportAsync();
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

        var report = await ReportAsync(activity, new ReportRange(yesterday.AddDays(-2), yesterday));

        Assert.Equal((0, 0, 0), (report.Draws, report.Wins, report.Players));
        Assert.Equal(3, report.Days.Count);
        Assert.Empty(report.Channels);
        Assert.Equal(0, report.Prizes.Single().IssuedInRange);
        Assert.Equal(7, report.Prizes.Single().IssuedTotal);
    }

    private static List<T> Read<T>(string csv)
    {
        using var reader = CsvReader.FromText(csv, null);
        return [.. reader.GetRecords<T>()];
    }

    private async Task<(HttpClient Tenant, Guid Activity, ActivityReport Report)> SeedAndReportAsync()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(stock: 100, chances: 3,
            tasks: [new { kind = "share", chances = 1, maxPerDay = 1 }]));
        var a = await PlayerAsync(source: "qr");
        var b = await PlayerAsync(source: "QR ");
        var c = await PlayerAsync(utmSource: "share");
        var d = await PlayerAsync();
        _ = await PlayerAsync(source: "qr"); // opened the page, never drew: not a player of the activity
        foreach (var (player, draws) in new[] { (a, 3), (b, 1), (c, 2), (d, 1) })
        {
            for (var i = 0; i < draws; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(player, activity)).StatusCode);
            }
        }

        foreach (var player in new[] { c, d })
        {
            Assert.Equal(HttpStatusCode.OK, (await player.PostAsync($"/api/activities/{activity}/tasks/share", null)).StatusCode);
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return (tenant, activity, await ReportAsync(activity, new ReportRange(today.AddDays(-1), today.AddDays(1))));
    }

    private async Task<ActivityReport> ReportAsync(Guid activity, ReportRange range)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var tenantId = await api.QueryAsync(db => db.Activities.IgnoreQueryFilters().Where(x => x.Id == activity).Select(x => x.TenantId).SingleAsync());
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(tenantId);
        var report = await scope.ServiceProvider.GetRequiredService<ReportQueries>().ReportAsync(activity, range, CancellationToken.None);
        return Assert.IsType<ActivityReport>(report);
    }

    private async Task<HttpClient> PlayerAsync(string? source = null, string? utmSource = null)
    {
        var client = api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var url = utmSource is null ? "/api/player/sessions" : $"/api/player/sessions?utm_source={utmSource}";
        var response = await client.PostAsJsonAsync(url, source is null ? new object() : new { source });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var session = await response.Content.ReadFromJsonAsync<LotteryApiFactory.SessionCreated>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session!.Token);
        return client;
    }
}
