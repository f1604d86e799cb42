using Bunit;
using Lottery.Web.Components.Pages.Winners;
using Lottery.Web.Features.Review;
using Lottery.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lottery.Web.Tests.Review;

/// <summary>The winners page's review queue: reasons in words, approve at once, reject only with a reason (asked in a dialog).</summary>
public sealed class ReviewQueueTests : MudTestContext
{
    private static readonly DateTimeOffset Won = new(2026, 12, 6, 9, 30, 0, TimeSpan.Zero);
    private readonly List<ReviewLine> _approved = [];
    private readonly List<(ReviewLine Line, string Note)> _rejected = [];

    public ReviewQueueTests() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    [Fact]
    public void Each_held_win_says_why_who_and_what_and_a_manager_can_approve_it()
    {
        var held = Line("N***h", "noah@example.com");
        var queue = Queue([held, Line("M***a", null, decision: "approved", note: "Checked")], canDecide: true);

        var rows = queue.FindAll("[data-testid=review]");
        Assert.Equal(2, rows.Count);
        Assert.Equal("The same shipping address as another player's claim.", rows[0].QuerySelector("[data-testid=review-reason]")!.TextContent.Trim());
        Assert.Equal("(noah@example.com)", rows[0].QuerySelector("[data-testid=review-email]")!.TextContent.Trim());
        Assert.Contains("Hoodie won by N***h", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Null(rows[1].QuerySelector("[data-testid=review-approve]")); // decided: no buttons, the outcome instead
        Assert.Equal("Approved by manager@example.com: Checked", rows[1].QuerySelector("[data-testid=review-outcome]")!.TextContent.Trim());

        rows[0].QuerySelector("[data-testid=review-approve]")!.Click();

        Assert.Equal([held], _approved);
    }

    [Fact]
    public async Task Reject_asks_for_a_reason_and_sends_nothing_without_one()
    {
        var held = Line("N***h", null);
        var queue = Queue([held], canDecide: true);
        var dialogs = RenderedProvider;

        // The click's handler waits for the dialog's answer: it completes once the dialog closes.
        var asking = queue.Find("[data-testid=review-reject]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=reject-confirm]")));
        await dialogs.Find("[data-testid=reject-confirm]").ClickAsync(new());

        Assert.Empty(_rejected);
        Assert.Contains("Say why the win is rejected.", dialogs.Markup, StringComparison.Ordinal);
        Assert.False(asking.IsCompleted); // still open
        dialogs.Find("textarea").Input("Twenty accounts, one door.");
        await dialogs.Find("[data-testid=reject-confirm]").ClickAsync(new());
        await asking.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal([(held, "Twenty accounts, one door.")], _rejected);
    }

    [Fact]
    public void Others_see_the_queue_without_the_buttons()
    {
        var queue = Queue([Line("N***h", null)], canDecide: false);

        Assert.Empty(queue.FindAll("[data-testid=review-approve], [data-testid=review-reject]"));
        Assert.Equal("A manager decides.", queue.Find("[data-testid=review-managers-only]").TextContent.Trim());
    }

    [Fact]
    public void An_empty_queue_says_so()
    {
        var queue = Queue([], canDecide: true);

        Assert.Equal("No win is waiting for review.", queue.Find("[data-testid=review-empty]").TextContent.Trim());
    }

    private IRenderedComponent<MudDialogProvider> RenderedProvider { get; set; } = default!;

    private IRenderedComponent<ReviewQueue> Queue(IReadOnlyList<ReviewLine> lines, bool canDecide)
    {
        Render<MudPopoverProvider>();
        RenderedProvider = Render<MudDialogProvider>();
        return Render<ReviewQueue>(p => p
            .Add(q => q.Lines, lines)
            .Add(q => q.CanDecide, canDecide)
            .Add(q => q.OnApprove, EventCallback.Factory.Create<ReviewLine>(this, l => _approved.Add(l)))
            .Add(q => q.OnReject, EventCallback.Factory.Create<(ReviewLine, string)>(this, r => _rejected.Add(r))));
    }

    private static ReviewLine Line(string player, string? email, string decision = "pending", string? note = null) => new(
        Guid.NewGuid(), Guid.NewGuid(), "Summer wheel", player, email, "Hoodie", "physical", Won, Won.AddHours(1),
        "The same shipping address as another player's claim.", decision, note, decision == "pending" ? null : "manager@example.com",
        decision == "pending" ? null : Won.AddHours(2));
}
