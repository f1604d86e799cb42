using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lottery.Web.Features.Partners;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Lottery.Web.Tests.Partners.PartnerSteps;

namespace Lottery.Web.Tests.Partners;

/// <summary>The management API for partner keys: create (secret once), list (no secrets), revoke; one tenant's keys only; audited.</summary>
public sealed class PartnerKeyApiTests(EmbeddedSqliteApi api) : IClassFixture<EmbeddedSqliteApi>
{
    [Fact]
    public async Task Create_answers_the_key_id_and_secret_once_and_the_list_never_shows_a_secret()
    {
        var tenant = await api.NewTenantAsync();

        var created = await tenant.PostAsJsonAsync("/api/admin/partner-keys", new { name = "Android app" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var keyId = body.GetProperty("keyId").GetString()!;
        var secret = body.GetProperty("secret").GetString()!;
        Assert.Matches("^pk_[0-9a-f]{32}$", keyId);
        Assert.Equal(32, Convert.FromBase64String(secret.Replace('-', '+').Replace('_', '/') + "=").Length);
        Assert.Equal("Android app", body.GetProperty("name").GetString());
        Assert.True(body.TryGetProperty("createdAt", out _));

        var listed = await tenant.GetStringAsync("/api/admin/partner-keys");
        var row = Assert.Single(JsonDocument.Parse(listed).RootElement.EnumerateArray());
        Assert.Equal(keyId, row.GetProperty("keyId").GetString());
        Assert.True(row.GetProperty("isActive").GetBoolean());
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.False(row.TryGetProperty("secret", out _));
    }

    [Fact]
    public async Task A_key_without_a_name_gets_one_and_a_name_too_long_is_refused_with_nothing_stored()
    {
        var tenant = await api.NewTenantAsync();

        var unnamed = await tenant.PostAsync("/api/admin/partner-keys", null);
        var tooLong = await tenant.PostAsJsonAsync("/api/admin/partner-keys", new { name = new string('x', 500) });

        Assert.Equal(HttpStatusCode.Created, unnamed.StatusCode);
        Assert.Equal("Partner key", (await unnamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Single((await tenant.GetFromJsonAsync<JsonElement>("/api/admin/partner-keys")).EnumerateArray());
    }

    [Fact]
    public async Task The_secret_is_stored_only_protected_and_only_the_partner_keys_purpose_unprotects_it()
    {
        var tenant = await api.NewTenantAsync();
        var key = await CreateKeyAsync(tenant);

        var stored = await api.QueryAsync(db => db.PartnerKeys.IgnoreQueryFilters().SingleAsync(k => k.KeyId == key.KeyId));

        Assert.DoesNotContain(key.Secret, stored.ProtectedSecret, StringComparison.Ordinal);
        var provider = api.Services.GetRequiredService<IDataProtectionProvider>();
        Assert.Equal(key.Secret, provider.CreateProtector(PartnerKeys.ProtectorPurpose).Unprotect(stored.ProtectedSecret));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => provider.CreateProtector("Something.Else").Unprotect(stored.ProtectedSecret));
    }

    [Fact]
    public async Task Revoke_marks_the_key_revoked_and_a_tenant_cannot_see_or_revoke_another_tenants_key()
    {
        var tenantA = await api.NewTenantAsync();
        var tenantB = await api.NewTenantAsync();
        var keyOfA = await CreateKeyAsync(tenantA, "Web shop");

        var byB = await tenantB.DeleteAsync($"/api/admin/partner-keys/{keyOfA.KeyId}");
        var listOfB = await tenantB.GetFromJsonAsync<JsonElement>("/api/admin/partner-keys");

        Assert.Equal(HttpStatusCode.NotFound, byB.StatusCode);
        Assert.Empty(listOfB.EnumerateArray());
        Assert.Equal(HttpStatusCode.Created, (await ExchangeAsync(api, Sign(keyOfA.KeyId, keyOfA.Secret, "u-1"))).StatusCode);

        var byA = await tenantA.DeleteAsync($"/api/admin/partner-keys/{keyOfA.KeyId}");

        Assert.Equal(HttpStatusCode.NoContent, byA.StatusCode);
        var row = Assert.Single((await tenantA.GetFromJsonAsync<JsonElement>("/api/admin/partner-keys")).EnumerateArray());
        Assert.False(row.GetProperty("isActive").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, row.GetProperty("revokedAt").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await tenantA.DeleteAsync("/api/admin/partner-keys/pk_unknown")).StatusCode);
    }

    [Fact]
    public async Task Creating_and_revoking_are_audited_with_the_key_id_and_never_the_secret()
    {
        var tenant = await api.NewTenantAsync();
        var key = await CreateKeyAsync(tenant, "Kiosk");
        await tenant.DeleteAsync($"/api/admin/partner-keys/{key.KeyId}");

        var entries = await api.QueryAsync(db => db.Audit.IgnoreQueryFilters()
            .Where(a => a.Action.StartsWith("partnerKey.") && a.After!.Contains(key.KeyId)).ToListAsync());

        Assert.Equal(["partnerKey.create", "partnerKey.revoke"], entries.Select(e => e.Action).Order());
        Assert.All(entries, e => Assert.StartsWith("api-key:", e.Actor, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain(key.Secret, (e.Before ?? "") + e.After, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_api_key_the_partner_key_api_is_closed()
    {
        var anonymous = api.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/partner-keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/admin/partner-keys", null)).StatusCode);
    }

    [Fact]
    public async Task The_partner_endpoints_are_in_the_openapi_document()
    {
        var document = await api.CreateClient().GetStringAsync("/openapi/v1.json");
        var paths = JsonDocument.Parse(document).RootElement.GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/admin/partner-keys", out var keys));
        Assert.True(keys.TryGetProperty("post", out _));
        Assert.True(keys.TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/admin/partner-keys/{keyId}").TryGetProperty("delete", out _));
        Assert.Contains("partnerToken", document, StringComparison.Ordinal);
        Assert.Contains("PartnerKeyCreated", document, StringComparison.Ordinal);
    }
}
