using System.Buffers;
using System.Text;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Ars.Plugins;
using AlwaysConnected.Routing.Ars.Text;

namespace AlwaysConnected.Routing.Tests.Ars.Engine;

/// <summary>
/// The built-in plug-ins with a constant Param are read in place rather than called; they must answer
/// exactly as the plug-ins themselves do.
/// </summary>
public class BuiltInSlotTests
{
    private static byte[] Call(params (string Name, string Value)[] extra) =>
        ArsHarness.Invite("sip:0312345678@pbx.local", "<sip:0312345678@pbx.local>", "<sip:300@pbx.local>;tag=1", extra);

    private static CompiledArs Compile(string matching, ArsOptions? options = null) => ArsCompiler.Compile(ArsTextReader.Parse($"""
        [Route r]
        Patterns - IN
        [Matching Patterns]
        {matching}
        [Deploy Patterns]
        Custom: &matched=yes
        """), options);

    [Theory]
    [InlineData("action.type")]
    [InlineData("  action.type ")]
    public void Prop_reads_the_property_by_name_whatever_string_instance_set_it(string param)
    {
        var ars = Compile($"Plugin 1: prop\nParam 1: {param}\nReturn 1: ^pin$");
        var properties = new CallProperties();
        properties.Set(new string("action.type".ToCharArray()), "pin");

        ArsHarness.Route(ars, ArsDirection.In, Call(), properties, new RoutingDecision()).Should().BeTrue();
    }

    [Fact]
    public void Prop_is_a_mismatch_when_the_property_is_unset_or_there_is_no_bag()
    {
        var ars = Compile("Plugin 1: prop\nParam 1: action.type");

        ArsHarness.Route(ars, ArsDirection.In, Call(), new CallProperties(), new RoutingDecision()).Should().BeFalse();
        ArsHarness.Route(ars, ArsDirection.In, Call(), null, new RoutingDecision()).Should().BeFalse();
    }

    [Fact]
    public void Sipheader_reads_the_first_occurrence_and_is_a_mismatch_when_absent()
    {
        var ars = Compile("Plugin 1: sipheader\nParam 1: X-Tier\nReturn 1: ^gold$");

        ArsHarness.Route(ars, ArsDirection.In, Call(("X-Tier", "gold"), ("X-Tier", "silver")), null, new RoutingDecision()).Should().BeTrue();
        ArsHarness.Route(ars, ArsDirection.In, Call(("X-Tier", "silver"), ("X-Tier", "gold")), null, new RoutingDecision()).Should().BeFalse();
        ArsHarness.Route(ars, ArsDirection.In, Call(), null, new RoutingDecision()).Should().BeFalse();
    }

    [Fact]
    public void An_exact_return_is_case_sensitive_and_a_negated_one_still_negates()
    {
        var exact = Compile("Plugin 1: sipheader\nParam 1: X-PBX-Param\nReturn 1: ^pin$");
        var negated = Compile("Plugin 1: sipheader\nParam 1: X-PBX-Param\nReturn 1: !^pin$");

        ArsHarness.Route(exact, ArsDirection.In, Call(("X-PBX-Param", "PIN")), null, new RoutingDecision()).Should().BeFalse();
        ArsHarness.Route(negated, ArsDirection.In, Call(("X-PBX-Param", "PIN")), null, new RoutingDecision()).Should().BeTrue();
        ArsHarness.Route(negated, ArsDirection.In, Call(("X-PBX-Param", "pin")), null, new RoutingDecision()).Should().BeFalse();
    }

    [Fact]
    public void A_host_plugin_registered_under_a_builtin_name_is_called_even_with_a_constant_param()
    {
        var options = new ArsOptions { Plugins = new ArsPluginRegistry().Register(new Constant("prop", "pin")) };
        var ars = Compile("Plugin 1: prop\nParam 1: action.type\nReturn 1: ^pin$", options);

        ArsHarness.Route(ars, ArsDirection.In, Call(), new CallProperties(), new RoutingDecision()).Should().BeTrue();
    }

    private sealed class Constant(string name, string value) : ArsPlugin(name)
    {
        public override bool TryInvoke(scoped in ArsPluginCall call, IBufferWriter<byte> result)
        {
            Encoding.UTF8.GetBytes(value, result);
            return true;
        }
    }
}
