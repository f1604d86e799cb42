using Bunit;
using Lottery.Web.Components.Admin;
using Lottery.Web.Features.Audit;

namespace Lottery.Web.Tests.Components;

public sealed class AuditTrailTests : BunitContext
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

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

    [Fact]
    public void Each_entry_shows_who_what_when_and_a_before_after_diff()
    {
        var prizeId = Guid.NewGuid();
        var rows = new[]
        {
            new AuditRow(Guid.NewGuid(), At, "marketer@demo.local", "prize.stock", null, prizeId, "Coffee voucher",
                AuditDiff.Compute("""{"available":50,"reserved":150,"total":200}""", """{"available":60,"reserved":150,"total":210}""")),
            new AuditRow(Guid.NewGuid(), At.AddMinutes(-5), "system", "custom.thing", Guid.NewGuid(), null, null, []),
        };

        var trail = Render<AuditTrail>(p => p.Add(t => t.Rows, rows).Add(t => t.ShowSubject, true));

        var entries = trail.FindAll("[data-testid=audit-entry]");
        Assert.Equal(2, entries.Count);
        Assert.Equal("Stock changed", entries[0].QuerySelector(".action")!.TextContent);
        Assert.Equal("marketer@demo.local", entries[0].QuerySelector("[data-testid=audit-actor]")!.TextContent);
        Assert.Equal("2026-11-22T09:30:00.0000000+00:00", entries[0].QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal($"/admin/prizes/{prizeId}", entries[0].QuerySelector("a.subject")!.GetAttribute("href"));
        var changes = entries[0].QuerySelectorAll("[data-testid=audit-change]");
        Assert.Equal(["available", "total"], changes.Select(c => c.GetAttribute("data-path")));
        Assert.Equal("200", changes[1].QuerySelector("del")!.TextContent);
        Assert.Equal("210", changes[1].QuerySelector("ins")!.TextContent);
        // An unknown action shows its code; an entry about something deleted says so; no diff, no table.
        Assert.Equal("custom.thing", entries[1].QuerySelector(".action")!.TextContent);
        Assert.Equal("a deleted activity", entries[1].QuerySelector(".subject")!.TextContent);
        Assert.Null(entries[1].QuerySelector("[data-testid=audit-changes]"));
    }

    [Fact]
    public void Added_fields_show_no_before_value_and_long_diffs_fold_after_the_limit()
    {
        var changes = Enumerable.Range(0, 9).Select(i => new AuditChange($"tiers[{i}].name", null, $"Tier {i}")).ToList();
        var row = new AuditRow(Guid.NewGuid(), At, "api-key:abc", "activity.create", Guid.NewGuid(), null, "Lucky Wheel", changes);

        var trail = Render<AuditTrail>(p => p.Add(t => t.Rows, [row]).Add(t => t.MaxChanges, 4));

        Assert.Equal(4, trail.FindAll("[data-testid=audit-changes] [data-testid=audit-change]").Count);
        Assert.Equal("5 more change(s)", trail.Find("details.more summary").TextContent);
        Assert.Equal(5, trail.FindAll("details.more [data-testid=audit-change]").Count);
        var first = trail.Find("[data-testid=audit-change]");
        Assert.Contains("added", first.ClassList);
        Assert.Null(first.QuerySelector("del"));
        Assert.Equal("Tier 0", first.QuerySelector("ins")!.TextContent);
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
