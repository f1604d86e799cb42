using Lottery.Domain.Activities;
using Lottery.Web.Features.Activities;
using Lottery.Web.Features.Designer;

namespace Lottery.Web.Tests.Designer;

public sealed class DesignerDocumentsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("tiers[0].prizes[1].stock", "tiers[0].prizes[1]")]
    [InlineData("tiers[2].prizes[0]", "tiers[2].prizes[0]")]
    [InlineData("tiers[1].probability", "tiers[1]")]
    [InlineData("tiers[1].prizes", "tiers[1]")]
    [InlineData("tiers", "tiers")]
    [InlineData("tasks[0].chances", "tasks[0]")]
    [InlineData("rules", "rules")]
    [InlineData("rules.chancesPerDay", "rules.chancesPerDay")]
    [InlineData("startsAt", "schedule")]
    [InlineData("drawAt", "schedule")]
    [InlineData("kind", "schedule")]
    [InlineData("rounds[0].endsAt", "schedule")]
    [InlineData("theme.accentColor", "theme")]
    [InlineData("gameplay.tryAgainSegments", "gameplay")]
    [InlineData("name", "campaign")]
    [InlineData("", "campaign")]
    public void Every_validation_path_belongs_to_a_block(string path, string block)
    {
        Assert.Equal(block, DesignerDocuments.BlockOf(path));
    }

    [Fact]
    public void Blocks_dropped_on_an_empty_canvas_build_a_definition_the_api_accepts()
    {
        var d = DesignerDocuments.Empty();
        Assert.Contains(DesignerDocuments.Problems(d), p => p.Path == "gameplay");

        d = DesignerDocuments.Add(d, BlockType.Wheel, DesignerDocuments.Gameplay, null, Now);
        d = DesignerDocuments.Add(d, BlockType.InstantWindow, DesignerDocuments.Schedule, null, Now);
        d = DesignerDocuments.Add(d, BlockType.Tier, DesignerDocuments.Tiers, null, Now);
        d = DesignerDocuments.Add(d, BlockType.Prize, "tiers[0]", null, Now);
        d = DesignerDocuments.Add(d, BlockType.RuleChances, DesignerDocuments.Rules, null, Now);
        d = DesignerDocuments.Add(d, BlockType.TaskShare, DesignerDocuments.Tasks, null, Now);

        Assert.Empty(DesignerDocuments.Problems(d));
        var definition = ActivityDocuments.ToDefinition(d).Value;
        Assert.Equal(ActivityKind.Instant, definition.Kind);
        Assert.Equal(Now, definition.StartsAt);
        Assert.Equal("Prize 1", Assert.Single(Assert.Single(definition.Tiers).Prizes).Name);
        Assert.Equal(TaskKind.Share, Assert.Single(definition.TasksOrEmpty).Kind);
    }

    [Fact]
    public void A_catalogue_prize_keeps_its_id_and_a_second_share_task_is_not_added()
    {
        var prize = new CataloguePrize(Guid.NewGuid(), "Mug", Lottery.Domain.Prizes.PrizeKind.Physical, 4, 3m);
        var d = DesignerDocuments.Add(DesignerDocuments.Empty(), BlockType.Tier, DesignerDocuments.Tiers, null, Now);

        d = DesignerDocuments.Add(d, BlockType.Prize, "tiers[0]", null, Now, prize);
        d = DesignerDocuments.Add(d, BlockType.TaskShare, DesignerDocuments.Tasks, null, Now);
        var once = d;
        d = DesignerDocuments.Add(d, BlockType.TaskShare, DesignerDocuments.Tasks, null, Now);

        var slot = d.Tiers![0]!.Prizes![0]!;
        Assert.Equal(prize.Id, slot.PrizeId);
        Assert.Equal(4, slot.Stock);
        Assert.Same(once, d);
    }

    [Fact]
    public void Tiers_and_prizes_reorder_and_prizes_move_between_tiers()
    {
        var d = DesignerDocuments.Empty();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            d = DesignerDocuments.Add(d, BlockType.Tier, DesignerDocuments.Tiers, null, Now);
        }

        d = DesignerDocuments.Add(d, BlockType.Prize, "tiers[0]", null, Now);
        d = DesignerDocuments.Add(d, BlockType.Prize, "tiers[0]", null, Now);

        d = DesignerDocuments.Move(d, "tiers[2]", DesignerDocuments.Tiers, 0);
        Assert.Equal(["Tier 3", "Tier 1", "Tier 2"], d.Tiers!.Select(t => t!.Name));

        d = DesignerDocuments.Move(d, "tiers[1].prizes[1]", "tiers[1]", 0);
        Assert.Equal(["Prize 2", "Prize 1"], d.Tiers![1]!.Prizes!.Select(p => p!.Name));

        d = DesignerDocuments.Move(d, "tiers[1].prizes[0]", "tiers[2]", null);
        Assert.Equal(["Prize 1"], d.Tiers![1]!.Prizes!.Select(p => p!.Name));
        Assert.Equal(["Prize 2"], d.Tiers![2]!.Prizes!.Select(p => p!.Name));

        d = DesignerDocuments.Remove(d, "tiers[0]");
        Assert.Equal(["Tier 1", "Tier 2"], d.Tiers!.Select(t => t!.Name));
    }

    [Fact]
    public void Removing_the_required_rule_brings_back_its_problem_on_the_rule()
    {
        var d = DesignerDocuments.FromTemplate(ActivityTemplates.DailySpin, Now);
        Assert.Empty(DesignerDocuments.Problems(d));

        d = DesignerDocuments.Remove(d, DesignerDocuments.ChancesPerPlayer);

        var problem = Assert.Single(DesignerDocuments.Problems(d));
        Assert.Equal(DesignerDocuments.ChancesPerPlayer, DesignerDocuments.BlockOf(problem.Path));
        Assert.False(DesignerDocuments.Contains(d, DesignerDocuments.ChancesPerPlayer));
    }

    [Fact]
    public void Export_and_import_round_trip_the_document_and_a_broken_file_is_a_listed_problem()
    {
        var d = DesignerDocuments.FromTemplate(ActivityTemplates.FestivalWheel, Now);

        var back = DesignerDocuments.Parse(DesignerDocuments.Serialize(d));

        Assert.Equal(DesignerDocuments.Serialize(d), DesignerDocuments.Serialize(back.Value));
        var broken = DesignerDocuments.Parse("{ \"name\": 3 ");
        Assert.True(broken.IsFailure);
        Assert.NotEmpty(broken.ValidationErrors);
    }

    [Fact]
    public void Undo_and_redo_walk_the_history_and_a_new_change_forgets_the_redo()
    {
        var history = new DesignerHistory();
        var a = DesignerDocuments.Empty();
        var b = a with { Name = "B" };
        var c = a with { Name = "C" };

        history.Record(a);
        Assert.Same(a, history.Undo(b));
        Assert.Same(b, history.Redo(a));
        history.Record(b);
        Assert.Null(history.Redo(c));
        Assert.True(history.CanUndo);
    }
}
