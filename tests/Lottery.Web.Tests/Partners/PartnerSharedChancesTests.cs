using System.Net;
using Lottery.Web.Tests.Api;
using static Lottery.Web.Tests.Partners.PartnerSteps;

namespace Lottery.Web.Tests.Partners;

/// <summary>
/// Every session of one partner user is one player: its chances are shared under real concurrency, in each store mode.
/// The factories keep the per-player draw rate limit off (RateLimiting:PlayerDraws = 0), so only the chances refuse.
/// </summary>
public abstract class PartnerSharedChancesTests<TFactory>(TFactory api) : IClassFixture<TFactory>
    where TFactory : LotteryApiFactory
{
    [Fact]
    public async Task Two_sessions_of_one_partner_user_share_three_chances_over_fifty_parallel_draws()
    {
        var tenant = await api.NewTenantAsync();
        var key = await CreateKeyAsync(tenant);
        var activity = await ApiSteps.CreateRunningAsync(tenant, PartnerDefinition(chances: 3));
        var (phone, first) = await PartnerPlayerAsync(api, Sign(key.KeyId, key.Secret, "shared-user"));
        var (laptop, second) = await PartnerPlayerAsync(api, Sign(key.KeyId, key.Secret, "shared-user"));
        Assert.Equal(first, second);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => ApiSteps.DrawAsync(i % 2 == 0 ? phone : laptop, activity)));

        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.OK) == 3,
            string.Join(", ", responses.Select(r => (int)r.StatusCode)) + " " + api.Errors);
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.All(await Task.WhenAll(refused.Select(ApiSteps.ProblemCodeAsync)), code => Assert.Equal("no-chances-left", code));
        await ApiSteps.EventuallyAsync(() => ApiSteps.StatsAsync(tenant, activity), s => s.GetProperty("draws").GetInt32() == 3);
    }
}

public sealed class EmbeddedSqlitePartnerChancesTests(EmbeddedSqliteApi api) : PartnerSharedChancesTests<EmbeddedSqliteApi>(api);

public sealed class EmbeddedPostgresPartnerChancesTests(EmbeddedPostgresApi api) : PartnerSharedChancesTests<EmbeddedPostgresApi>(api);

public sealed class RedisPostgresPartnerChancesTests(RedisPostgresApi api) : PartnerSharedChancesTests<RedisPostgresApi>(api);
