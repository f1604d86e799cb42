using Lottery.Domain.Common;
using Lottery.Domain.Players;

namespace Lottery.Web.Features.Players;

/// <summary>
/// A request to open a player session (or to send an e-mail code), as the risk controls see it. <see cref="TenantId"/>
/// is the tenant whose rules apply: the activity's tenant when the page names its activity, the partner key's tenant
/// for a partner token; null when the request names no tenant (then only platform-wide rules apply).
/// </summary>
public sealed record SessionRequestContext(Guid? TenantId, PlayerIdentityKind Kind, string? IpAddress, string? Email = null, string? PartnerUserId = null);

/// <summary>
/// Decides whether a session may be opened (block list of addresses, e-mails, domains and partner users). Every way of
/// opening a session (guest, e-mail code, partner token) asks it before creating anything; null means allowed.
/// </summary>
public interface ISessionGuard
{
    ValueTask<Error?> CheckAsync(SessionRequestContext request, CancellationToken cancellationToken);
}
