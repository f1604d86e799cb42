using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lottery.Domain.Draws;
using Lottery.Domain.Prizes;
using Lottery.Domain.Risk;
using Lottery.Web.Features.Players;
using Lottery.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace Lottery.Web.Tests.Review;

/// <summary>A high-value prize is handed only to a verified player: a guest's win is kept, its claim waits for verification.</summary>
public sealed class HighValueClaimTests(EmbeddedSqliteApi api) : IClassFixture<EmbeddedSqliteApi>
{
    [Fact]
    public async Task A_guest_who_wins_a_high_value_prize_cannot_claim_it_until_verified()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ReviewSteps.Definition("E-bike", highValue: true, stock: 2));
        var guest = await ReviewSteps.GuestAsync(api, "Mia");

        var win = await ReviewSteps.WinAsync(guest, activity);
        Assert.True(win.GetProperty("verificationRequired").GetBoolean());
        var claim = await guest.PostAsJsonAsync($"/api/me/wins/{win.GetProperty("id").GetGuid()}/claim", ReviewSteps.Address());

        Assert.Equal(HttpStatusCode.Forbidden, claim.StatusCode);
        var problem = await claim.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("verification-required", problem.GetProperty("code").GetString());
        Assert.Contains("confirm your e-mail address", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var stored = await api.QueryAsync(db => db.Wins.IgnoreQueryFilters().SingleAsync(w => w.ActivityId == activity));
        Assert.Equal((WinStatus.AwaitingClaim, null), (stored.Status, stored.Claim)); // the win is kept, nothing claimed
        Assert.Equal(1, (await ApiSteps.StatsAsync(tenant, activity)).GetProperty("wins").GetInt32());
    }

    [Fact]
    public async Task A_verified_e_mail_player_claims_a_high_value_prize_as_usual()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ReviewSteps.Definition("E-bike", highValue: true, stock: 2));
        var (player, _) = await ReviewSteps.EmailPlayerAsync(api, $"mia.{Guid.NewGuid():N}@example.com");

        var win = await ReviewSteps.WinAsync(player, activity);
        Assert.False(win.GetProperty("verificationRequired").GetBoolean());
        var claim = await player.PostAsJsonAsync($"/api/me/wins/{win.GetProperty("id").GetGuid()}/claim", ReviewSteps.Address(line1: $"{Guid.NewGuid():N} Road"));

        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        var view = await claim.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Claimed", view.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("review").ValueKind);
    }

    [Fact]
    public async Task A_prize_that_is_not_high_value_is_claimed_by_a_guest()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ReviewSteps.Definition("Tote bag"));
        var guest = await ReviewSteps.GuestAsync(api, "Noah");

        var win = await ReviewSteps.WinAsync(guest, activity);
        var claim = await guest.PostAsJsonAsync($"/api/me/wins/{win.GetProperty("id").GetGuid()}/claim", ReviewSteps.Address(line1: $"{Guid.NewGuid():N} Road"));

        Assert.False(win.GetProperty("verificationRequired").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
    }

    [Fact]
    public async Task The_management_api_marks_a_catalogue_prize_high_value_for_its_own_tenant_only()
    {
        var tenant = await api.NewTenantAsync();
        var activity = await ApiSteps.CreateRunningAsync(tenant, ReviewSteps.Definition("Watch"));
        var prize = await ReviewSteps.PrizeIdAsync(api, activity);
        var guest = await ReviewSteps.GuestAsync(api, "Liam");
        var win = await ReviewSteps.WinAsync(guest, activity);
        Assert.False(win.GetProperty("verificationRequired").GetBoolean());

        var marked = await tenant.PutAsJsonAsync($"/api/admin/prizes/{prize}/high-value", new { highValue = true });

        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.True((await marked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("highValue").GetBoolean());
        Assert.True(await api.QueryAsync(db => db.Prizes.IgnoreQueryFilters().Where(p => p.Id == prize).Select(p => p.IsHighValue).SingleAsync()));
        var now = (await guest.GetFromJsonAsync<JsonElement>($"/api/me/wins?activityId={activity}"))[0];
        Assert.True(now.GetProperty("verificationRequired").GetBoolean()); // the catalogue decides, also for wins before the change
        Assert.Contains(await api.QueryAsync(db => db.Audit.IgnoreQueryFilters().Where(a => a.PrizeId == prize).Select(a => a.Action).ToListAsync()),
            a => a == "prize.update");

        var stranger = await api.NewTenantAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PutAsJsonAsync($"/api/admin/prizes/{prize}/high-value", new { highValue = false })).StatusCode);
        var empty = await tenant.PutAsJsonAsync($"/api/admin/prizes/{prize}/high-value", new { });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.True(await api.QueryAsync(db => db.Prizes.IgnoreQueryFilters().Where(p => p.Id == prize).Select(p => p.IsHighValue).SingleAsync()));
    }

    [Theory]
    [InlineData(false, null, "GIFT-2030")]
    [InlineData(true, null, null)]
    [InlineData(false, ReviewDecision.Pending, null)]
    [InlineData(false, ReviewDecision.Rejected, null)]
    [InlineData(false, ReviewDecision.Approved, "GIFT-2030")]
    public void A_code_is_shown_only_when_neither_verification_nor_a_review_stands_in_the_way(bool verify, ReviewDecision? review, string? shown)
    {
        var win = WinRecord.Create(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, null, "Gift card",
            PrizeKind.Code, DateTimeOffset.UtcNow);
        win.AssignCode("GIFT-2030");

        var view = PlayerWins.ToView(win, verify, review);

        Assert.Equal((shown, verify, review?.ToString().ToLowerInvariant()), (view.Code, view.VerificationRequired, view.Review));
    }
}
