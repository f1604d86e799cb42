using Lottery.Web.Features.Activities;
using Lottery.Web.Features.Designer;
using MudBlazor;

namespace Lottery.Web.Components.Admin.Designer;

/// <summary>The icon of each block, in the palette and on the canvas.</summary>
public static class BlockIcons
{
    public static string Of(CanvasItem item) => item.Prize is { } p ? Kind(ActivityDocuments.ToCamel(p.Kind)) : Of(item.Block);

    public static string Of(BlockType block) => block switch
    {
        BlockType.Wheel => Icons.Material.Outlined.Casino,
        BlockType.Tier => Icons.Material.Outlined.Layers,
        BlockType.Prize => Icons.Material.Outlined.Redeem,
        BlockType.RuleChances => Icons.Material.Outlined.ConfirmationNumber,
        BlockType.RuleDaily => Icons.Material.Outlined.Today,
        BlockType.RuleMaxWins => Icons.Material.Outlined.EmojiEvents,
        BlockType.TaskShare => Icons.Material.Outlined.Share,
        BlockType.TaskCheckIn => Icons.Material.Outlined.EventAvailable,
        BlockType.InstantWindow => Icons.Material.Outlined.Schedule,
        BlockType.ScheduledDraw => Icons.Material.Outlined.Event,
        BlockType.Theme => Icons.Material.Outlined.Palette,
        _ => Icons.Material.Outlined.Widgets,
    };

    /// <summary>A prize kind of the document (<c>physical</c>, <c>code</c> …).</summary>
    public static string Kind(string? kind) => kind switch
    {
        "code" => Icons.Material.Outlined.ConfirmationNumber,
        "points" => Icons.Material.Outlined.Stars,
        "virtual" => Icons.Material.Outlined.Diamond,
        _ => Icons.Material.Outlined.Redeem,
    };
}
