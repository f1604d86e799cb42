using System.Globalization;
using Lottery.Domain.Common;
using Lottery.Domain.Players;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Draws;
using Lottery.Web.Features.Players;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lottery.Web.Features.Email;

/// <summary>A code request's answer: accepted, or refused (<see cref="RetryAfter"/> tells a rate-limited caller when to come back).</summary>
public sealed record CodeRequestOutcome(Result Result, TimeSpan? RetryAfter = null);

/// <summary>Why a code did not open a session: <c>wrong</c> (tries left), <c>locked</c> (too many wrong tries) or <c>expired</c> (none, used, superseded or too old).</summary>
public sealed record CodeRefusal(string Reason, int AttemptsLeft);

/// <summary>A verified session: the player, the token, and what became of the guest the request came from (if any).</summary>
public sealed record EmailSession(SessionTicket Ticket, string Email, bool GuestPromoted, bool GuestLeftBehind);

public sealed record CodeVerifyOutcome(Result<EmailSession> Result, CodeRefusal? Refusal = null);

/// <summary>The visitor a verification comes from: a guest's player id and token are promoted when the address is new.</summary>
public sealed record CurrentVisitor(PlayerIdentity? Player, string? Token);

/// <summary>
/// E-mail code sign-in. A request sends a six-digit code (uniform 000000-999999 from the CSPRNG) and stores only its
/// HMAC; the newest code of an address is the only one that works, for <see cref="EmailOptions.CodeLifetime"/>, once, and
/// dies after <see cref="EmailOptions.MaxAttempts"/> wrong tries. Requests are limited per address and per e-mail. The
/// answer never says whether an address already has a player.
/// </summary>
public sealed class EmailSignIn(
    IDbContextFactory<LotteryDbContext> contexts, EmailCodeHasher hasher, EmailOutbox outbox, IOptions<EmailOptions> options,
    IRandomSource random, TimeProvider clock, PlayerSessions sessions, ISessionGuard guard, ActivityRuntimeCache activities)
{
    public const int CodeLength = 6;

    private readonly EmailOptions _options = options.Value;

    public async Task<CodeRequestOutcome> RequestAsync(string? email, Guid? activityId, string? ipAddress, string language, CancellationToken cancellationToken)
    {
        if (Player.NormalizeEmail(email) is not { } address)
        {
            return new(Result.Invalid([new("email", "Enter an e-mail address such as name@example.com.")]));
        }

        var activity = activityId is { } id ? await activities.GetAsync(id, cancellationToken) : null;
        if (await guard.CheckAsync(new SessionRequestContext(activity?.Activity.TenantId, PlayerIdentityKind.Email, ipAddress, Email: address), cancellationToken) is { } refused)
        {
            return new(Result.Failure(refused));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (await WaitAsync(db.EmailCodes.Where(c => c.Email == address), _options.CodesPerEmail, _options.CodesPerEmailWindow, now, cancellationToken) is { } perEmail)
        {
            return TooMany("This address was sent several codes a moment ago: use the newest one, or ask again later.", perEmail);
        }

        if (ipAddress is not null
            && await WaitAsync(db.EmailCodes.Where(c => c.IpAddress == ipAddress), _options.CodesPerAddress, _options.CodesPerAddressWindow, now, cancellationToken) is { } perAddress)
        {
            return TooMany("Too many codes were asked for from your network: try again later.", perAddress);
        }

        var code = random.NextInt(1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var issued = EmailCode.Issue(address, await hasher.HashAsync(address, code, cancellationToken), ipAddress, _options.CodeLifetime, clock);
        db.EmailCodes.Add(issued);
        await db.SaveChangesAsync(cancellationToken);

        await outbox.EnqueueAsync(
            EmailCodeMessage.Create(_options.From, address, code, activity?.Activity.Name, _options.CodeLifetime, issued.ExpiresAt, language), cancellationToken);
        return new(Result.Success());
    }

    public async Task<CodeVerifyOutcome> VerifyAsync(string? email, string? code, Guid? activityId, string? ipAddress, CurrentVisitor visitor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        var errors = new List<ValidationError>();
        var address = Player.NormalizeEmail(email);
        if (address is null)
        {
            errors.Add(new("email", "Enter an e-mail address such as name@example.com."));
        }

        var digits = string.Concat((code ?? "").Where(c => !char.IsWhiteSpace(c)));
        if (digits.Length != CodeLength || !digits.All(char.IsAsciiDigit))
        {
            errors.Add(new("code", "Enter the six digits from the e-mail."));
        }

        if (errors.Count > 0)
        {
            return new(Result<EmailSession>.Invalid(errors));
        }

        var activity = activityId is { } id ? await activities.GetAsync(id, cancellationToken) : null;
        if (await guard.CheckAsync(new SessionRequestContext(activity?.Activity.TenantId, PlayerIdentityKind.Email, ipAddress, Email: address), cancellationToken) is { } refused)
        {
            return new(Result<EmailSession>.Failure(refused));
        }

        if (await UseCodeAsync(address!, digits, cancellationToken) is { } refusal)
        {
            var message = refusal.Reason switch
            {
                "wrong" => $"That code is not right. Check the e-mail and try again ({refusal.AttemptsLeft} tries left).",
                "locked" => "That code was entered wrongly too often and no longer works: ask for a new code.",
                _ => "That code no longer works: ask for a new code.",
            };
            return new(Result<EmailSession>.Failure(new Error(ErrorCodes.InvalidCredentials, message)), refusal);
        }

        return new(await OpenAsync(address!, ipAddress, visitor, cancellationToken));
    }

    /// <summary>
    /// Checks the newest code of the address and uses it up (null) or counts a wrong try. Two verifications of one code race
    /// on <see cref="EmailCode.Version"/>: the loser reads the code again and finds it used (or one try fewer).
    /// </summary>
    private async Task<CodeRefusal?> UseCodeAsync(string address, string digits, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var newest = await db.EmailCodes.Where(c => c.Email == address)
                .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
            var now = clock.GetUtcNow();
            if (newest is null || newest.ConsumedAt is not null || now >= newest.ExpiresAt)
            {
                return new CodeRefusal("expired", 0);
            }

            if (!newest.IsUsable(now, _options.MaxAttempts))
            {
                return new CodeRefusal("locked", 0);
            }

            var right = await hasher.MatchesAsync(newest.CodeHash, address, digits, cancellationToken);
            if (right)
            {
                newest.Consume(clock);
            }
            else
            {
                newest.RecordFailure();
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                continue; // someone else used it or tried it at the same moment: look again
            }

            if (right)
            {
                return null;
            }

            var left = _options.MaxAttempts - newest.FailedAttempts;
            return new CodeRefusal(left > 0 ? "wrong" : "locked", left);
        }
    }

    /// <summary>
    /// The session of the address's player. A guest verifying an address that has no player yet becomes that player
    /// (its wins and chances stay); when the address already has one, the guest stays behind as it was.
    /// </summary>
    private async Task<Result<EmailSession>> OpenAsync(string address, string? ipAddress, CurrentVisitor visitor, CancellationToken cancellationToken)
    {
        var candidate = Player.ForEmail(address, null, null, clock);
        if (candidate.IsFailure)
        {
            return Result<EmailSession>.Invalid(candidate.ValidationErrors);
        }

        bool promoted = false, leftBehind = false;
        if (visitor.Player is { Kind: PlayerIdentityKind.Guest } guest)
        {
            promoted = await PromoteAsync(guest.Id, address, cancellationToken);
            leftBehind = !promoted;
            if (promoted && visitor.Token is { } token)
            {
                sessions.Forget(token); // the guest's cached identity is stale now
            }
        }

        var ticket = await sessions.OpenVerifiedAsync(candidate.Value, ipAddress, cancellationToken);
        return new EmailSession(ticket, address, promoted, leftBehind);
    }

    private async Task<bool> PromoteAsync(Guid guestId, string address, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = Player.EmailKey(address);
        if (await db.Players.AnyAsync(p => p.IdentityKey == key, cancellationToken)
            || await db.Players.SingleOrDefaultAsync(p => p.Id == guestId, cancellationToken) is not { } guest
            || guest.PromoteToEmail(address).IsFailure)
        {
            return false;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // the address got its player a moment ago (unique identity key): the guest stays a guest
        }
    }

    /// <summary>How long until one more code is allowed, or null when the limit has room (0 = no limit).</summary>
    private static async Task<TimeSpan?> WaitAsync(IQueryable<EmailCode> codes, int limit, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (limit == 0)
        {
            return null;
        }

        var since = now - window;
        var recent = await codes.Where(c => c.CreatedAt > since).OrderByDescending(c => c.CreatedAt).Select(c => c.CreatedAt)
            .Take(limit).ToListAsync(cancellationToken);
        if (recent.Count < limit)
        {
            return null;
        }

        var wait = recent[^1] + window - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }

    private static CodeRequestOutcome TooMany(string message, TimeSpan wait) =>
        new(Result.Failure(new Error(ErrorCodes.TooManyAttempts, message)), wait);
}
