using System.Threading.Channels;
using Lottery.Web.Features.Board;
using Lottery.Web.Hubs;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Lottery.Web.Tests.Board;

/// <summary>
/// A kiosk screen as the browser page runs it, with the real .NET SignalR client: connects to one in-process app node
/// over WebSockets, joins an activity's board with a screen token and records every <c>snapshot</c> message.
/// </summary>
public sealed class KioskScreen : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Channel<BoardSnapshot> _snapshots = Channel.CreateUnbounded<BoardSnapshot>();
    private BoardSnapshot? _last;

    private KioskScreen(HubConnection connection)
    {
        _connection = connection;
        _connection.On<BoardSnapshot>(BoardHub.SnapshotMethod, s => _snapshots.Writer.TryWrite(s));
    }

    public static async Task<KioskScreen> ConnectAsync<TEntryPoint>(WebApplicationFactory<TEntryPoint> node)
        where TEntryPoint : class
    {
        var server = node.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, BoardHub.Path.TrimStart('/')), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.WebSocketFactory = (context, cancellationToken) =>
                    new ValueTask<System.Net.WebSockets.WebSocket>(server.CreateWebSocketClient().ConnectAsync(context.Uri, cancellationToken));
            })
            .Build();
        var screen = new KioskScreen(connection);
        await connection.StartAsync();
        return screen;
    }

    /// <summary>What the page does first: <c>Join(activityId, token)</c>, answered with the current snapshot.</summary>
    public Task<BoardSnapshot> JoinAsync(Guid activityId, string? token) =>
        _connection.InvokeAsync<BoardSnapshot>(nameof(BoardHub.Join), activityId, token);

    /// <summary>The first snapshot message (from now on, in arrival order) that matches, or a failure after <paramref name="timeout"/>.</summary>
    public async Task<BoardSnapshot> WaitForAsync(Func<BoardSnapshot, bool> done, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var snapshot = await _snapshots.Reader.ReadAsync(cancel.Token);
                _last = snapshot;
                if (done(snapshot))
                {
                    return snapshot;
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Assert.Fail($"No matching snapshot message within {timeout}; last: {_last?.ToString() ?? "none"}");
            throw;
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
