using System.Buffers;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.DialPlan.Functions;
using static AlwaysConnected.Routing.Tests.DialPlan.Engine.DialPlanHarness;

namespace AlwaysConnected.Routing.Tests.DialPlan.Engine;

/// <summary>
/// $geturi, $localhost and $port are computed in place rather than through a function call: they must
/// read the same values wherever their argument comes from, and a host that replaces them must win.
/// </summary>
public class InPlaceBuiltInTests
{
    [Fact]
    public void Geturi_reads_a_literal_and_the_value_of_another_function()
    {
        ValueOf("$geturi(\"<sip:x@y>;tag=1\")").Should().Be("sip:x@y");

        // The inner value is a bare URI, so its ;user=phone counts as a header parameter.
        ValueOf("$geturi($geturi(To))").Should().Be("sip:1000@pbx.example.com:5070");
        ValueOf("$geturi(\"not a uri <\")").Should().BeNull();
    }

    [Fact]
    public void Geturi_reads_a_header_an_earlier_continuing_rule_rewrote()
    {
        var plan = Compile("""
            [Rule rewrite]
            [Matching Patterns]
            $request = ^INVITE
            [Deploy Patterns]
            X-Orig = <sip:777@elsewhere>;tag=1
            $continue = true

            [Rule read]
            [Matching Patterns]
            $geturi(X-Orig) = sip:(.+)@
            [Deploy Patterns]
            X-Result = %1
            """);

        var decision = Evaluate(plan, Invite());

        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        Header(decision, "X-Result").Should().Be("777");
    }

    [Fact]
    public void A_host_replacement_of_geturi_localhost_or_port_is_called()
    {
        static DialPlanFunction Fixed(string name, int min, int max) =>
            new(name, min, max, static (in DialPlanFunctionContext c, IBufferWriter<byte> result) =>
            {
                result.Write("host"u8);
                return true;
            });

        var options = new DialPlanOptions
        {
            EvaluateInDialogRequests = true,
            Functions = new DialPlanFunctionRegistry().Add(Fixed("geturi", 1, 1)).Add(Fixed("localhost", 0, 1)).Add(Fixed("port", 0, 0)),
        };

        ValueOf("$geturi(To)", options: options).Should().Be("host");
        ValueOf("$localhost", options: options).Should().Be("host");
        ValueOf("$port", options: options).Should().Be("host");
    }

    [Fact]
    public void Localhost_and_port_describe_the_source()
    {
        ValueOf("$localhost", source: MediaServer).Should().Be("true");
        ValueOf("$localhost", source: Remote).Should().Be("false");
        ValueOf("$port", source: MediaServer).Should().Be("5056");
    }
}
