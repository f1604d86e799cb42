using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lottery.Domain.Players;
using Lottery.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Tests.Risk;

/// <summary>
/// The block list: each kind refuses a matching player's draw, task and entry with 403 player-blocked and consumes
/// nothing; entries are normalised, validated, audited and belong to one tenant.
/// </summary>
public sealed class BlockListTests(RiskApp app) : IClassFixture<RiskApp>
{
    private static readonly object[] Tasks = [new { kind = "share", chances = 2 }];

    [Fact]
    public async Task A_blocked_player_id_cannot_draw_do_tasks_or_enter_and_keeps_every_chance()
    {
        var tenant = await app.NewTenantAsync();
        var instant = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(chances: 3, tasks: Tasks));
        var scheduled = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(prize: "Mug", kind: "scheduled", drawAt: DateTimeOffset.UtcNow.AddDays(1)));
        var (player, playerId) = await RiskSteps.GuestAsync(app);

        var entry = await RiskSteps.BlockedAsync(tenant, "player", playerId.ToString().ToUpperInvariant());

        await RiskSteps.AssertProblemAsync(await ApiSteps.DrawAsync(player, instant), HttpStatusCode.Forbidden, "player-blocked");
        await RiskSteps.AssertProblemAsync(await player.PostAsync($"/api/activities/{instant}/tasks/share", null), HttpStatusCode.Forbidden, "player-blocked");
        await RiskSteps.AssertProblemAsync(await player.PostAsync($"/api/activities/{scheduled}/entries", null), HttpStatusCode.Forbidden, "player-blocked");
        Assert.Equal(3, await RiskSteps.RemainingChancesAsync(player, instant));
        Assert.Equal(0, await app.QueryAsync(db => db.DrawRecords.IgnoreQueryFilters().CountAsync(d => d.PlayerId == playerId)));
        Assert.Equal(0, await app.QueryAsync(db => db.ScheduledEntries.IgnoreQueryFilters().CountAsync(e => e.PlayerId == playerId)));

        // Unblocked, the same player plays with the chances it had: the refusals consumed none.
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.DeleteAsync($"/api/admin/blocklist/{entry}")).StatusCode);
        var drawn = await ApiSteps.DrawAsync(player, instant);
        Assert.Equal(HttpStatusCode.OK, drawn.StatusCode);
        Assert.Equal(2, (await drawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("remainingChances").GetInt32());
    }

    [Theory]
    [InlineData("ip", "::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("ip", "2001:DB8::0:1", "2001:db8::1")]
    public async Task A_blocked_address_cannot_draw_and_other_addresses_can(string kind, string blocked, string from)
    {
        var tenant = await app.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(chances: 3));
        var player = await app.NewPlayerAsync();
        player.DefaultRequestHeaders.Add(RiskApp.ClientIpHeader, from);
        await RiskSteps.BlockedAsync(tenant, kind, blocked);

        await RiskSteps.AssertProblemAsync(await ApiSteps.DrawAsync(player, activity), HttpStatusCode.Forbidden, "player-blocked");
        Assert.Equal(3, await RiskSteps.RemainingChancesAsync(player, activity));

        player.DefaultRequestHeaders.Remove(RiskApp.ClientIpHeader);
        player.DefaultRequestHeaders.Add(RiskApp.ClientIpHeader, "198.51.100.1");
        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(player, activity)).StatusCode);
    }

    [Theory]
    [InlineData("email", "Farmer@Example.com", "farmer@example.com", true)]
    [InlineData("emailDomain", "@Mailinator.COM", "bot7@mailinator.com", true)]
    [InlineData("emailDomain", "mailinator.com", "bot7@eu.mailinator.com", true)]
    [InlineData("emailDomain", "mailinator.com", "bot7@notmailinator.com", false)]
    [InlineData("email", "farmer@example.com", "farmer2@example.com", false)]
    public async Task An_email_player_is_refused_by_its_address_or_domain(string kind, string blocked, string email, bool refused)
    {
        var tenant = await app.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(chances: 3));
        var (player, _) = await RiskSteps.VerifiedPlayerAsync(app, Player.ForEmail(email, null, null, TimeProvider.System).Value);
        await RiskSteps.BlockedAsync(tenant, kind, blocked);

        var response = await ApiSteps.DrawAsync(player, activity);
        if (refused)
        {
            await RiskSteps.AssertProblemAsync(response, HttpStatusCode.Forbidden, "player-blocked");
            Assert.Equal(3, await RiskSteps.RemainingChancesAsync(player, activity));
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_blocked_partner_user_is_refused_only_in_the_tenant_that_blocked_it()
    {
        var tenant = await app.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(chances: 3));
        var tenantId = await TenantOfAsync(activity);
        var other = await app.NewTenantAsync();
        var otherActivity = await ApiSteps.CreateRunningAsync(other, ApiSteps.Definition(chances: 3));
        var otherId = await TenantOfAsync(otherActivity);
        var (mine, _) = await RiskSteps.VerifiedPlayerAsync(app, Player.ForPartner(tenantId, "user-42", "Ann", null, TimeProvider.System).Value);
        var (theirs, _) = await RiskSteps.VerifiedPlayerAsync(app, Player.ForPartner(otherId, "user-42", "Bob", null, TimeProvider.System).Value);
        await RiskSteps.BlockedAsync(tenant, "partnerUser", "user-42");

        await RiskSteps.AssertProblemAsync(await ApiSteps.DrawAsync(mine, activity), HttpStatusCode.Forbidden, "player-blocked");
        Assert.Equal(3, await RiskSteps.RemainingChancesAsync(mine, activity));
        // The other tenant's user "user-42" is someone else, and the other tenant blocked nobody.
        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(theirs, otherActivity)).StatusCode);
    }

    [Fact]
    public async Task One_tenants_block_list_does_not_touch_another_tenant()
    {
        var a = await app.NewTenantAsync();
        var b = await app.NewTenantAsync();
        var activityB = await ApiSteps.CreateRunningAsync(b, ApiSteps.Definition(chances: 3));
        var (player, playerId) = await RiskSteps.GuestAsync(app);
        var entry = await RiskSteps.BlockedAsync(a, "player", playerId.ToString());

        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(player, activityB)).StatusCode);
        var listB = await b.GetFromJsonAsync<JsonElement>("/api/admin/blocklist");
        Assert.Equal(0, listB.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await b.DeleteAsync($"/api/admin/blocklist/{entry}")).StatusCode);
        Assert.Equal(1, (await a.GetFromJsonAsync<JsonElement>("/api/admin/blocklist")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("robot", "x", "kind")]
    [InlineData(null, "x", "kind")]
    [InlineData("player", "not-a-guid", "value")]
    [InlineData("email", "two@a.com, three@b.com", "value")]
    [InlineData("emailDomain", "no-dot", "value")]
    [InlineData("ip", "999.1.1.1", "value")]
    [InlineData("ip", "", "value")]
    public async Task Bad_kinds_and_values_are_refused_and_nothing_is_stored(string? kind, string value, string field)
    {
        var tenant = await app.NewTenantAsync();
        var response = await tenant.PostAsJsonAsync("/api/admin/blocklist", new { kind, value, reason = "Test" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, (await tenant.GetFromJsonAsync<JsonElement>("/api/admin/blocklist")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_reason_is_required()
    {
        var tenant = await app.NewTenantAsync();
        var response = await RiskSteps.BlockAsync(tenant, "ip", "203.0.113.9", reason: "  ");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(0, (await tenant.GetFromJsonAsync<JsonElement>("/api/admin/blocklist")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Values_are_stored_normalised_a_duplicate_answers_the_entry_already_there_and_every_change_is_audited()
    {
        var tenant = await app.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition());
        var tenantId = await TenantOfAsync(activity);
        var version = await app.QueryAsync(db => db.Tenants.Where(t => t.Id == tenantId).Select(t => t.RiskVersion).SingleAsync());

        var first = await RiskSteps.BlockAsync(tenant, "email", "  Farmer@Example.COM ");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("farmer@example.com", created.GetProperty("value").GetString());
        Assert.Equal("email", created.GetProperty("kind").GetString());
        Assert.Equal($"/api/admin/blocklist/{created.GetProperty("id").GetGuid()}", first.Headers.Location?.OriginalString);

        var again = await RiskSteps.BlockAsync(tenant, "EMAIL", "farmer@example.com", "Another reason");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var existing = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(created.GetProperty("id").GetGuid(), existing.GetProperty("id").GetGuid());
        Assert.Equal("Farming", existing.GetProperty("reason").GetString());

        await RiskSteps.BlockedAsync(tenant, "emailDomain", "@Mailinator.COM.");
        await RiskSteps.BlockedAsync(tenant, "ip", "::ffff:10.0.0.1");
        var list = await tenant.GetFromJsonAsync<JsonElement>("/api/admin/blocklist");
        Assert.Equal(["10.0.0.1", "mailinator.com", "farmer@example.com"],
            list.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("value").GetString()!).ToArray());
        var paged = await tenant.GetFromJsonAsync<JsonElement>("/api/admin/blocklist?page=2&pageSize=2");
        Assert.Equal(["farmer@example.com"], paged.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("value").GetString()!).ToArray());

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.DeleteAsync($"/api/admin/blocklist/{created.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.DeleteAsync($"/api/admin/blocklist/{created.GetProperty("id").GetGuid()}")).StatusCode);

        var audit = await app.QueryAsync(db => db.Audit.IgnoreQueryFilters().Where(e => e.TenantId == tenantId && e.Action.StartsWith("blocklist."))
            .OrderBy(e => e.At).Select(e => new { e.Action, e.Actor, e.Before, e.After }).ToListAsync());
        Assert.Equal(["blocklist.add", "blocklist.add", "blocklist.add", "blocklist.remove"], audit.Select(e => e.Action).ToArray());
        Assert.All(audit, e => Assert.StartsWith("api-key:", e.Actor));
        Assert.Contains("farmer@example.com", audit[^1].Before);
        // Three additions and one removal: four bumps of the version every node compares its copy with.
        Assert.Equal(version + 4, await app.QueryAsync(db => db.Tenants.Where(t => t.Id == tenantId).Select(t => t.RiskVersion).SingleAsync()));
    }

    [Fact]
    public async Task Concurrent_additions_each_bump_the_version_so_no_node_keeps_a_list_missing_one()
    {
        var tenant = await app.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition());
        var tenantId = await TenantOfAsync(activity);
        var version = await app.QueryAsync(db => db.Tenants.Where(t => t.Id == tenantId).Select(t => t.RiskVersion).SingleAsync());

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => RiskSteps.BlockAsync(tenant, "ip", $"192.0.2.{i % 10}")));

        Assert.Equal(10, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(10, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(10, (await tenant.GetFromJsonAsync<JsonElement>("/api/admin/blocklist")).GetProperty("total").GetInt32());
        Assert.Equal(version + 10, await app.QueryAsync(db => db.Tenants.Where(t => t.Id == tenantId).Select(t => t.RiskVersion).SingleAsync()));
    }

    private Task<Guid> TenantOfAsync(Guid activity) => RiskSteps.TenantOfAsync(app, activity);
}
