using Bunit;
using Lottery.Domain.Activities;
using Lottery.Web.Components.Admin;
using Lottery.Web.Features.Activities;
using Lottery.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Lottery.Web.Tests.Components;

public sealed class ActivityTableTests : MudTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static readonly ActivitySummary Draft = Summary("Summer draft", ActivityKind.Instant, ActivityStatus.Draft);
    private static readonly ActivitySummary Wheel = Summary("Lucky Wheel", ActivityKind.Instant, ActivityStatus.Running);
    private static readonly ActivitySummary Giveaway = Summary("Weekend Giveaway", ActivityKind.Scheduled, ActivityStatus.Open);
    private static readonly ActivitySummary OtherWheel = Summary("Autumn wheel", ActivityKind.Instant, ActivityStatus.Running);
    private static readonly ActivitySummary Design = new(Guid.NewGuid(), "Spring design", ActivityKind.Instant, ActivityStatus.Draft, null, null, null, 1, 20, 0, Unpublished: true);

    public ActivityTableTests()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void Status_chips_count_each_status_and_filter_the_rows()
    {
        var table = RenderTable(canEdit: true);

        Assert.Equal(4, Rows(table).Count);
        Assert.Equal(["all", "Draft", "Running", "Open"], table.FindAll("[data-testid=status-chips] button").Select(b => b.GetAttribute("data-status")));
        Assert.Equal("4", Count(table, "all"));
        Assert.Equal("2", Count(table, "Running"));
        // Counts speak the product's one colour language: running is green, a draft grey.
        Assert.Contains("tone-success", Chip(table, "Running").QuerySelector("[data-testid=status-count]")!.ClassName, StringComparison.Ordinal);
        Assert.Contains("tone-neutral", Chip(table, "Draft").QuerySelector("[data-testid=status-count]")!.ClassName, StringComparison.Ordinal);

        Chip(table, "Running").Click();

        Assert.Equal(["Lucky Wheel", "Autumn wheel"], Names(table));
        Assert.Equal("true", Chip(table, "Running").GetAttribute("aria-pressed"));

        Chip(table, "all").Click();
        Assert.Equal(4, Rows(table).Count);
    }

    [Fact]
    public void Kind_filter_and_search_combine()
    {
        var table = RenderTable(canEdit: true);

        table.Find("[data-testid=kind-filter] button[data-kind=Scheduled]").Click();
        Assert.Equal(["Weekend Giveaway"], Names(table));
        // The chips count only the chosen kind.
        Assert.Equal("1", Count(table, "all"));

        table.Find("[data-testid=kind-filter] button[data-kind=Instant]").Click();
        table.Find("[data-testid=activity-search]").Input("WHEEL");
        Assert.Equal(["Lucky Wheel", "Autumn wheel"], Names(table));

        table.Find("[data-testid=activity-search]").Input("nothing like this");
        Assert.Empty(Rows(table));
        Assert.Equal("No activities match your search and filters.", table.Find("[data-testid=activity-empty]").TextContent.Trim());
    }

    [Fact]
    public void A_marketer_gets_the_create_menu_duplicate_on_every_row_and_delete_only_on_drafts()
    {
        var popovers = Render<MudPopoverProvider>();
        var table = RenderTable(canEdit: true);

        Assert.Empty(popovers.FindAll("a[href^='/admin/activities/new']"));
        table.Find("[data-testid=create-menu] button").Click();
        Assert.Equal(
            ["/admin/activities/new", "/admin/activities/new?template=daily-spin", "/admin/activities/new?template=festival-wheel", "/admin/activities/new?template=scheduled-giveaway"],
            popovers.FindAll("a[href^='/admin/activities/new']").Select(a => a.GetAttribute("href")));
        Assert.Contains("Festival wheel", popovers.Find("a[href$='festival-wheel']").TextContent, StringComparison.Ordinal);
        Assert.Equal(4, table.FindAll("[data-testid=duplicate]").Count);
        var delete = Assert.Single(table.FindAll("[data-testid=delete]"));
        Assert.Equal("Delete draft Summer draft", delete.GetAttribute("aria-label"));
    }

    [Fact]
    public void A_manager_sees_the_list_and_its_links_but_no_create_duplicate_or_delete()
    {
        var table = RenderTable(canEdit: false);

        Assert.Equal(4, Rows(table).Count);
        Assert.Empty(table.FindAll("[data-testid=create-menu]"));
        Assert.Empty(table.FindAll("[data-testid=duplicate]"));
        Assert.Empty(table.FindAll("[data-testid=delete]"));
        Assert.Contains(table.FindAll("a"), a => a.GetAttribute("href") == $"/board/{Wheel.Id}");
        Assert.Contains(table.FindAll("a"), a => a.GetAttribute("href") == $"/activities/{Wheel.Id}/winners");
        Assert.Contains(table.FindAll("a"), a => a.GetAttribute("href") == $"/admin/activities/{Wheel.Id}");
    }

    [Fact]
    public void Duplicate_and_delete_hand_the_row_to_the_page_and_a_row_click_opens_the_activity()
    {
        ActivitySummary? duplicated = null;
        ActivitySummary? deleted = null;
        var table = Render<ActivityTable>(p => p
            .Add(t => t.Activities, [Draft, Wheel])
            .Add(t => t.CanEdit, true)
            .Add(t => t.OnDuplicate, (ActivitySummary a) => duplicated = a)
            .Add(t => t.OnDelete, (ActivitySummary a) => deleted = a));

        table.Find($"[data-testid=duplicate][aria-label='Duplicate {Wheel.Name}']").Click();
        table.Find("[data-testid=delete]").Click();
        Rows(table)[1].QuerySelector("td")!.Click();

        Assert.Equal(Wheel, duplicated);
        Assert.Equal(Draft, deleted);
        Assert.EndsWith($"/admin/activities/{Wheel.Id}", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_the_circuit_is_up_the_filters_are_disabled()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var table = RenderTable(canEdit: true);

        Assert.True(table.Find("[data-testid=status-chips] button").HasAttribute("disabled"));
        Assert.True(table.Find("[data-testid=kind-filter] button").HasAttribute("disabled"));
        Assert.All(table.FindAll("[data-testid=duplicate]"), b => Assert.True(b.HasAttribute("disabled")));
    }

    [Fact]
    public void An_unpublished_design_is_a_draft_row_counted_searchable_and_deletable_without_player_board_or_winner_links()
    {
        ActivitySummary? duplicated = null;
        ActivitySummary? deleted = null;
        var table = Render<ActivityTable>(p => p
            .Add(t => t.Activities, [Draft, Wheel, Design])
            .Add(t => t.CanEdit, true)
            .Add(t => t.OnDuplicate, (ActivitySummary a) => duplicated = a)
            .Add(t => t.OnDelete, (ActivitySummary a) => deleted = a));

        Assert.Equal("2", Count(table, "Draft"));
        Chip(table, "Draft").Click();
        Assert.Equal(["Spring design", "Summer draft"], Names(table).Order(StringComparer.Ordinal));
        table.Find("[data-testid=activity-search]").Input("spring");
        var row = Assert.Single(Rows(table));

        Assert.Contains("not published yet", row.QuerySelector(".kind")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/admin/activities/{Design.Id}", row.QuerySelector(".activity-name")!.GetAttribute("href"));
        Assert.Equal(2, row.QuerySelectorAll(".unset").Length);
        Assert.DoesNotContain(row.QuerySelectorAll("a"), a => a.GetAttribute("href")!.Contains("/board/", StringComparison.Ordinal)
            || a.GetAttribute("href")!.Contains("/winners", StringComparison.Ordinal) || a.GetAttribute("href")!.StartsWith("/play/", StringComparison.Ordinal));
        table.Find("[data-testid=duplicate]").Click();
        table.Find("[data-testid=delete]").Click();
        Assert.Equal(Design, duplicated);
        Assert.Equal(Design, deleted);
    }

    private IRenderedComponent<ActivityTable> RenderTable(bool canEdit) =>
        Render<ActivityTable>(p => p.Add(t => t.Activities, [Draft, Wheel, Giveaway, OtherWheel]).Add(t => t.CanEdit, canEdit));

    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<ActivityTable> table) =>
        table.FindAll("[data-testid=activity-grid] tr.activity-row");

    private static IEnumerable<string> Names(IRenderedComponent<ActivityTable> table) =>
        Rows(table).Select(r => r.QuerySelector(".activity-name")!.TextContent);

    private static string Count(IRenderedComponent<ActivityTable> table, string status) =>
        Chip(table, status).QuerySelector("[data-testid=status-count]")!.TextContent.Trim();

    private static AngleSharp.Dom.IElement Chip(IRenderedComponent<ActivityTable> table, string status) =>
        table.Find($"[data-testid=status-chips] button[data-status={status}]");

    private static ActivitySummary Summary(string name, ActivityKind kind, ActivityStatus status) =>
        new(Guid.NewGuid(), name, kind, status, Now.AddDays(-1), Now.AddDays(7), kind == ActivityKind.Scheduled ? Now.AddDays(6) : null, 2, 100, 10);
}
