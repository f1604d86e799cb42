namespace Lottery.TestSupport;

/// <summary>
/// Two app nodes on one database (and, in Redis modes, one Redis), as behind a load balancer. Disposing stops both
/// hosts and drops the database (node B first: node A owns it).
/// </summary>
public sealed class TwoNodes : IAsyncDisposable
{
    private TwoNodes(LotteryApiFactory a, LotteryApiFactory b) => (A, B) = (a, b);

    public LotteryApiFactory A { get; }

    public LotteryApiFactory B { get; }

    public static async Task<TwoNodes> StartAsync(StoreMode mode)
    {
        var a = new LotteryApiFactory(mode);
        await a.InitializeAsync();
        var b = new LotteryApiFactory(mode, sharedDatabase: a.DatabaseName);
        try
        {
            await b.InitializeAsync();
        }
        catch
        {
            await ((IAsyncLifetime)a).DisposeAsync();
            throw;
        }

        return new TwoNodes(a, b);
    }

    public async ValueTask DisposeAsync()
    {
        await ((IAsyncLifetime)B).DisposeAsync();
        await ((IAsyncLifetime)A).DisposeAsync();
    }
}
