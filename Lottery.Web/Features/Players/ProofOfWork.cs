using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Lottery.Domain.Common;
using Lottery.Domain.Risk;
using Lottery.Infrastructure.Persistence;
using Lottery.Web.Features.Risk;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lottery.Web.Features.Players;

/// <summary>
/// Section <c>Players:ProofOfWork</c>: the platform's default difficulty (leading zero bits of SHA-256) for a guest
/// session when the activity's tenant sets none, and how long a challenge stays valid. 0 turns proof of work off.
/// </summary>
public sealed class ProofOfWorkOptions
{
    public const string Section = "Players:ProofOfWork";

    [Range(0, 32)]
    public int Difficulty { get; set; } = 14;

    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>The answer of <c>GET /api/player/challenge</c>; difficulty 0 means no proof is needed (challenge is then empty).</summary>
public sealed record ProofOfWorkChallenge(string Challenge, int Difficulty, DateTimeOffset ExpiresAt);

/// <summary>
/// SHA-256 proof of work: a nonce solves a challenge when SHA-256(UTF-8 of <c>challenge + ":" + nonce</c>) starts with
/// <c>difficulty</c> zero bits. The player page's Web Worker (wwwroot/js/pow-worker.js) computes the same thing.
/// </summary>
public static class ProofOfWorkHash
{
    public const int MaxNonceLength = 32;

    public static int LeadingZeroBits(ReadOnlySpan<byte> hash)
    {
        var bits = 0;
        foreach (var b in hash)
        {
            if (b == 0)
            {
                bits += 8;
                continue;
            }

            return bits + BitOperations.LeadingZeroCount((uint)b) - 24;
        }

        return bits;
    }

    public static bool Solves(string challenge, string nonce, int difficulty)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(challenge + ":" + nonce), hash);
        return LeadingZeroBits(hash) >= difficulty;
    }

    /// <summary>The first decimal nonce (0, 1, 2, …) that solves the challenge: what a client does, in C#.</summary>
    public static string Solve(string challenge, int difficulty)
    {
        for (long n = 0; ; n++)
        {
            var nonce = n.ToString(CultureInfo.InvariantCulture);
            if (Solves(challenge, nonce, difficulty))
            {
                return nonce;
            }
        }
    }
}

