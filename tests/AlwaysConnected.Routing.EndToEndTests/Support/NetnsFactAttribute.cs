namespace AlwaysConnected.Routing.EndToEndTests.Support;

/// <summary>A fact that needs sipp, root and iproute2 (it creates a network namespace); skipped with the reason otherwise.</summary>
public sealed class NetnsFactAttribute : FactAttribute
{
    public NetnsFactAttribute()
    {
        if (Sipp.Path is null)
        {
            Skip = "sipp is not installed (Debian package sip-tester: apt-get install -y sip-tester)";
        }
        else if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Skip = "needs root on Linux to create a network namespace";
        }
        else if (!File.Exists("/usr/sbin/ip") && !File.Exists("/sbin/ip") && !File.Exists("/usr/bin/ip"))
        {
            Skip = "iproute2 (ip) is not installed";
        }
    }
}
