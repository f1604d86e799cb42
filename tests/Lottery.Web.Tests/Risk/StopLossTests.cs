using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lottery.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Tests.Risk;

/// <summary>
/// The stop-loss: the tenant's switch stops every draw, task and entry of the tenant (409 draws-stopped, nothing
/// consumed), players see the paused state, and resuming lets them play again; the platform's switch stops every tenant
/// (of this class's own database: each test class has an app and a database of its own).
/// </summary>
public sealed class StopLossTests(RiskApp app) : IClassFixture<RiskApp>
{
    private static readonly object[] Tasks = [new { kind = "share", chances = 2 }];

    [Fact]
    public async Task The_tenant_switch_stops_every_draw_task_and_entry_of_the_tenant_only_until_resumed()
    {
        var tenant = await app.NewTenantAsync();
        var instant = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(chances: 3, tasks: Tasks));
        var scheduled = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(prize: "Mug", kind: "scheduled", drawAt: DateTimeOffset.UtcNow.AddDays(1)));
        var other = await app.NewTenantAsync();
        var otherActivity = await ApiSteps.CreateRunningAsync(other, ApiSteps.Definition(chances: 3));
        var (player, playerId) = await RiskSteps.GuestAsync(app);
        Assert.False((await RiskSteps.ViewAsync(player, instant)).GetProperty("drawsStopped").GetBoolean());

        var stopped = await tenant.PostAsJsonAsync("/api/admin/stop-loss", new { reason = "Prize budget spent" });
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        var state = await stopped.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(state.GetProperty("tenant").GetProperty("stopped").GetBoolean());
        Assert.Equal("Prize budget spent", state.GetProperty("tenant").GetProperty("reason").GetString());
        Assert.StartsWith("api-key:", state.GetProperty("tenant").GetProperty("stoppedBy").GetString());
        Assert.True(state.GetProperty("drawsStopped").GetBoolean());

        await RiskSteps.AssertProblemAsync(await ApiSteps.DrawAsync(player, instant), HttpStatusCode.Conflict, "draws-stopped");
        await RiskSteps.AssertProblemAsync(await player.PostAsync($"/api/activities/{instant}/tasks/share", null), HttpStatusCode.Conflict, "draws-stopped");
        await RiskSteps.AssertProblemAsync(await player.PostAsync($"/api/activities/{scheduled}/entries", null), HttpStatusCode.Conflict, "draws-stopped");
        var view = await RiskSteps.ViewAsync(player, instant);
        Assert.True(view.GetProperty("drawsStopped").GetBoolean());
        Assert.Equal(3, view.GetProperty("remainingChances").GetInt32());
        Assert.Equal(0, await app.QueryAsync(db => db.DrawRecords.IgnoreQueryFilters().CountAsync(d => d.PlayerId == playerId)));
        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(player, otherActivity)).StatusCode);
        Assert.False((await RiskSteps.ViewAsync(player, otherActivity)).GetProperty("drawsStopped").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await tenant.DeleteAsync("/api/admin/stop-loss")).StatusCode);
        var drawn = await ApiSteps.DrawAsync(player, instant);
        Assert.Equal(HttpStatusCode.OK, drawn.StatusCode);
        Assert.Equal(2, (await drawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("remainingChances").GetInt32());
        Assert.False((await RiskSteps.ViewAsync(player, instant)).GetProperty("drawsStopped").GetBoolean());

        var tenantId = await RiskSteps.TenantOfAsync(app, instant);
        var audit = await app.QueryAsync(db => db.Audit.IgnoreQueryFilters().Where(e => e.TenantId == tenantId && e.Action.StartsWith("draws."))
            .OrderBy(e => e.At).Select(e => e.Action).ToListAsync());
        Assert.Equal(["draws.stop", "draws.resume"], audit);
    }

    [Fact]
    public async Task A_scheduled_draw_waits_while_draws_are_stopped()
    {
        var tenant = await app.NewTenantAsync();
        var scheduled = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition(kind: "scheduled", drawAt: DateTimeOffset.UtcNow.AddDays(1)));
        Assert.Equal(HttpStatusCode.OK, (await tenant.PostAsJsonAsync("/api/admin/stop-loss", new { reason = "Audit" })).StatusCode);

        await RiskSteps.AssertProblemAsync(await tenant.PostAsync($"/api/admin/activities/{scheduled}/draw", null), HttpStatusCode.Conflict, "draws-stopped");
        Assert.Equal("Open", (await RiskSteps.ViewAsync(tenant, scheduled)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_stop_reason_longer_than_allowed_is_refused_and_changes_nothing()
    {
        var tenant = await app.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ApiSteps.Definition());
        var response = await tenant.PostAsJsonAsync("/api/admin/stop-loss", new { reason = new string('x', 501) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.False((await tenant.GetFromJsonAsync<JsonElement>("/api/admin/stop-loss")).GetProperty("drawsStopped").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(await app.NewPlayerAsync(), activity)).StatusCode);
    }

    [Fact]
    public async Task The_platform_switch_stops_every_tenant_and_needs_the_platform_key()
    {
        var a = await app.NewTenantAsync();
        var b = await app.NewTenantAsync();
        var activityA = await ApiSteps.CreateRunningAsync(a, ApiSteps.Definition(chances: 5));
        var activityB = await ApiSteps.CreateRunningAsync(b, ApiSteps.Definition(chances: 5));
        var player = await app.NewPlayerAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await a.PostAsJsonAsync("/api/platform/stop-loss", new { reason = "x" })).StatusCode);
        var stopped = await app.Platform().PostAsJsonAsync("/api/platform/stop-loss", new { reason = "Payment provider down" });
        try
        {
            Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
            Assert.True((await stopped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stopped").GetBoolean());
            await RiskSteps.AssertProblemAsync(await ApiSteps.DrawAsync(player, activityA), HttpStatusCode.Conflict, "draws-stopped");
            await RiskSteps.AssertProblemAsync(await ApiSteps.DrawAsync(player, activityB), HttpStatusCode.Conflict, "draws-stopped");
            var state = await b.GetFromJsonAsync<JsonElement>("/api/admin/stop-loss");
            Assert.True(state.GetProperty("platform").GetProperty("stopped").GetBoolean());
            Assert.False(state.GetProperty("tenant").GetProperty("stopped").GetBoolean());
            Assert.Equal("Payment provider down", state.GetProperty("platform").GetProperty("reason").GetString());
            var tenantB = await RiskSteps.TenantOfAsync(app, activityB);
            Assert.Equal(1, await app.QueryAsync(db => db.Audit.IgnoreQueryFilters().CountAsync(e => e.TenantId == tenantB && e.Action == "draws.platform.stop")));
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await app.Platform().DeleteAsync("/api/platform/stop-loss")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(player, activityA)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ApiSteps.DrawAsync(player, activityB)).StatusCode);
    }
}

