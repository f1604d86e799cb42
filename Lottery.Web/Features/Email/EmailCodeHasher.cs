using System.Security.Cryptography;
using System.Text;
using Lottery.Domain.Common;
using Lottery.Domain.Risk;
using Lottery.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Features.Email;

/// <summary>
/// Codes are stored as HMAC-SHA256(key, address + code), never as they were sent. A plain hash of six digits would be
/// reversed by trying all million; the key makes a copied database useless for that. The key is made once for the whole
/// platform (random, 32 bytes), stored in <see cref="PlatformSetting"/> encrypted with Data Protection (whose keys every
/// node shares through the database), so a code sent by one node is checked by any other.
/// </summary>
public sealed class EmailCodeHasher(IServiceScopeFactory scopes, IDataProtectionProvider protection, IRandomSource random, TimeProvider clock)
    : IDisposable
{
    public const string KeySetting = "email.code-key";

    private readonly IDataProtector _protector = protection.CreateProtector("Lottery.EmailCodes.v1");
    private readonly SemaphoreSlim _loading = new(1, 1);
    private byte[]? _key;

    public async Task<string> HashAsync(string normalizedEmail, string code, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(cancellationToken);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(normalizedEmail + "\n" + code)));
    }

    /// <summary>Whether <paramref name="code"/> is the code behind <paramref name="hash"/> (compared in constant time).</summary>
    public async Task<bool> MatchesAsync(string hash, string normalizedEmail, string code, CancellationToken cancellationToken)
    {
        var expected = await HashAsync(normalizedEmail, code, cancellationToken);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(expected));
    }

    public void Dispose() => _loading.Dispose();

    private async ValueTask<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is { } known)
        {
            return known;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            return _key ??= await LoadOrCreateAsync(cancellationToken);
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<byte[]> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        // A singleton: the (scoped) context factory comes from a scope of its own, once per process.
        await using var scope = scopes.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotteryDbContext>>();
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var stored = await db.PlatformSettings.AsNoTracking().Where(s => s.Key == KeySetting).Select(s => s.Value).SingleOrDefaultAsync(cancellationToken);
            if (stored is not null)
            {
                return _protector.Unprotect(Convert.FromBase64String(stored));
            }

            var key = new byte[32];
            random.Fill(key);
            db.PlatformSettings.Add(PlatformSetting.Create(KeySetting, Convert.ToBase64String(_protector.Protect(key)), "system", clock));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return key;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another node made the key first (primary key on the setting's name): use theirs.
            }
        }
    }
}