/// <summary>
/// Issues and checks guest-session challenges. A challenge is readable text
/// <c>v1.{id}.{expires unix s}.{difficulty}.{tenant or -}</c> followed by <c>.</c> and a Data Protection signature of
/// that text (authenticated encryption, HMAC-SHA256 inside): any change to a field makes it invalid. Every node shares
/// the Data Protection key ring through the database, so a challenge issued by one node is checked by any other. Each
/// challenge is spent once: the <see cref="SpentChallenge"/> insert (primary key = id) fails for a replay on any node.
/// </summary>
public sealed class ProofOfWork(
    IDataProtectionProvider protection, IDbContextFactory<LotteryDbContext> contexts, IOptions<ProofOfWorkOptions> options,
    RiskCache risk, TimeProvider clock)
{
    private const string Version = "v1";
    private static readonly TimeSpan CleanEvery = TimeSpan.FromMinutes(10);
    private static long _nextCleanTicks;

    private readonly IDataProtector _protector = protection.CreateProtector("Lottery.Players.ProofOfWork.v1");

    /// <summary>The difficulty for a guest session of <paramref name="tenantId"/>'s activities (the platform default for none).</summary>
    public async Task<int> DifficultyAsync(Guid? tenantId, CancellationToken cancellationToken)
    {
        if (tenantId is not { } tenant)
        {
            return options.Value.Difficulty;
        }

        // Anonymous callers ask for this: the node's copy of the tenant's risk settings answers (RiskCache).
        return (await risk.TenantAsync(tenant, cancellationToken)).ProofOfWorkDifficulty ?? options.Value.Difficulty;
    }

    public async Task<ProofOfWorkChallenge> IssueAsync(Guid? tenantId, CancellationToken cancellationToken)
    {
        var difficulty = await DifficultyAsync(tenantId, cancellationToken);
        var expiresAt = clock.GetUtcNow().Add(options.Value.Lifetime);
        if (difficulty == 0)
        {
            return new ProofOfWorkChallenge("", 0, expiresAt);
        }

        var id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        var payload = string.Join('.', Version, id, expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            difficulty.ToString(CultureInfo.InvariantCulture), tenantId?.ToString("N") ?? "-");
        var signature = WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes(payload)));
        return new ProofOfWorkChallenge(payload + "." + signature, difficulty, DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds()));
    }

    /// <summary>
    /// Checks a solution for a guest session of <paramref name="tenantId"/> and spends its challenge; null when accepted
    /// (or when no proof is needed), else the reason as a <see cref="ErrorCodes.ProofOfWorkRequired"/> error.
    /// </summary>
    public async Task<Error?> VerifyAndSpendAsync(Guid? tenantId, string? challenge, string? nonce, CancellationToken cancellationToken)
    {
        var required = await DifficultyAsync(tenantId, cancellationToken);
        if (required == 0)
        {
            return null;
        }

        if (string.IsNullOrEmpty(challenge) || string.IsNullOrEmpty(nonce))
        {
            return Refused("This page must solve a short puzzle before it can start; get one from /api/player/challenge and send 'challenge' and 'nonce'.");
        }

        if (nonce.Length > ProofOfWorkHash.MaxNonceLength || Parse(challenge) is not { } parsed)
        {
            return Refused("The puzzle answer is not valid; get a new challenge and try again.");
        }

        var now = clock.GetUtcNow();
        if (parsed.ExpiresAt <= now)
        {
            return Refused("The puzzle has expired; get a new challenge and try again.");
        }

        if (parsed.TenantId != tenantId || parsed.Difficulty < required)
        {
            return Refused("The puzzle was issued for another activity or an easier level; get a new challenge for this activity.");
        }

        if (!ProofOfWorkHash.Solves(challenge, nonce, parsed.Difficulty))
        {
            return Refused("The puzzle answer is wrong; get a new challenge and try again.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await CleanOccasionallyAsync(db, now, cancellationToken);
        // The usual replay is answered by this read; the insert's primary key decides a race between nodes.
        if (await db.SpentChallenges.AnyAsync(s => s.Id == parsed.Id, cancellationToken))
        {
            return AlreadyUsed();
        }

        db.SpentChallenges.Add(SpentChallenge.Spend(parsed.Id, parsed.ExpiresAt, clock));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsConstraintViolation(e.InnerException ?? e))
        {
            return AlreadyUsed();
        }

        return null;
    }

    private ParsedChallenge? Parse(string challenge)
    {
        var cut = challenge.LastIndexOf('.');
        if (cut <= 0)
        {
            return null;
        }

        var payload = challenge[..cut];
        try
        {
            var signed = _protector.Unprotect(WebEncoders.Base64UrlDecode(challenge[(cut + 1)..]));
            if (!CryptographicOperations.FixedTimeEquals(signed, Encoding.UTF8.GetBytes(payload)))
            {
                return null;
            }
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }

        var parts = payload.Split('.');
        return parts.Length == 5 && parts[0] == Version
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var difficulty)
            && (parts[4] == "-" || Guid.TryParseExact(parts[4], "N", out _))
            ? new ParsedChallenge(parts[1], DateTimeOffset.FromUnixTimeSeconds(expires), difficulty, parts[4] == "-" ? null : Guid.ParseExact(parts[4], "N"))
            : null;
    }

    /// <summary>Deletes spent challenges past their expiry (a replay of those fails on the expiry anyway), every 10 minutes per node.</summary>
    private static async Task CleanOccasionallyAsync(LotteryDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var next = Interlocked.Read(ref _nextCleanTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextCleanTicks, now.Add(CleanEvery).UtcTicks, next) != next)
        {
            return;
        }

        await db.SpentChallenges.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
    }

    private static Error Refused(string message) => new(ErrorCodes.ProofOfWorkRequired, message);

    private static Error AlreadyUsed() => Refused("This puzzle answer was already used; get a new challenge and try again.");

    private sealed record ParsedChallenge(string Id, DateTimeOffset ExpiresAt, int Difficulty, Guid? TenantId);
}
