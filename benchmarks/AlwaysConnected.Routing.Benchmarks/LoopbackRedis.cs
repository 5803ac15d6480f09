using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>
/// A redis-server of the benchmark's own on a free loopback port, stopped by PID on dispose; nothing is
/// persisted. Null from <see cref="TryStart"/> when redis-server is not installed.
/// </summary>
internal sealed class LoopbackRedis : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private LoopbackRedis(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static LoopbackRedis? TryStart()
    {
        var path = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);
        if (path is null)
        {
            return null;
        }

        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var directory = Directory.CreateTempSubdirectory("redis-bench-").FullName;
        var info = new ProcessStartInfo(path) { UseShellExecute = false, RedirectStandardOutput = true, WorkingDirectory = directory };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var redis = new LoopbackRedis(process, directory, port);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (redis.Pings())
            {
                return redis;
            }

            Thread.Sleep(50);
        }

        redis.Dispose();
        throw new TimeoutException($"redis-server on port {port} did not answer within 10 s");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private bool Pings()
    {
        try
        {
            using var client = new TcpClient();
            client.ReceiveTimeout = 500;
            client.Connect(IPAddress.Loopback, Port);
            client.GetStream().Write("PING\r\n"u8);
            var buffer = new byte[8];
            var read = client.GetStream().Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }
}
