using AlwaysConnected.Routing.Requests;
using System.Buffers;
using AlwaysConnected.Routing.DialPlan.Evaluation;

namespace AlwaysConnected.Routing.DialPlan.Functions.BuiltIns;

/// <summary>
/// <c>$geturi</c>, <c>$getSIPuser</c>, <c>$getDisplayName</c>, <c>$param</c>, <c>$uriParam</c>,
/// <c>$headerParam</c>: pieces of a header value (a bare header name as argument is that header's value).
/// </summary>
internal static class UriFunctions
{
    public static IEnumerable<DialPlanFunction> All()
    {
        yield return new("geturi", 1, 1, GetUri);
        yield return new("getSIPuser", 1, 1, GetSipUser);
        yield return new("getDisplayName", 1, 1, GetDisplayName);
        yield return new("param", 2, 2, Param);
        yield return new("uriParam", 2, 2, UriParam);
        yield return new("headerParam", 2, 2, HeaderParam);
    }

    private static bool GetUri(in DialPlanFunctionContext c, IBufferWriter<byte> result) =>
        c.TryGetArgument(0, out var value) && RequestReader.TryGetUri(value, out var uri) && ValueWriter.Bytes(result, uri);

    private static bool GetSipUser(in DialPlanFunctionContext c, IBufferWriter<byte> result) =>
        c.TryGetArgument(0, out var value) && RequestReader.TryGetUser(value, out var user) && ValueWriter.Bytes(result, user);

    private static bool GetDisplayName(in DialPlanFunctionContext c, IBufferWriter<byte> result) =>
        c.TryGetArgument(0, out var value) && RequestReader.TryGetDisplayName(value, out var name) && ValueWriter.Bytes(result, name);

    // $param looks at every ;name=value in the string, inside or outside <>, first one wins.
    private static bool Param(in DialPlanFunctionContext c, IBufferWriter<byte> result) =>
        c.TryGetArgument(0, out var value) && c.TryGetArgument(1, out var name)
        && ParameterScanner.TryFind(value, name, out var found) && ValueWriter.Bytes(result, found);

    private static bool UriParam(in DialPlanFunctionContext c, IBufferWriter<byte> result) =>
        c.TryGetArgument(0, out var value) && c.TryGetArgument(1, out var name)
        && RequestReader.TryGetUri(value, out var uri) && ParameterScanner.TryFind(StripUriHeaders(uri), name, out var found)
        && ValueWriter.Bytes(result, found);

    private static bool HeaderParam(in DialPlanFunctionContext c, IBufferWriter<byte> result)
    {
        if (!c.TryGetArgument(0, out var value) || !c.TryGetArgument(1, out var name))
        {
            return false;
        }

        // Header parameters follow the closing '>' of a name-addr, or the addr-spec itself when
        // there are no brackets (RFC 3261 §20: then every ;param belongs to the header).
        var close = value.LastIndexOf((byte)'>');
        var tail = close >= 0 ? value[(close + 1)..] : value;
        return ParameterScanner.TryFind(tail, name, out var found) && ValueWriter.Bytes(result, found);
    }

    private static ReadOnlySpan<byte> StripUriHeaders(ReadOnlySpan<byte> uri)
    {
        var question = uri.IndexOf((byte)'?');
        return question >= 0 ? uri[..question] : uri;
    }
}
