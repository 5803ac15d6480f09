using System.Net;
using AlwaysConnected.Routing;

namespace AlwaysConnected.Routing.Tests.Support;

/// <summary>The Media Server's INVITE of the Always Connected recipe, and where it comes from.</summary>
public static class SeedMessages
{
    public static byte[] MediaServerInvite(string number = "09012345678", string? marker = "pin") => TestRequest.Build(
        "INVITE",
        $"sip:{number}@127.0.0.1:5060",
        [
            ("From", "\"Agent 101\" <sip:101@127.0.0.1:5056>;tag=ms1"),
            ("To", $"<sip:{number}@127.0.0.1:5060>"),
            ("Contact", "<sip:101@127.0.0.1:5056>"),
            .. marker is null ? Array.Empty<(string, string)>() : [("X-PBX-Param", marker)],
        ]);

    public static RoutingContext FromMediaServer => new(new IPEndPoint(IPAddress.Loopback, 5056));

    public static RoutingContext FromOutside => new(new IPEndPoint(IPAddress.Parse("203.0.113.9"), 5060));
}
