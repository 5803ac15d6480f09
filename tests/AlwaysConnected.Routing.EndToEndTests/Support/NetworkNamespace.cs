using System.Diagnostics;
using System.Globalization;

namespace AlwaysConnected.Routing.EndToEndTests.Support;

/// <summary>
/// A throw-away network namespace joined to the host by a veth pair with link-local addresses
/// (169.254.x.1 host side, .2 inside). Nothing is routed anywhere else; the namespace and the pair
/// are removed on dispose (and a leftover of the same name is removed before creating).
/// </summary>
internal sealed class NetworkNamespace : IDisposable
{
    public NetworkNamespace()
    {
        var id = Environment.ProcessId % 10000;
        Name = "acsp-e2e-" + id.ToString(CultureInfo.InvariantCulture);
        HostInterface = "acsp" + id.ToString(CultureInfo.InvariantCulture) + "h";
        var subnet = 1 + (id % 250);
        HostAddress = $"169.254.{subnet}.1";
        InsideAddress = $"169.254.{subnet}.2";
        Remove();
        try
        {
            Ip($"netns add {Name}");
            Ip($"link add {HostInterface} type veth peer name {HostInterface}n");
            Ip($"link set {HostInterface}n netns {Name}");
            Ip($"addr add {HostAddress}/30 dev {HostInterface}");
            Ip($"link set {HostInterface} up");
            Ip($"-n {Name} addr add {InsideAddress}/30 dev {HostInterface}n");
            Ip($"-n {Name} link set {HostInterface}n up");
            Ip($"-n {Name} link set lo up");
        }
        catch
        {
            Remove();
            throw;
        }
    }

    public string Name { get; }

    public string HostInterface { get; }

    public string HostAddress { get; }

    public string InsideAddress { get; }

    public void Dispose() => Remove();

    private void Remove()
    {
        // Deleting one end of a veth deletes both; deleting the namespace deletes what is inside.
        TryIp($"link del {HostInterface}");
        TryIp($"netns del {Name}");
    }

    private static void Ip(string arguments)
    {
        var (code, output) = Run(arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"ip {arguments} failed ({code}): {output}");
        }
    }

    private static void TryIp(string arguments) => Run(arguments);

    private static (int Code, string Output) Run(string arguments)
    {
        var info = new ProcessStartInfo("ip", arguments) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
            return (-1, "timed out");
        }

        return (process.ExitCode, process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd());
    }
}
