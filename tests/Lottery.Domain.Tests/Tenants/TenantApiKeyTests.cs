using Lottery.Domain.Tenants;
using Lottery.Domain.Tests.TestSupport;

namespace Lottery.Domain.Tests.Tenants;

public sealed class TenantApiKeyTests
{
    private readonly FakeTimeProvider _clock = TestClock.New();

    [Theory]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("lk_密钥", "020d2d181ec22823bf75100863add528795bbc5b60ed33a574bcb107fa04a8a8")]
    public void HashKey_is_the_lower_case_hex_sha256_of_the_utf8_key(string key, string expected) =>
        Assert.Equal(expected, TenantApiKey.HashKey(key));

    [Fact]
    public void GenerateKey_is_lk_and_32_random_bytes_in_url_safe_base64_without_padding()
    {
        var random = new SequenceRandomSource(firstByte: 0);

        var key = TenantApiKey.GenerateKey(random);

        Assert.Equal("lk_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8", key);
        Assert.Equal(1, random.FillCalls);
    }

    [Fact]
    public void GenerateKey_replaces_plus_and_slash_so_the_key_fits_in_a_url()
    {
        // Bytes 0xE0..0xFF encode to "4OHi4+Tl5ufo6err7O3u7/Dx8vP09fb3+Pn6+/z9/v8=" in standard base64.
        var key = TenantApiKey.GenerateKey(new SequenceRandomSource(firstByte: 0xE0));

        Assert.Equal("lk_4OHi4-Tl5ufo6err7O3u7_Dx8vP09fb3-Pn6-_z9_v8", key);
    }

    [Fact]
    public void Different_random_bytes_give_different_keys() =>
        Assert.NotEqual(
            TenantApiKey.GenerateKey(new SequenceRandomSource(firstByte: 1)),
            TenantApiKey.GenerateKey(new SequenceRandomSource(firstByte: 2)));

    [Fact]
    public void Create_stores_the_hash_and_a_prefix_but_never_the_key()
    {
        var tenant = Guid.NewGuid();
        const string key = "lk_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

        var apiKey = TenantApiKey.Create(tenant, "CI", key, _clock);

        Assert.Equal(TenantApiKey.HashKey(key), apiKey.Hash);
        Assert.Equal("lk_AAECA", apiKey.Prefix);
        Assert.NotEqual(key, apiKey.Hash);
        Assert.Equal((tenant, "CI", _clock.GetUtcNow()), (apiKey.TenantId, apiKey.Name, apiKey.CreatedAt));
        Assert.True(apiKey.IsActive);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("8chars!!")]
    public void A_key_of_eight_characters_or_fewer_is_its_own_prefix(string key) =>
        Assert.Equal(key, TenantApiKey.Create(Guid.NewGuid(), "demo", key, _clock).Prefix);

    [Fact]
    public void Revoke_deactivates_the_key_and_keeps_the_first_revocation_time()
    {
        var apiKey = TenantApiKey.Create(Guid.NewGuid(), "CI", "lk_secret_key", _clock);
        var firstRevocation = _clock.GetUtcNow().AddHours(1);
        _clock.SetUtcNow(firstRevocation);

        apiKey.Revoke(_clock);
        _clock.Advance(TimeSpan.FromDays(1));
        apiKey.Revoke(_clock);

        Assert.False(apiKey.IsActive);
        Assert.Equal(firstRevocation, apiKey.RevokedAt);
    }
}
