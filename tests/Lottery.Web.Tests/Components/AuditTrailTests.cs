using Bunit;
using Lottery.Web.Components.Admin;
using Lottery.Web.Extensions;
using Lottery.Web.Features.Audit;
using Lottery.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lottery.Web.Tests.Components;

public sealed class AuditTrailTests : MudTestContext
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);
    private static readonly Guid Voucher = Guid.Parse("01a2b3c4-0000-7000-8000-000000000001");
    private static readonly Guid Wheel = Guid.Parse("01a2b3c4-0000-7000-8000-000000000002");
    private static readonly Guid Gold = Guid.Parse("01a2b3c4-0000-7000-8000-000000000003");
    private static readonly Guid Win = Guid.Parse("01a2b3c4-0000-7000-8000-000000000004");

    private static readonly AuditNames Names = new(
        new Dictionary<Guid, string> { [Voucher] = "Coffee voucher", [Wheel] = "Lucky Wheel", [Gold] = "Gold tier", [Win] = "Coffee voucher won by Mia" },
        new Dictionary<string, string> { ["marketer@demo.local"] = "Mia Marketer" });

    public AuditTrailTests()
    {
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<ViewerTimeZone>();
    }

    [Fact]
    public void Diff_lists_changed_added_and_removed_fields_by_path_and_leaves_out_equal_ones()
    {
        var changes = AuditDiff.Compute(
            """{"status":"Draft","tiers":[{"p":0.1},{"p":0.2}],"name":"Same","gone":"x"}""",
            """{"status":"Running","tiers":[{"p":0.1},{"p":0.25}],"name":"Same","new":3}""");

        Assert.Equal(
            [new AuditChange("status", "Draft", "Running"), new AuditChange("tiers[1].p", "0.2", "0.25"),
             new AuditChange("gone", "x", null), new AuditChange("new", null, "3")],
            changes);
    }

    [Fact]
    public void Diff_of_a_creation_lists_every_field_as_added_and_text_that_is_not_json_is_kept()
    {
        Assert.Equal([new AuditChange("total", null, "12")], AuditDiff.Compute(null, """{"total":12}"""));
        Assert.Equal([new AuditChange("value", "plain words", null)], AuditDiff.Compute("plain words", null));
        Assert.Empty(AuditDiff.Compute("""{"a":1}""", """{"a":1}"""));
    }

    [Theory]
    [InlineData("win.ship", "Marked shipped")]
    [InlineData("win.deliver", "Marked delivered")]
    [InlineData("activity.publish", "Published")]
    [InlineData("prize.stock", "Stock changed")]
    [InlineData("custom.thing", "Custom thing")]
    [InlineData("win.shipBulk_v2", "Win ship bulk v2")]
    [InlineData("", "Unnamed action")]
    [InlineData("...", "...")]
    public void Actions_read_as_words_and_unknown_keys_fall_back_to_a_readable_form(string action, string words)
    {
        Assert.Equal(words, AuditText.Label(action));
    }

    [Fact]
    public void A_new_version_says_which_version_it_published_or_started()
    {
        Assert.Equal("Published version 3", AuditText.Action("activity.version.publish", AuditDiff.Compute("""{"version":2}""", """{"version":3}""")));
        Assert.Equal("Started editing version 2", AuditText.Action("activity.version.start", AuditDiff.Compute("""{"version":1}""", """{"version":2,"status":"draft"}""")));
        Assert.Equal("New version published", AuditText.Action("activity.version.publish", []));
    }

    [Fact]
    public void Fields_name_list_items_and_ids_by_what_they_refer_to_instead_of_showing_ids()
    {
        var before = """{"status":"Draft"}""";
        var after = $$"""{"status":"Scheduled","reserved":[{"PrizeId":"{{Voucher}}","Allocated":100}],"CopiedFrom":"{{Wheel}}","CopiedFromName":"Lucky Wheel"}""";

        var fields = AuditText.Fields(AuditDiff.Compute(before, after), Names, AuditDiff.Flatten(before), AuditDiff.Flatten(after));

        Assert.Equal(
            [("Status", "Draft", "Scheduled"), ("Reserved › Coffee voucher › Units", null, "100"), ("Copied from", null, "Lucky Wheel")],
            fields.Select(f => (f.Label, f.Before?.Text, f.After?.Text)));
        Assert.DoesNotContain(fields, f => f.Label.Contains("no.", StringComparison.Ordinal) || (f.After?.Text ?? "").Contains(Voucher.ToString()[..8], StringComparison.Ordinal));
    }

    [Fact]
    public void A_changed_field_of_a_list_item_is_named_by_the_items_unchanged_name()
    {
        var before = """{"Tiers":[{"Name":"Gold","Probability":0.1},{"Name":"Silver","Probability":0.2}]}""";
        var after = """{"Tiers":[{"Name":"Gold","Probability":0.1},{"Name":"Silver","Probability":0.25}]}""";

        var field = Assert.Single(AuditText.Fields(AuditDiff.Compute(before, after), Names, AuditDiff.Flatten(before), AuditDiff.Flatten(after)));

        Assert.Equal(("Tiers › Silver › Chance", "20 %", "25 %"), (field.Label, field.Before?.Text, field.After?.Text));
    }

    [Fact]
    public void Values_become_words_names_and_moments_and_unknown_ids_never_show_as_ids()
    {
        Assert.Equal("Pending claim", AuditText.Value("status", "PendingClaim", Names)?.Text);
        Assert.Equal("No prize", AuditText.Value("kind", "noPrize", Names)?.Text);
        Assert.Equal("Yes", AuditText.Value("IsConsolation", "true", Names)?.Text);
        Assert.Equal("Coffee voucher won by Mia", AuditText.Value("winId", Win.ToString(), Names)?.Text);
        Assert.Equal("no longer available", AuditText.Value("PlayerId", Guid.NewGuid().ToString(), Names)?.Text);
        var shipped = AuditText.Value("shippedAt", "2026-11-22T09:30:00+00:00", Names);
        Assert.Equal(At, shipped?.At);
        Assert.Equal("TRACK-1", AuditText.Value("trackingNumber", "TRACK-1", Names)?.Text);
    }

    [Fact]
    public void Each_entry_shows_who_what_when_in_words_and_a_before_after_diff()
    {
        var rows = new[]
        {
            new AuditRow(Guid.NewGuid(), At, "marketer@demo.local", "prize.stock", null, Voucher, "Coffee voucher",
                AuditDiff.Compute("""{"available":50,"reserved":150,"total":200}""", """{"available":60,"reserved":150,"total":210}"""))
            {
                ActorName = Names.Person("marketer@demo.local"),
            },
            new AuditRow(Guid.NewGuid(), At.AddMinutes(-5), "system", "custom.thing", Guid.NewGuid(), null, null, []),
        };

        var trail = Render<AuditTrail>(p => p.Add(t => t.Rows, rows).Add(t => t.ShowSubject, true));

        var entries = trail.FindAll("[data-testid=audit-entry]");
        Assert.Equal(2, entries.Count);
        Assert.Equal("Stock changed", entries[0].QuerySelector(".action")!.TextContent);
        Assert.Equal("Mia Marketer", entries[0].QuerySelector("[data-testid=audit-actor]")!.TextContent);
        Assert.Equal("marketer@demo.local", entries[0].QuerySelector("[data-testid=audit-actor]")!.GetAttribute("title"));
        Assert.Equal("2026-11-22T09:30:00.0000000+00:00", entries[0].QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal($"/admin/prizes/{Voucher}", entries[0].QuerySelector("a.subject")!.GetAttribute("href"));
        var changes = entries[0].QuerySelectorAll("[data-testid=audit-change]");
        Assert.Equal(["available", "total"], changes.Select(c => c.GetAttribute("data-path")));
        Assert.Equal(["Available", "Total"], changes.Select(c => c.QuerySelector("th")!.TextContent));
        Assert.Equal("200", changes[1].QuerySelector("del")!.TextContent);
        Assert.Equal("210", changes[1].QuerySelector("ins")!.TextContent);
        // No raw key on screen; an unknown action reads as words; an entry about something deleted says so.
        Assert.DoesNotContain("prize.stock", entries[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Custom thing", entries[1].QuerySelector(".action")!.TextContent);
        Assert.Equal("System (automatic)", entries[1].QuerySelector("[data-testid=audit-actor]")!.TextContent);
        Assert.Equal("a deleted activity", entries[1].QuerySelector(".subject")!.TextContent);
        Assert.Null(entries[1].QuerySelector("[data-testid=audit-changes]"));
    }

    [Fact]
    public void Times_are_shown_in_the_viewers_time_zone_and_the_zone_is_named()
    {
        JSInterop.SetupModule("./Components/Shared/LocalTime.razor.js").Setup<string?>("timeZone").SetResult("Europe/Berlin");
        var row = new AuditRow(Guid.NewGuid(), At, "api-key:ab12", "win.ship", Guid.NewGuid(), null, "Lucky Wheel",
            AuditDiff.Compute("""{"status":"Claimed","shippedAt":null}""", """{"status":"Shipped","shippedAt":"2026-11-22T09:30:00+00:00"}"""));

        var trail = Render<AuditTrail>(p => p.Add(t => t.Rows, [row]));

        var viewer = Services.GetRequiredService<ViewerTimeZone>();
        trail.WaitForAssertion(() => Assert.Equal("Europe/Berlin", viewer.Current?.Id));
        trail.WaitForAssertion(() => Assert.Equal("22 Nov 2026, 10:30", trail.Find(".meta time").TextContent));
        Assert.Contains("Europe/Berlin (UTC+01:00)", trail.Find("[data-testid=time-zone-note]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Marked shipped", trail.Find(".action").TextContent);
        Assert.Equal("API key ab12…", trail.Find("[data-testid=audit-actor]").TextContent);
        var shipped = trail.Find("[data-path=shippedAt]");
        Assert.Equal("Shipped at", shipped.QuerySelector("th")!.TextContent);
        Assert.Equal("22 Nov 2026, 10:30", shipped.QuerySelector("ins time")!.TextContent);
        Assert.DoesNotContain("T09:30", trail.Find("[data-testid=audit-trail]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_the_browser_says_its_zone_times_are_in_utc_and_say_so()
    {
        var row = new AuditRow(Guid.NewGuid(), At, "someone", "prize.stock", null, null, null, []);

        var trail = Render<AuditTrail>(p => p.Add(t => t.Rows, [row]));

        // Loose JS answers no zone: UTC, named.
        trail.WaitForAssertion(() => Assert.Equal("Times are in UTC.", trail.Find("[data-testid=time-zone-note]").TextContent.Trim()));
        Assert.StartsWith("22 Nov 2026, 09:30", trail.Find(".meta time").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Added_fields_show_no_before_value_and_long_diffs_fold_after_the_limit()
    {
        var changes = Enumerable.Range(0, 9).Select(i => new AuditChange($"tiers[{i}].color", null, $"#00000{i}")).ToList();
        var row = new AuditRow(Guid.NewGuid(), At, "api-key:abc", "activity.create", Guid.NewGuid(), null, "Lucky Wheel", changes);

        var trail = Render<AuditTrail>(p => p.Add(t => t.Rows, [row]).Add(t => t.MaxChanges, 4));

        Assert.Equal(4, trail.FindAll("[data-testid=audit-changes] [data-testid=audit-change]").Count);
        Assert.Equal("5 more changes", trail.Find("details.more summary").TextContent);
        Assert.Equal(5, trail.FindAll("details.more [data-testid=audit-change]").Count);
        var first = trail.Find("[data-testid=audit-change]");
        Assert.Contains("added", first.ClassList);
        Assert.Null(first.QuerySelector("del"));
        Assert.Equal("Tiers › no. 1 › Color", first.QuerySelector("th")!.TextContent);
        Assert.Equal("#000000", first.QuerySelector("ins")!.TextContent);
        // Without ShowSubject the subject is not repeated on every entry.
        Assert.Empty(trail.FindAll(".subject"));
    }

    [Fact]
    public void No_rows_shows_the_empty_text()
    {
        var trail = Render<AuditTrail>(p => p.Add(t => t.Rows, []).Add(t => t.EmptyText, "No changes recorded yet."));

        Assert.Equal("No changes recorded yet.", trail.Find("[data-testid=audit-empty]").TextContent);
    }
}
