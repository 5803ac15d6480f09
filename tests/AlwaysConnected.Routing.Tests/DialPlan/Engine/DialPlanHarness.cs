using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using AlwaysConnected.Routing.Collections;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.DialPlan.Compilation;
using AlwaysConnected.Routing.DialPlan.Text;
using AlwaysConnected.Routing.Services;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;
using AlwaysConnected.Routing.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AlwaysConnected.Routing.Tests.DialPlan.Engine;

/// <summary>Compiles rules, builds requests and evaluates them for the engine tests.</summary>
internal static class DialPlanHarness
{
    public static readonly IPEndPoint MediaServer = IPEndPoint.Parse("127.0.0.1:5056");
    public static readonly IPEndPoint Remote = IPEndPoint.Parse("203.0.113.7:5060");

    /// <summary>A request whose headers cover what the function tests read.</summary>
    public static byte[] Invite(params (string Name, string Value)[] extra)
    {
        var headers = new List<(string, string)>
        {
            ("From", "\"Alice\" <sip:alice@example.com;transport=tcp>;tag=a1"),
            ("To", "<sip:1000@pbx.example.com:5070;user=phone>"),
            ("Contact", "<sip:alice@198.51.100.23:5062>"),
        };
        foreach (var (name, value) in extra)
        {
            headers.RemoveAll(h => string.Equals(h.Item1, name, StringComparison.OrdinalIgnoreCase));
            headers.Add((name, value));
        }

        return TestRequest.Build("INVITE", "sip:1000@pbx.example.com:5070", headers);
    }

    public static CompiledDialPlan Compile(string text, DialPlanOptions? options = null) =>
        DialPlanCompiler.Compile(DialPlanTextReader.Parse(text), options);

    /// <summary>A plan of one rule built from the model (no text notation in between).</summary>
    public static CompiledDialPlan Rule((string Name, string Pattern)[] matching, (string Name, string Value)[] deploy, DialPlanOptions? options = null)
    {
        var rule = new DialPlanRule(
            "r",
            matching.Select(m => new MatchingLine(m.Name, m.Pattern)).ToEquatableArray(),
            deploy.Select(d => new DeployLine(d.Name, d.Value)).ToEquatableArray());
        return DialPlanCompiler.Compile(new DialPlanDefinition(EquatableArray<DialPlanRule>.Empty, EquatableArray.Create(rule)), options);
    }

    public static RoutingServices Services(DateTimeOffset? now = null, TimeZoneInfo? zone = null) => new()
    {
        Time = new FakeTimeProvider(now ?? DateTimeOffset.Parse("2024-03-15T12:00:00+00:00", CultureInfo.InvariantCulture)),
        TimeZone = zone ?? TimeZoneInfo.Utc,
        LocalAddresses = [IPAddress.Parse("192.0.2.10")],
    };

    public static RoutingDecision Evaluate(CompiledDialPlan plan, byte[] request, RoutingServices? services = null, IPEndPoint? source = null, SipTransport transport = SipTransport.Udp)
    {
        var index = new SipMessageIndex();
        var message = ParsedRequest.Parse(request, index);
        var decision = new RoutingDecision();
        plan.Evaluate(message, new RoutingContext(source ?? Remote, transport), services ?? Services(), decision);
        return decision;
    }

    /// <summary>
    /// The value an expression yields for a request, read through a rule <c>EXPR = ^(.*)$</c> that
    /// deploys <c>&amp;value = %1</c>: null when the expression is null (the positive pattern then fails).
    /// </summary>
    public static string? ValueOf(string expression, byte[]? request = null, RoutingServices? services = null, IPEndPoint? source = null, DialPlanOptions? options = null)
    {
        // In-dialog requests are evaluated too, so that a To tag in a test value does not skip the rule.
        var plan = Rule([(expression, "^(.*)$")], [("&value", "%1")], options ?? new DialPlanOptions { EvaluateInDialogRequests = true });
        var decision = Evaluate(plan, request ?? Invite(), services, source);
        if (decision.Outcome == RoutingOutcome.NoMatch)
        {
            return null;
        }

        decision.TryGetEnvironment("&value", out var value).Should().BeTrue();
        return Encoding.UTF8.GetString(value);
    }

    public static string Write(byte[] request, RoutingDecision decision)
    {
        var index = new SipMessageIndex();
        var message = ParsedRequest.Parse(request, index);
        var output = new ArrayBufferWriter<byte>();
        SipRequestWriter.TryWrite(message, decision, output, out var error).Should().BeTrue($"the request must be writable ({error})");
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    public static string Header(RoutingDecision decision, string name)
    {
        for (var i = 0; i < decision.HeaderEditCount; i++)
        {
            var edit = decision.GetHeaderEdit(i);
            if (Encoding.UTF8.GetString(edit.Name).Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return Encoding.UTF8.GetString(edit.Value);
            }
        }

        throw new InvalidOperationException($"No edit of {name}.");
    }
}
