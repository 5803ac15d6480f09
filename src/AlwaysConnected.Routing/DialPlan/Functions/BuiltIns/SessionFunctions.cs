using AlwaysConnected.Routing.Requests;
using System.Buffers;

namespace AlwaysConnected.Routing.DialPlan.Functions.BuiltIns;

/// <summary>
/// <c>$sessionnum</c>, <c>$sps</c>, <c>$route.concurrent</c>, <c>$route.underlimit</c>,
/// <c>$route.sps</c>, <c>$route.spslimit</c>: read from the session counters the host feeds.
/// </summary>
internal static class SessionFunctions
{
    public static IEnumerable<DialPlanFunction> All()
    {
        yield return new("sessionnum", 0, 0, static (in c, r) => ValueWriter.Integer(r, c.Services.Sessions.Concurrent));
        yield return new("sps", 0, 0, static (in c, r) => ValueWriter.Integer(r, c.Services.Sessions.SessionsPerSecond));
        yield return new("route.concurrent", 1, 1, static (in c, r) => WithRoute(c, r, static (s, name, _, result) => ValueWriter.Integer(result, s.GetConcurrent(name))));
        yield return new("route.sps", 1, 1, static (in c, r) => WithRoute(c, r, static (s, name, _, result) => ValueWriter.Integer(result, s.GetSessionsPerSecond(name))));
        yield return new("route.underlimit", 2, 2, static (in c, r) => WithRoute(c, r, static (s, name, max, result) => ValueWriter.Boolean(result, s.GetConcurrent(name) < max)));
        yield return new("route.spslimit", 2, 2, static (in c, r) => WithRoute(c, r, static (s, name, max, result) => ValueWriter.Boolean(result, s.GetSessionsPerSecond(name) < max)));
    }

    private delegate bool RouteQuery(Services.ISessionCounters sessions, ReadOnlySpan<char> routeName, long limit, IBufferWriter<byte> result);

    private static bool WithRoute(in DialPlanFunctionContext c, IBufferWriter<byte> result, RouteQuery query)
    {
        Span<char> chars = stackalloc char[CharScratch.MaxLength];
        if (!c.TryGetArgument(0, out var name) || !CharScratch.TryDecode(name.Trim((byte)' '), chars, out var routeName))
        {
            return false;
        }

        long limit = 0;
        if (c.ArgumentCount > 1 && (!c.TryGetArgument(1, out var limitText) || !ValueWriter.TryParseInteger(limitText, out limit)))
        {
            return false;
        }

        return query(c.Services.Sessions, routeName, limit, result);
    }
}
