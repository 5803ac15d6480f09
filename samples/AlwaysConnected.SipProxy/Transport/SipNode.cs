using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Sip;
using Microsoft.Extensions.Logging;

namespace AlwaysConnected.SipProxy.Transport;

/// <summary>
/// One SIP listening point: a UDP socket and (optionally) a TCP listener on the same address and port.
/// Replies and forwarded requests leave through the UDP socket, so peers see one address per role;
/// responses to a request that came over TCP go back on its connection.
/// </summary>
internal sealed partial class SipNode : IAsyncDisposable
{
    private readonly ISipMessageHandler _handler;
    private readonly BadInputLimiter _badInput;
    private readonly ILogger _logger;
    private readonly SipParserOptions _parserOptions;
    private readonly int _maxMessageSize;
    private readonly Socket _udp;
    private readonly Socket[] _udpSockets;
    private readonly Socket? _tcp;
    private readonly ConcurrentDictionary<long, TcpConnection> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private readonly UdpReceiveWorkers _receivers;
    private readonly SipServerMetrics.RoleMetrics _metrics;
    private long _nextConnectionId;

    /// <summary>The receive timestamp of the datagram the current thread is handling (0 outside a UDP receive worker).</summary>
    [ThreadStatic]
    private static long t_receivedAt;

    public SipNode(string name, IPEndPoint bind, bool enableTcp, int maxMessageSize, int receiveWorkers, ISipMessageHandler handler, BadInputLimiter badInput, SipServerMetrics metrics, ILogger logger)
    {
        Name = name;
        _metrics = metrics.ForRole(name);
        _handler = handler;
        _badInput = badInput;
        _logger = logger;
        _maxMessageSize = maxMessageSize;
        _parserOptions = new SipParserOptions { MaxMessageSize = maxMessageSize };
        var workers = receiveWorkers > 0 ? receiveWorkers : Environment.ProcessorCount;
        var sockets = new List<Socket>(workers);
        try
        {
            // One socket per worker on the same address and port (SO_REUSEPORT, Linux): the kernel hashes each
            // peer's address and port to one socket, so a peer's messages (an ACK and the BYE right behind it)
            // are handled in the order they came. Elsewhere, one socket read by every worker.
            var reusePort = OperatingSystem.IsLinux() && workers > 1;
            _udp = CreateUdpSocket(bind.AddressFamily, reusePort);
            sockets.Add(_udp);
            _udp.Bind(bind);
            LocalEndPoint = (IPEndPoint)_udp.LocalEndPoint!;
            for (var i = 1; reusePort && i < workers; i++)
            {
                var socket = CreateUdpSocket(bind.AddressFamily, reusePort: true);
                sockets.Add(socket);
                socket.Bind(LocalEndPoint);
            }

            _udpSockets = [.. sockets];
            SentBy = $"{LocalEndPoint.Address}:{LocalEndPoint.Port}";
            SentByHost = Encoding.ASCII.GetBytes(LocalEndPoint.Address.ToString());
            ViaPrefix = Encoding.ASCII.GetBytes($"SIP/2.0/UDP {SentBy};branch=");
            if (enableTcp)
            {
                _tcp = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                _tcp.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                _tcp.Bind(LocalEndPoint);
                _tcp.Listen(128);
            }
        }
        catch
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }

