using Lottery.Domain.Common;
using Lottery.Domain.Prizes;

namespace Lottery.Domain.Draws;

public enum WinStatus
{
    /// <summary>A physical prize waits for the winner's shipping address.</summary>
    AwaitingClaim,

    /// <summary>Claimed: address given (physical) or code/points/virtual prize handed over.</summary>
    Claimed,

    /// <summary>A physical prize has been shipped.</summary>
    Shipped,

    /// <summary>A physical prize has arrived.</summary>
    Delivered,
}

/// <summary>A prize won by a player, from an instant draw or a scheduled draw, and its claim and fulfilment.</summary>
public sealed class WinRecord : ITenantOwned
{
    private WinRecord()
    {
        PrizeName = null!;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ActivityId { get; private set; }

    public Guid PlayerId { get; private set; }

    public Guid PrizeId { get; private set; }

    public Guid? TierId { get; private set; }

    /// <summary>The instant draw that produced the win; none for a scheduled draw.</summary>
    public Guid? DrawId { get; private set; }

    public string PrizeName { get; private set; }

    public PrizeKind PrizeKind { get; private set; }

    public DateTimeOffset WonAt { get; private set; }

    public WinStatus Status { get; private set; }

    /// <summary>The code handed to the winner of a code prize.</summary>
    public string? Code { get; private set; }

    /// <summary>The winner's shipping details, once a physical prize is claimed.</summary>
    public Claim? Claim { get; private set; }

    public int Version { get; private set; }

    /// <summary>A new win. The id is derived by the caller (e.g. equal to the draw id) so that persisting is idempotent.</summary>
    public static WinRecord Create(Guid id, Guid tenantId, Guid activityId, Guid playerId, Guid prizeId, Guid? tierId,
        Guid? drawId, string prizeName, PrizeKind kind, DateTimeOffset wonAt) => new()
    {
        Id = id,
        TenantId = tenantId,
        ActivityId = activityId,
        PlayerId = playerId,
        PrizeId = prizeId,
        TierId = tierId,
        DrawId = drawId,
        PrizeName = prizeName,
        PrizeKind = kind,
        WonAt = wonAt,
        Status = kind == PrizeKind.Physical ? WinStatus.AwaitingClaim : WinStatus.Claimed,
    };

    public void AssignCode(string code)
    {
        if (PrizeKind != PrizeKind.Code)
        {
            throw new InvalidOperationException("Only a code prize carries a code.");
        }

        Code = code;
        Version++;
    }

    /// <summary>The winner submits a shipping address, once; it is validated and then read-only.</summary>
    public Result SubmitClaim(ShippingAddress address, TimeProvider clock)
    {
        if (PrizeKind != PrizeKind.Physical)
        {
            return Result.Failure(new Error(ErrorCodes.IllegalTransition, "Only a physical prize is claimed with an address."));
        }

        if (Claim is not null)
        {
            return Result.Failure(new Error(ErrorCodes.AlreadyClaimed, "This prize has already been claimed."));
        }

        var errors = address.Validate();
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }

        Claim = new Claim(address, clock.GetUtcNow());
        Status = WinStatus.Claimed;
        Version++;
        return Result.Success();
    }

    /// <summary>An operator marks a claimed physical prize shipped, with its tracking number.</summary>
    public Result MarkShipped(string trackingNumber, TimeProvider clock)
    {
        if (Status != WinStatus.Claimed || Claim is null)
        {
            return Result.Failure(new Error(ErrorCodes.IllegalTransition, $"Only a claimed physical prize can be shipped (this one is {Status})."));
        }

        if (string.IsNullOrWhiteSpace(trackingNumber) || trackingNumber.Length > Limits.CodeMaxLength)
        {
            return Result.Invalid([new("trackingNumber", "A tracking number of 1-128 characters is required.")]);
        }

        Claim.Ship(trackingNumber.Trim(), clock.GetUtcNow());
        Status = WinStatus.Shipped;
        Version++;
        return Result.Success();
    }

    public Result MarkDelivered(TimeProvider clock)
    {
        if (Status != WinStatus.Shipped || Claim is null)
        {
            return Result.Failure(new Error(ErrorCodes.IllegalTransition, "Only a shipped prize can be delivered."));
        }

        Claim.Deliver(clock.GetUtcNow());
        Status = WinStatus.Delivered;
        Version++;
        return Result.Success();
    }
}

/// <summary>The claim of a physical prize: where to ship it and how far fulfilment has got.</summary>
public sealed class Claim
{
    private Claim()
    {
        Address = null!;
    }

    internal Claim(ShippingAddress address, DateTimeOffset submittedAt)
    {
        Address = address;
        SubmittedAt = submittedAt;
    }

    public ShippingAddress Address { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public string? TrackingNumber { get; private set; }

    public DateTimeOffset? ShippedAt { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    internal void Ship(string trackingNumber, DateTimeOffset at)
    {
        TrackingNumber = trackingNumber;
        ShippedAt = at;
    }

    internal void Deliver(DateTimeOffset at) => DeliveredAt = at;
}

/// <summary>A shipping address as the winner entered it.</summary>
public sealed record ShippingAddress(
    string RecipientName,
    string Phone,
    string Line1,
    string? Line2,
    string City,
    string? Region,
    string PostalCode,
    string Country)
{
    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        Common.Validate.Name(errors, "recipientName", RecipientName);
        if (string.IsNullOrWhiteSpace(Phone) || Phone.Length > Limits.PhoneMaxLength
            || Phone.Count(char.IsAsciiDigit) < 5 || !Phone.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')'))
        {
            errors.Add(new("phone", "Enter a phone number of digits (a leading + and spaces or dashes are fine)."));
        }

        Required(errors, "line1", Line1, Limits.AddressLineMaxLength);
        Common.Validate.MaxLength(errors, "line2", Line2, Limits.AddressLineMaxLength);
        Required(errors, "city", City, Limits.NameMaxLength);
        Common.Validate.MaxLength(errors, "region", Region, Limits.NameMaxLength);
        Required(errors, "postalCode", PostalCode, 20);
        Required(errors, "country", Country, Limits.NameMaxLength);
        return errors;
    }

    private static void Required(List<ValidationError> errors, string path, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(path, "This field is required."));
        }
        else
        {
            Common.Validate.MaxLength(errors, path, value, max);
        }
    }
}
