using System.Buffers;
using System.Net;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.Services;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;

namespace AlwaysConnected.Routing.Tests.DialPlan.Engine;

/// <summary>
/// The evaluator never throws on a request the parser accepted: every RFC 4475 message that parses
/// runs through the seed's rules and through a rule set that calls nearly every function.
/// </summary>
public class TortureMessageTests
{
    private static readonly string[] Expressions =
    [
        "$request", "$addr", "$port", "$addrPort", "$transport", "$sid", "$localhost", "$localhost(Contact)", "$outbound",
        "$date", "$time", "$geturi(To)", "$geturi(Contact)", "$getSIPuser(From)", "$getSIPuser(To)", "$getDisplayName(From)",
        "$getDisplayName(To)", "$param(Via, \"branch\")", "$uriParam(Contact, \"transport\")", "$headerParam(To, \"tag\")",
        "$headerParam(From, \"tag\")", "$addrRange(\"10.0.0.0\", \"10.255.255.255\")", "$addrRange(\"::1\", \"::ff\", Contact)",
        "$addrPrefix(\"2001:db8::/32\")", "$addrPrefix(\"10.0.0.0/8\", Contact)", "$globalAddr(Contact)", "$globalAddr($regaddr)",
        "$addrType($geturi(To))", "$addrType", "$timerange(\"9:00\", \"17:00\", \"PST\")", "$timerange(\"22:00\", \"6:00\")",
        "$str.lowercase(User-Agent)", "$str.uppercase(From)", "$math.inc(Max-Forwards)", "$math.dec(Content-Length)",
        "$math.range(\"1\", \"99999\", $getSIPuser(To))", "$math.lt($sessionnum, \"100\")", "$math.max(CSeq, \"3\", Max-Forwards)",
        "$math.rand(\"1\", \"6\")", "$registered", "$registered(From)", "$regUri", "$regUri(\"bob\")", "$regaddr", "$registeredaddr",
        "$alias.lookup($getSIPuser(To))", "$alias.lookup(\"sales\", \"g1\")", "$route.underlimit($getSIPuser(To), \"5\")",
        "$route.concurrent(\"gw\")", "$route.sps(\"gw\")", "$route.spslimit(\"gw\", \"3\")", "$sps", "$sessionnum",
        "$isNull(\"$getSIPuser(From)\")", "$exist(\"P-Called-Party-ID\")", "$exist(\"&seen\")", "$if($registered, \"a\", \"b\")",
        "$or(\"$transport=TCP\", \"$addrtype=6\", $registered(From))", "$and(\"From=sip:\", \"$port=^5060$\", \"To=!x\")",
        "Via", "v", "Call-ID", "i", "Contact", "m", "Subject", "CSeq", "&seen", "Unknown-Header",
    ];

    private static readonly string Seed =
        "[Preliminary Rule anti-spoofing]\n[Matching Patterns]\n$request = ^INVITE\n$localhost = ^false\nX-PBX-Param = ^pin$\n[Deploy Patterns]\n$action = 603\n" +
        "[Rule case1]\n[Matching Patterns]\n$request = ^INVITE\n$localhost = ^true\n$port = ^5056$\n$geturi(To) = sip:(.+)@\n[Deploy Patterns]\nTo=sip:%1@itsp.example.net\nFrom=sip:0312345678@itsp.example.net\nX-PBX-Param =\n" +
        "[Rule case2]\n[Matching Patterns]\n$request = ^INVITE\n$localhost = ^true\n$port = ^5056$\n[Deploy Patterns]\n$target=127.0.0.1:5052\n";

    private static string EveryFunction()
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < Expressions.Length; i++)
        {
            text.Append($"[Rule f{i}]\n[Matching Patterns]\n{Expressions[i]} = (.*)\n[Deploy Patterns]\nX-F{i} = [%1]\n&seen = %1\n$continue = true\n");
        }

        text.Append("[Rule route]\n[Matching Patterns]\n$geturi(To) = ^sips?:([^@]*)@?(.*)$\n$getSIPuser(From) = !^$\n[Deploy Patterns]\n")
            .Append("To = sip:%1@gw.example.net\n$routename = %2\n$nat = true\nFrom = %{$getDisplayName(From)} <sip:%1@itsp.example.net>\n");
        text.Append("[Rule fallback]\n[Matching Patterns]\n$request = .\n[Deploy Patterns]\nTo = sip:%{$getSIPuser(To)}@\n");
        return text.ToString();
    }

    public static IEnumerable<object[]> Messages() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "rfc4475"), "*.sip")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)
            .Select(f => new object[] { f! });

    [Theory]
    [MemberData(nameof(Messages))]
    public void Evaluating_a_parsed_torture_message_never_throws(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "rfc4475", name + ".sip"));
        var index = new SipMessageIndex();
        if (SipParser.TryParseDatagram(bytes, index, out var message) != OperationStatus.Done)
        {
            return;
        }

        var registrar = new InMemorySipRegistrar();
        registrar.Register("bob", "sip:bob@192.0.2.44:5060");
        var aliases = new InMemoryAliasDirectory();
        aliases.Set("sales", "sip:100@pbx", "g1");
        var services = new RoutingServices
        {
            Registrar = registrar,
            Aliases = aliases,
            LocalAddresses = [IPAddress.Parse("192.0.2.10")],
            LocalHostNames = ["example.com"],
        };
        services.Sessions.Start("gw");

        foreach (var rules in new[] { Seed, EveryFunction() })
        {
            foreach (var inDialog in new[] { false, true })
            {
                var plan = DialPlanHarness.Compile(rules, new DialPlanOptions { EvaluateInDialogRequests = inDialog });
                foreach (var source in new[] { DialPlanHarness.MediaServer, DialPlanHarness.Remote, IPEndPoint.Parse("[2001:db8::7]:5060") })
                {
                    foreach (var transport in new[] { SipTransport.Udp, SipTransport.Tcp })
                    {
                        var context = new RoutingContext(source, transport);
                        var decision = new RoutingDecision();
                        plan.Evaluate(message, context, services, decision);
                        var outcome = decision.Outcome;
                        if (outcome == RoutingOutcome.Error)
                        {
                            decision.ErrorCode.Should().Be(RoutingErrorCode.InjectedLineBreak, decision.ErrorMessage);
                        }

                        if (inDialog && message.IsRequest && !ReferenceEquals(rules, Seed))
                        {
                            // `$request = (.*)` holds for every request: the function rules really ran.
                            decision.AppliedRules.Should().Contain("f0");
                        }

                        var trace = plan.Explain(message, context, services, decision);
                        decision.Outcome.Should().Be(outcome, "explain decides as evaluate does");
                        trace.Candidates.Should().NotBeNull();

                        var output = new ArrayBufferWriter<byte>();
                        if (SipRequestWriter.TryWrite(message, decision, output, out _))
                        {
                            var rewritten = output.WrittenSpan.ToArray();
                            SipParser.TryParseDatagram(rewritten, new SipMessageIndex(), out _)
                                .Should().Be(OperationStatus.Done, $"the rewrite of {name} must parse again");
                        }
                    }
                }
            }
        }
    }
}
