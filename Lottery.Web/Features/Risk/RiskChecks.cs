using Lottery.Domain.Common;
using Lottery.Domain.Players;
using Lottery.Domain.Risk;
using Lottery.Web.Features.Players;

namespace Lottery.Web.Features.Risk;

/// <summary>
/// The stop-loss: while the platform's or the activity's tenant's switch is on, every draw, task and entry is refused
/// with 409 <c>draws-stopped</c> before anything is consumed. Registered first: it answers whoever the player is.
/// </summary>
public sealed class StopLossCheck(RiskCache risk) : IPlayerCheck
{
    public const string Message = "Draws are paused for the moment. Please come back a little later.";

    public async ValueTask<Error?> CheckAsync(PlayerCheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await risk.DrawStopAsync(context.Runtime.Activity.TenantId, cancellationToken) is null
            ? null
            : new Error(ErrorCodes.DrawsStopped, Message);
    }
}

/// <summary>
/// The block list at play time: a player whose id, partner user (of this tenant), e-mail address, e-mail domain or
/// request address is on the activity's tenant's list is refused with 403 <c>player-blocked</c>, nothing consumed.
/// </summary>
public sealed class BlockListCheck(RiskCache risk) : IPlayerCheck
{
    public const string Message = "You cannot take part in this brand's campaigns. If you think this is a mistake, contact the brand.";

    public async ValueTask<Error?> CheckAsync(PlayerCheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tenantId = context.Runtime.Activity.TenantId;
        var blocks = (await risk.TenantAsync(tenantId, cancellationToken)).Blocks;
        return blocks.Count > 0 && Blocks(blocks, context.Player, tenantId, context.IpAddress)
            ? new Error(ErrorCodes.PlayerBlocked, Message)
            : null;
    }

    public static bool Blocks(BlockSet blocks, PlayerIdentity player, Guid tenantId, string? ip)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(player);
        return blocks.Contains(BlockKind.Player, player.Id.ToString("D"))
            || (player.Kind == PlayerIdentityKind.Partner && player.TenantId == tenantId && blocks.Contains(BlockKind.PartnerUser, player.PartnerUserId))
            || blocks.BlocksEmail(player.Email)
            || blocks.BlocksIp(ip);
    }
}

/// <summary>
/// The block list when a session is opened: a request from a blocked address, for a blocked e-mail address or domain,
/// or for a blocked partner user of the request's tenant is refused (403 <c>player-blocked</c>) before anything is
/// created. A request that names no tenant has no block list to meet.
/// </summary>
public sealed class BlockListSessionGuard(RiskCache risk) : ISessionGuard
{
    public async ValueTask<Error?> CheckAsync(SessionRequestContext request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.TenantId is not { } tenantId)
        {
            return null;
        }

        var blocks = (await risk.TenantAsync(tenantId, cancellationToken)).Blocks;
        var blocked = blocks.Count > 0 && (blocks.BlocksIp(request.IpAddress)
            || blocks.BlocksEmail(Player.NormalizeEmail(request.Email))
            || (request.Kind == PlayerIdentityKind.Partner && blocks.Contains(BlockKind.PartnerUser, request.PartnerUserId)));
        return blocked ? new Error(ErrorCodes.PlayerBlocked, BlockListCheck.Message) : null;
    }
}

public static class RiskRegistration
{
    /// <summary>The stop-loss and block-list checks (before the other player checks), the session guard and the staff use cases.</summary>
    public static IServiceCollection AddRiskControls(this IServiceCollection services)
    {
        services.AddSingleton<RiskCache>();
        services.AddSingleton<IPlayerCheck, StopLossCheck>();
        services.AddSingleton<IPlayerCheck, BlockListCheck>();
        services.AddSingleton<ISessionGuard, BlockListSessionGuard>();
        services.AddScoped<RiskCommands>();
        return services;
    }
}