            _tcp?.Dispose();
            throw;
        }

        _receivers = new UdpReceiveWorkers(_udpSockets, workers, socket => new DatagramReceiver(this, socket), name,
            ex => _badInput.Report(new IPEndPoint(IPAddress.None, 0), "receive failed", ex.SocketErrorCode.ToString()));
    }

    public string Name { get; }

    /// <summary>The bound address and port (the port is the real one when 0 was configured).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>host:port as written in this node's Via sent-by.</summary>
    public string SentBy { get; }

    /// <summary>The host of <see cref="SentBy"/> as bytes (compared with a response's top Via).</summary>
    public byte[] SentByHost { get; }

    /// <summary><c>SIP/2.0/UDP host:port;branch=</c>: this node's Via value up to the branch.</summary>
    public byte[] ViaPrefix { get; }

    /// <summary>Bytes allocated by the UDP receive workers while handling datagrams (the allocation test reads it).</summary>
    internal long ReceiveWorkersAllocatedBytes => _receivers.AllocatedBytes;

    /// <summary>How many threads receive on the UDP socket.</summary>
    public int ReceiveWorkerCount => _receivers.Count;

    public void Start()
    {
        _receivers.Start();
        if (_tcp is not null)
        {
            _loops.Add(Task.Run(() => AcceptAsync(_tcp, _stopping.Token)));
        }

        LogListening(Name, LocalEndPoint, _tcp is null ? "UDP" : "UDP+TCP", _receivers.Count);
    }

    /// <summary>Sends a datagram; failures are logged (rate-limited) and never thrown into the caller's receive loop.</summary>
    public void SendDatagram(ReadOnlySpan<byte> bytes, IPEndPoint destination)
    {
        try
        {
            SendSocket.SendTo(bytes, SocketFlags.None, destination);
            _metrics.Sent(t_receivedAt);
        }
        catch (SocketException ex)
        {
            _badInput.Report(destination, "send failed", ex.SocketErrorCode.ToString());
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    /// <summary>Sends a datagram to a socket address made once (a <see cref="Peer"/>'s): the packet path's send, no allocation.</summary>
    public void SendDatagram(ReadOnlySpan<byte> bytes, Peer destination)
    {
        try
        {
            SendSocket.SendTo(bytes, SocketFlags.None, destination.Address);
            _metrics.Sent(t_receivedAt);
        }
        catch (SocketException ex)
        {
            _badInput.Report(destination.EndPoint, "send failed", ex.SocketErrorCode.ToString());
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    /// <summary>The socket of the receive worker running this code (no two threads share a socket on the path), else the first.</summary>
    private Socket SendSocket => ReferenceEquals(t_node, this) ? t_socket! : _udp;

    [ThreadStatic]
    private static SipNode? t_node;

    [ThreadStatic]
    private static Socket? t_socket;

    private static Socket CreateUdpSocket(AddressFamily family, bool reusePort)
    {
        var socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp)
        {
            // A burst (retransmissions after a pause) must queue, not be dropped by the kernel:
            // a dropped ACK or BYE costs a retransmission or a failed call. The kernel caps the size.
            ReceiveBufferSize = 4 * 1024 * 1024,
            SendBufferSize = 1024 * 1024,
        };
        if (reusePort)
        {
            // SOL_SOCKET (1), SO_REUSEPORT (15) on Linux; .NET names no option for it.
            socket.SetRawSocketOption(1, 15, BitConverter.GetBytes(1));
        }

        return socket;
    }

    /// <summary>Counts a message that was neither forwarded nor answered.</summary>
    public void CountDropped() => _metrics.Dropped();

    /// <summary>Sends on an open TCP connection; false when it has closed meanwhile.</summary>
    public bool TrySendOnConnection(long connectionId, ReadOnlySpan<byte> bytes) =>
        _connections.TryGetValue(connectionId, out var connection) && connection.TrySend(bytes);

    /// <summary>Answers a message where it came from: the same connection for TCP, the source for UDP (RFC 3581 style).</summary>
    public void Reply(in Inbound inbound, ReadOnlySpan<byte> bytes, IPEndPoint udpDestination)
    {
        if (inbound.IsStream)
        {
            TrySendOnConnection(inbound.ConnectionId, bytes);
        }
        else
        {
            SendDatagram(bytes, udpDestination);
        }
    }

    /// <summary>One receive worker's handler: its own parser index and peer table, used only on its thread.</summary>
    private sealed class DatagramReceiver(SipNode node, Socket socket) : IDatagramHandler
    {
        private readonly SipMessageIndex _index = new(node._parserOptions);
        private readonly PeerTable _peers = new(node.LocalEndPoint.AddressFamily);

        public void Handle(ReadOnlySpan<byte> datagram, SocketAddress source, long receivedAt)
        {
            node._metrics.Received();
            t_receivedAt = receivedAt;
            t_node = node;
            t_socket = socket;
            var peer = _peers.Get(source);
            node.Dispatch(datagram, _index, new Inbound(peer.EndPoint, SipTransport.Udp, 0) { Peer = peer });
            t_receivedAt = 0;
        }
    }

    private void Dispatch(ReadOnlySpan<byte> datagram, SipMessageIndex index, in Inbound inbound)
    {
        if (datagram.Trim("\r\n"u8).IsEmpty)
        {
            return; // keep-alive
        }

        var status = SipParser.TryParseDatagram(datagram, index, out var message);
        Deliver(status, message, index, inbound);
    }

    private void Deliver(OperationStatus status, SipMessage message, SipMessageIndex index, in Inbound inbound)
    {
        try
        {
            if (status == OperationStatus.Done)
            {
                _handler.Handle(this, message, inbound);
            }
            else
            {
                _badInput.Report(inbound.Source, "unparsable message", index.Error.GetDescription());
                CountDropped();
                _handler.HandleInvalid(this, message, index.Error, inbound);
            }
        }
#pragma warning disable CA1031 // One bad message must never stop the listener; the failure is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            CountDropped();
            LogHandlerFailed(ex, Name, inbound.Source);
        }
    }

    private async Task AcceptAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex)
            {
                _badInput.Report(new IPEndPoint(IPAddress.None, 0), "accept failed", ex.SocketErrorCode.ToString());
                continue;
            }

            var id = Interlocked.Increment(ref _nextConnectionId);
            var connection = new TcpConnection(id, socket);
            _connections[id] = connection;
            _ = Task.Run(() => ServeConnectionAsync(connection, cancellationToken), CancellationToken.None);
        }
    }

    private async Task ServeConnectionAsync(TcpConnection connection, CancellationToken cancellationToken)
    {
        var index = new SipMessageIndex(_parserOptions);
        var inbound = new Inbound(connection.Remote, SipTransport.Tcp, connection.Id);
        var reader = PipeReader.Create(connection.Stream);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                var keepGoing = ParseAll(ref buffer, index, inbound);
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (!keepGoing)
                {
                    break;
                }

                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty)
                    {
                        _badInput.Report(connection.Remote, "half message", $"connection closed with {buffer.Length} bytes of an incomplete message");
                    }

                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException ex)
        {
            _badInput.Report(connection.Remote, "connection reset", ex.InnerException?.Message ?? ex.Message);
        }
        finally
        {
            await reader.CompleteAsync();
            _connections.TryRemove(connection.Id, out _);
            connection.Dispose();
        }
    }

    /// <summary>Handles every complete message in the buffer; false when the connection must close (framing lost).</summary>
    private bool ParseAll(ref ReadOnlySequence<byte> buffer, SipMessageIndex index, in Inbound inbound)
    {
        while (!buffer.IsEmpty)
        {
            var status = SipParser.TryParseStream(buffer, index, out var message, out var consumed);
            if (status == OperationStatus.NeedMoreData)
            {
                if (buffer.Length > _maxMessageSize)
                {
                    _badInput.Report(inbound.Source, "oversized message", $"more than {_maxMessageSize} bytes without a complete message; closing");
                    return false;
                }

                return true;
            }

            var framingLost = status == OperationStatus.InvalidData && consumed.Equals(buffer.Start);
            Deliver(status, message, index, inbound);
            if (framingLost)
            {
                return false;
            }

            buffer = buffer.Slice(consumed);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _receivers.Stop();
        foreach (var socket in _udpSockets)
        {
            socket.Dispose();
        }

        _tcp?.Dispose();
        foreach (var connection in _connections.Values)
        {
            connection.Dispose();
        }

        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5));
            if (!_receivers.Join(TimeSpan.FromSeconds(5)))
            {
                LogStopTimedOut(Name);
            }
        }
        catch (TimeoutException)
        {
            LogStopTimedOut(Name);
        }

        _stopping.Dispose();
        LogStopped(Name);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Role} listening on {EndPoint} ({Transports}, {Workers} UDP receive threads)")]
    private partial void LogListening(string role, IPEndPoint endPoint, string transports, int workers);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Role} stopped")]
    private partial void LogStopped(string role);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Role} did not stop its loops within 5 s")]
    private partial void LogStopTimedOut(string role);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "{Role} failed handling a message from {Source}")]
    private partial void LogHandlerFailed(Exception exception, string role, IPEndPoint source);
}
