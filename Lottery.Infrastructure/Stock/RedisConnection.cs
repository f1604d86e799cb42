using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Lottery.Infrastructure.Stock;

/// <summary>
/// The process's one Redis multiplexer, connected lazily and asynchronously (async API only: see PACKAGES.md). Registered only when Redis is configured.
/// </summary>
public sealed class RedisConnection(IOptions<RedisOptions> options) : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer = new(() => Connect(options.Value));

    public Task<ConnectionMultiplexer> GetAsync() => _multiplexer.Value;

    public async Task<IDatabase> GetDatabaseAsync() => (await GetAsync()).GetDatabase();

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully)
        {
            // Dispose() would wait for pending commands; at shutdown they are abandoned instead.
            await _multiplexer.Value.Result.CloseAsync(allowCommandsToComplete: false);
            _multiplexer.Value.Result.Dispose();
        }
    }

    private static Task<ConnectionMultiplexer> Connect(RedisOptions options)
    {
        var config = ConfigurationOptions.Parse(options.Configuration!);
        config.AbortOnConnectFail = false;
        return ConnectionMultiplexer.ConnectAsync(config);
    }
}
