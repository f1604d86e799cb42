namespace Lottery.Web.Tests.Support;

/// <summary>One app (one migrated, seeded database) for all the HTTP tests: starting it is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class SharedApp : ICollectionFixture<LotteryAppFactory>
{
    public const string Name = "app";
}
