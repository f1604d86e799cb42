namespace Lottery.Domain.Players;

/// <summary>
/// Who a player is: an anonymous guest (one player per session), an e-mail address the player proved with a one-time
/// code, or a user of a partner (the brand's app or site) vouched for by a token signed with the tenant's partner key.
/// An activity names the identity it requires (<c>"players": {"identity": ...}</c>).
/// </summary>
public enum PlayerIdentityKind
{
    Guest,
    Email,
    Partner,
}
