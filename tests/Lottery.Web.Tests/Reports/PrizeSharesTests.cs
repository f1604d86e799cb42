using Bunit;
using Lottery.Web.Components.Pages.Reports;
using Lottery.Web.Features.Reports;
using Lottery.Web.Tests.Support;

namespace Lottery.Web.Tests.Reports;

/// <summary>"Prizes issued vs stock" as shares of each prize's stock: 5,000 points and 5 phones on one axis, counts beside them.</summary>
public sealed class PrizeSharesTests : MudTestContext
{
    private static readonly PrizeRow[] Prizes =
    [
        new("100 points", Stock: 5_000, IssuedInRange: 300, IssuedTotal: 1_200, Remaining: 3_800),
        new("Smartphone", Stock: 5, IssuedInRange: 1, IssuedTotal: 1, Remaining: 4),
        new("Coffee voucher", Stock: 150, IssuedInRange: 0, IssuedTotal: 1, Remaining: 149),
        new("Sticker (no stock yet)", Stock: 0, IssuedInRange: 0, IssuedTotal: 0, Remaining: 0),
    ];

    [Fact]
    public void Issued_is_a_percentage_of_each_prizes_own_stock()
    {
        var shares = PrizeShares.Of(Prizes);

        Assert.Equal([24.0, 20.0, 0.7, 0.0], shares.Select(s => s.Percent));
        Assert.Equal(["24 %", "20 %", "0.7 %", "0 %"], shares.Select(s => s.PercentText));
        Assert.Equal(["1,200 of 5,000", "1 of 5", "1 of 150", "0 of 0"], shares.Select(s => s.Counts));
    }

    [Fact]
    public void The_prizes_chart_plots_the_shares_and_labels_them_with_the_counts_and_the_table_has_both()
    {
        var prizes = Render<ReportPrizes>(p => p.Add(r => r.Prizes, Prizes));

        var chart = prizes.FindComponent<MudBlazor.MudChart<double>>().Instance;
        Assert.Equal([24.0, 20.0, 0.7, 0.0], Assert.Single(chart.ChartSeries).Data.Values);
        Assert.Equal(["100 points (1,200 of 5,000)", "Smartphone (1 of 5)", "Coffee voucher (1 of 150)", "Sticker (no stock yet) (0 of 0)"], chart.ChartLabels);
        var rows = prizes.FindAll("[data-testid=grid-prizes] tbody tr");
        Assert.Equal(["100 points", "5,000", "300", "1,200", "24 %", "3,800"], rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Contains("100 points 24 % (1,200 of 5,000)", prizes.Find("[data-testid=chart-prizes] figcaption").TextContent, StringComparison.Ordinal);
    }
}
