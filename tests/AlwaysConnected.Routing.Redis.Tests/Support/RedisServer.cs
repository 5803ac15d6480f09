using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AlwaysConnected.Routing.Redis.Tests.Support;

/// <summary>
/// A redis-server of the test's own on a free loopback port, started and stopped by PID (never a shared
/// instance). Nothing is persisted; its directory is removed on dispose. Every wait is bounded.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private readonly string _directory;
    private Process? _process;

    public RedisServer()
    {
        if (Path is null)
        {
            throw new InvalidOperationException(RedisFactAttribute.MissingReason);
        }

        Port = FreeTcpPort();
        _directory = Directory.CreateTempSubdirectory("redis-test-").FullName;
        Start();
    }

    /// <summary>The redis-server executable, or null when it is not installed.</summary>
    public static string? Path { get; } = Find();

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts the server (again) on the same port and waits until it answers PING.</summary>
    public void Start()
    {
        if (IsRunning)
        {
            return;
        }

        var info = new ProcessStartInfo(Path!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", _directory, "--daemonize", "no", "--logfile", "",
        })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited at start with code {_process.ExitCode} (port {Port})");
            }

            if (Pings())
            {
                return;
            }

            Thread.Sleep(50);
        }

        Stop();
        throw new TimeoutException($"redis-server on port {Port} did not answer PING within {StartTimeout}");
    }

    /// <summary>Freezes the server (SIGSTOP by PID): connections stay open, nothing answers, as a Redis stuck or overloaded.</summary>
    public void Pause() => Signal("-STOP");

    /// <summary>Lets a frozen server go on (SIGCONT).</summary>
    public void Resume() => Signal("-CONT");

    /// <summary>Stops the server abruptly (SIGKILL by PID), as a crashed Redis would.</summary>
    public void Stop()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        finally
        {
            _process.Dispose();
            _process = null;
        }
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit(5000).Should().BeTrue();
        kill.ExitCode.Should().Be(0);
    }

    private bool Pings()
    {
        try
        {
            using var client = new TcpClient();
            client.SendTimeout = 500;
            client.ReceiveTimeout = 500;
            if (!client.ConnectAsync(IPAddress.Loopback, Port).Wait(500))
            {
                return false;
            }

            var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or AggregateException)
        {
            return false;
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Find()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator).Append("/usr/bin").Append("/usr/sbin"))
        {
            var candidate = System.IO.Path.Combine(directory, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
