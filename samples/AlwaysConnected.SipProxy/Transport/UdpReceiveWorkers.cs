using System.Net;
using System.Net.Sockets;

namespace AlwaysConnected.SipProxy.Transport;

/// <summary>What a receive worker does with each datagram, on its own thread, before it receives the next.</summary>
internal interface IDatagramHandler
{
    /// <param name="datagram">A view over the worker's buffer, valid only during the call.</param>
    /// <param name="source">The worker's reused source address, valid only during the call.</param>
    /// <param name="receivedAt">The <see cref="System.Diagnostics.Stopwatch"/> timestamp of the receive.</param>
    void Handle(ReadOnlySpan<byte> datagram, SocketAddress source, long receivedAt);
}

/// <summary>
/// N threads blocked in a synchronous receive, on one UDP socket each (SO_REUSEPORT sockets on the same
/// address) or all on one socket (the kernel wakes one per datagram); each handles its datagram to the end
/// on its own thread with its own buffer and source address, then receives the next. No thread-pool hop,
/// no lock, nothing allocated per datagram, no CPU when idle.
/// </summary>
/// <remarks>
/// A reusable part: a host gives it bound sockets on which no asynchronous operation has ever run (an
/// asynchronous operation switches a .NET socket to non-blocking mode for good, and the synchronous receive
/// would then be emulated) and one handler per worker (worker i reads socket i modulo their number).
/// Closing the sockets ends the workers.
/// </remarks>
internal sealed class UdpReceiveWorkers
{
    private readonly Worker[] _workers;
    private volatile bool _stopping;

    public UdpReceiveWorkers(Socket[] sockets, int count, Func<Socket, IDatagramHandler> createHandler, string name, Action<SocketException> onReceiveError)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfZero(sockets.Length);
        _workers = new Worker[count];
        for (var i = 0; i < count; i++)
        {
            var socket = sockets[i % sockets.Length];
            _workers[i] = new Worker(this, socket, createHandler(socket), onReceiveError, $"{name} UDP {i}");
        }
    }

    public int Count => _workers.Length;

    /// <summary>Bytes allocated so far by the worker threads while handling datagrams (for the allocation test).</summary>
    public long AllocatedBytes
    {
        get
        {
            long total = 0;
            foreach (var worker in _workers)
            {
                total += Volatile.Read(ref worker.AllocatedBytes);
            }

            return total;
        }
    }

    public void Start()
    {
        foreach (var worker in _workers)
        {
            worker.Thread.Start();
        }
    }

    /// <summary>Marks the workers stopping; the owner then closes the socket, which ends their receives.</summary>
    public void Stop() => _stopping = true;

    /// <summary>Waits for the worker threads to end (after the socket is closed).</summary>
    public bool Join(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var worker in _workers)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !worker.Thread.Join(left))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Worker
    {
        private readonly UdpReceiveWorkers _owner;
        private readonly Socket _socket;
        private readonly IDatagramHandler _handler;
        private readonly Action<SocketException> _onReceiveError;
        public long AllocatedBytes;

        public Worker(UdpReceiveWorkers owner, Socket socket, IDatagramHandler handler, Action<SocketException> onReceiveError, string name)
        {
            _owner = owner;
            _socket = socket;
            _handler = handler;
            _onReceiveError = onReceiveError;
            Thread = new Thread(Run) { IsBackground = true, Name = name };
        }

        public Thread Thread { get; }

        private void Run()
        {
            var socket = _socket;
            var buffer = GC.AllocateUninitializedArray<byte>(65536, pinned: true);
            var source = new SocketAddress(socket.AddressFamily);
            while (!_owner._stopping)
            {
                int length;
                try
                {
                    length = socket.ReceiveFrom(buffer, SocketFlags.None, source);
                }
                catch (ObjectDisposedException)
                {
                    break;
                }
                catch (SocketException ex)
                {
                    if (_owner._stopping || ex.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted or SocketError.Shutdown)
                    {
                        break;
                    }

                    // An ICMP error from an earlier send surfaces here on some systems; the socket keeps working.
                    _onReceiveError(ex);
                    continue;
                }

                _handler.Handle(buffer.AsSpan(0, length), source, System.Diagnostics.Stopwatch.GetTimestamp());
                Volatile.Write(ref AllocatedBytes, GC.GetAllocatedBytesForCurrentThread());
            }
        }
    }
}
