using Bunit;
using Lottery.Domain.Prizes;
using Lottery.Web.Components.Pages.Admin.Prizes;
using Lottery.Web.Features.Catalogue;
using Lottery.Web.Tests.Support;
using Microsoft.AspNetCore.Components;

namespace Lottery.Web.Tests.Review;

/// <summary>The catalogue's prize form sets the high-value switch, labelled in words, and shows it to those who cannot edit.</summary>
public sealed class HighValueFormTests : MudTestContext
{
    private static readonly PrizeRow Bike = new(Guid.NewGuid(), "E-bike", PrizeKind.Physical, null, 900m, null, null,
        Available: 2, Reserved: 0, Issued: 0, CodesUnused: 0, CodesUsed: 0, IsHighValue: true);

    public HighValueFormTests() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    [Fact]
    public void Ticking_high_value_sends_it_with_the_prize()
    {
        PrizeForm? sent = null;
        var form = Render<PrizeDetailsForm>(p => p.Add(f => f.CanEdit, true).Add(f => f.OnSave, (PrizeForm f) => sent = f));
        var box = form.Find("input[type=checkbox][data-testid=prize-high-value]");
        Assert.Contains("High-value prize: only players who confirmed their identity can claim it", box.Closest("label")!.TextContent, StringComparison.Ordinal);

        form.Find("input[data-testid=prize-name]").Input("E-bike");
        form.Find("input[type=checkbox][data-testid=prize-high-value]").Change(true);
        form.Find("[data-testid=prize-form]").Submit();

        Assert.Equal(new PrizeForm("E-bike", PrizeKind.Physical, null, 0m, null, 0, HighValue: true), sent);
    }

    [Fact]
    public void An_existing_high_value_prize_opens_ticked_and_reads_so_for_viewers()
    {
        var editor = Render<PrizeDetailsForm>(p => p.Add(f => f.CanEdit, true).Add(f => f.Prize, Bike));
        Assert.True(editor.Find("input[type=checkbox][data-testid=prize-high-value]").HasAttribute("checked"));

        var viewer = Render<PrizeDetailsForm>(p => p.Add(f => f.CanEdit, false).Add(f => f.Prize, Bike));
        Assert.Equal("Yes: only players who confirmed their identity can claim it", viewer.Find("[data-testid=prize-high-value-fact]").TextContent);
    }
}
