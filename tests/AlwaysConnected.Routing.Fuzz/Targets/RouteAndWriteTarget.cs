using System.Buffers;
using System.Net;
using AlwaysConnected.Routing.Presets;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;

namespace AlwaysConnected.Routing.Fuzz.Targets;

/// <summary>
/// The packet path end to end: parse, route with the Always Connected preset plus rules that copy wire values into
/// other headers, the Request-URI and the next hop, write, and parse what was written.
/// </summary>
internal static class RouteAndWriteTarget
{
    /// <summary>
    /// Rules that run before the preset's own and continue, so every request goes through them. They copy header
    /// values, display names, user parts and parameters around, through most function families.
    /// </summary>
    internal const string CopyingRules = """
        [Rule fuzz-copy]
        [Matching Patterns]
        $request = ^([A-Z]+)
        From = (.*)
        [Deploy Patterns]
        X-Copied-From = %2
        X-Method = %1
        X-Display = %{$getDisplayName(From)}
        X-To-User = %{$getSIPuser(To)}
        X-Branch = %{$param(Via, "branch")}
        X-Uri-Param = %{$uriParam(To, "user")}
        X-Header-Param = %{$headerParam(From, "tag")}
        X-Lower = %{$str.lowercase($getSIPuser(From))}
        X-Upper = %{$str.uppercase($geturi(Contact))}
        &contact = %{$geturi(Contact)}
        $continue = true

        [Rule fuzz-logic]
        [Matching Patterns]
        $or("$getSIPuser(To)=^[0-9]+$", "$isNull(Subject)=true") = true
        $if("$localhost=true", "local", "remote") = (.*)
        [Deploy Patterns]
        X-Where = %1
        X-Time-Ok = %{$timerange("0:00", "23:59")}
        X-In-Range = %{$addrPrefix("10.0.0.0/8")}
        X-Global = %{$globalAddr($addr)}
        X-Sid = %{$sid}
        X-Max = %{$math.max("1", "42")}
        X-Exists = %{$exist(Subject)}
        $continue = true

        [Rule fuzz-target]
        [Matching Patterns]
        $request = ^OPTIONS
        $getSIPuser(To) = (.+)
        X-Route = (.+)
        [Deploy Patterns]
        To = sip:%1@%2
        $target = %2
        Subject = %{$getDisplayName(To)} for %1
        """;

    private static readonly RoutingContext FromMediaServer = new(new IPEndPoint(IPAddress.Loopback, 5056));
    private static readonly RoutingContext FromOutside = new(new IPEndPoint(IPAddress.Parse("203.0.113.9"), 5060), SipTransport.Tcp);

    private static readonly Lazy<SipRouter> Router = new(CreateRouter);

    [ThreadStatic]
    private static State? s_state;

    /// <summary>Builds the router the target uses (also used by the regression tests).</summary>
    internal static SipRouter CreateRouter() => new SipRouterBuilder()
        .AddDialPlanText(CopyingRules)
        .UseAlwaysConnected(o =>
        {
            o.ItspDomain = "itsp.example.net";
            o.Account = "0312345678";
        })
        .Build();

    public static void RouteAndWrite(ReadOnlySpan<byte> input)
    {
        var state = s_state ??= new State();
        if (SipParser.TryParseDatagram(input, state.Index, out var message) != OperationStatus.Done || !message.IsRequest)
        {
            return;
        }

        RouteOne(Router.Value, message, FromMediaServer, state);
        RouteOne(Router.Value, message, FromOutside, state);
    }

    /// <summary>Routes fixed requests through a router compiled from fuzzed rule text.</summary>
    internal static void RouteSamples(SipRouter router)
    {
        var state = s_state ??= new State();
        foreach (var sample in SeedCorpus.SampleRequests)
        {
            if (SipParser.TryParseDatagram(sample, state.Index, out var message) == OperationStatus.Done)
            {
                RouteOne(router, message, FromMediaServer, state);
                RouteOne(router, message, FromOutside, state);
            }
        }
    }

    private static void RouteOne(SipRouter router, SipMessage message, in RoutingContext context, State state)
    {
        var decision = state.Decision;
        decision.Reset();
        router.Route(message, context, decision);
        CheckDecision(decision);
        if (decision.Outcome == RoutingOutcome.Forward)
        {
            Write(message, decision, state);
            decision.Reset();
            router.RouteIn(message, context, decision);
            CheckDecision(decision);
            decision.Reset();
            router.RouteOut(message, context, decision);
            CheckDecision(decision);
        }
    }

    private static void CheckDecision(RoutingDecision decision)
    {
        FuzzInvariantException.Check(decision.Outcome != RoutingOutcome.Error || decision.ErrorCode != RoutingErrorCode.None, "an Error outcome carries an error code");
        for (int i = 0; i < decision.HeaderEditCount; i++)
        {
            FuzzInvariantException.Check(!HasLineBreakOrNul(decision.GetHeaderEdit(i).Value), "a header edit never carries CR, LF or NUL");
        }

        FuzzInvariantException.Check(!HasLineBreakOrNul(decision.RequestUri), "the Request-URI never carries CR, LF or NUL");
        FuzzInvariantException.Check(!HasLineBreakOrNul(decision.Target), "the next hop never carries CR, LF or NUL");
    }

    private static void Write(SipMessage message, RoutingDecision decision, State state)
    {
        var output = state.Output;
        output.ResetWrittenCount();
        if (!SipRequestWriter.TryWrite(message, decision, output, out var error))
        {
            FuzzInvariantException.Check(error != RoutingErrorCode.None, "a refused write says why");
            FuzzInvariantException.Check(output.WrittenCount == 0, "a refused write writes nothing");
            return;
        }

        var written = output.WrittenSpan;
        var status = SipParser.TryParseDatagram(written, state.OutputIndex, out var again);
        FuzzInvariantException.Check(status == OperationStatus.Done, $"the written request parses again (got {state.OutputIndex.Error})");
        FuzzInvariantException.Check(again.Body.SequenceEqual(message.Body), "writing keeps the body");
        FuzzInvariantException.Check(again.Method == message.Method, "writing keeps the method");
    }

    private static bool HasLineBreakOrNul(ReadOnlySpan<byte> value) => value.IndexOfAny((byte)'\r', (byte)'\n', (byte)0) >= 0;

    private sealed class State
    {
        public SipMessageIndex Index { get; } = new();

        // Edits add headers and bytes: the written request is re-read without the public-facing limits, which
        // the input already passed, so only a real framing fault can fail the re-parse.
        public SipMessageIndex OutputIndex { get; } = new(new SipParserOptions
        {
            MaxMessageSize = 1 << 24,
            MaxHeaderCount = 1 << 20,
            MaxLineLength = 1 << 24,
            MaxHeaderValueLength = 1 << 24,
        });

        public RoutingDecision Decision { get; } = new();

        public ArrayBufferWriter<byte> Output { get; } = new();
    }
}
