using System.Net;
using System.Net.Sockets;

namespace AlwaysConnected.SipProxy.Transport;

/// <summary>One accepted TCP connection; sends are serialised so two responses never interleave.</summary>
internal sealed class TcpConnection(long id, Socket socket) : IDisposable
{
    private readonly Lock _sendGate = new();

    public long Id { get; } = id;

    public IPEndPoint Remote { get; } = (IPEndPoint)socket.RemoteEndPoint!;

    public NetworkStream Stream { get; } = new(socket, ownsSocket: true);

    public bool TrySend(ReadOnlySpan<byte> bytes)
    {
        try
        {
            lock (_sendGate)
            {
                Stream.Write(bytes);
            }

            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    public void Dispose() => Stream.Dispose();
}
