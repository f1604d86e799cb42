using System.Net;
using System.Net.Sockets;

namespace Lottery.TestSupport;

/// <summary>A loopback TCP port nobody listens on right now (the OS picks it), for a server a test starts itself.</summary>
public static class FreeTcpPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
