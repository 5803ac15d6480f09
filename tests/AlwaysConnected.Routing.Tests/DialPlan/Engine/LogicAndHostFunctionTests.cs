using System.Buffers;
using System.Text;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.DialPlan.Compilation;
using AlwaysConnected.Routing.DialPlan.Functions;
using AlwaysConnected.Routing.DialPlan.Text;
using AlwaysConnected.Routing.Services;
using static AlwaysConnected.Routing.Tests.DialPlan.Engine.DialPlanHarness;

namespace AlwaysConnected.Routing.Tests.DialPlan.Engine;

/// <summary>$or, $and, $if, $isNull, $exist, nested calls with %n, host functions.</summary>
public class LogicAndHostFunctionTests
{
    [Theory]
    [InlineData("$or(\"$transport=TCP\", \"$addrtype=6\")", "false")]
    [InlineData("$or(\"$transport=TCP\", \"From=sip:alice@\")", "true")]
    [InlineData("$or(\"P-Absent=x\", \"P-Absent=!x\")", "true")]
    [InlineData("$or($registered(From), \"true\")", "true")]
    [InlineData("$and(\"From=sip:alice@\", \"$port=^5060$\")", "true")]
    [InlineData("$and(\"From=sip:alice@\", \"$port=^5061$\")", "false")]
    [InlineData("$and(\"From=sip:alice@\", \"P-Absent=x\")", "false")]
    [InlineData("$and(\"To = (1000|2000)@\")", "true")]
    [InlineData("$if(\"$transport=UDP\", \"udp\", \"other\")", "udp")]
    [InlineData("$if($registered, \"sip:user@host\", \"sip:voicemail@host\")", "sip:voicemail@host")]
    [InlineData("$if(\"false\", Absent-Header, \"b\")", "b")]
    [InlineData("$if(\"true\", Absent-Header, \"b\")", null)]
    [InlineData("$isNull(\"$getSIPuser(From)\")", "false")]
    [InlineData("$isNull(\"P-Called-Party-ID\")", "true")]
    [InlineData("$isNull(P-Called-Party-ID)", "true")]
    [InlineData("$exist(\"P-Called-Party-ID\")", "false")]
    [InlineData("$exist(\"Contact\")", "true")]
    [InlineData("$exist(\"m\")", "true")]
    [InlineData("$exist(\"&my.val\")", "false")]
    public void Logic_functions(string expression, string? expected)
    {
        ValueOf(expression).Should().Be(expected);
    }

    [Fact]
    public void IsNull_of_a_user_less_from_is_true()
    {
        ValueOf("$isNull(\"$getSIPuser(From)\")", Invite(("From", "<sip:example.com>;tag=1"))).Should().Be("true");
    }

    [Fact]
    public void Environment_variables_set_under_continue_are_seen_by_later_rules()
    {
        var plan = Compile(
            "[Rule set]\n[Matching Patterns]\n$request = ^INVITE\n[Deploy Patterns]\n&my.val = %{$getSIPuser(To)}\nX-Step = one\n$continue = true\n" +
            "[Rule use]\n[Matching Patterns]\n$exist(\"&my.val\") = true\n&my.val = ^(10)(00)$\nX-Step = ^one$\n[Deploy Patterns]\nX-Step = %1-%2\n");
        var decision = Evaluate(plan, Invite());
        decision.AppliedRules.Should().Equal("set", "use");
        Header(decision, "X-Step").Should().Be("10-00");
        decision.TryGetEnvironment("&my.val", out var value).Should().BeTrue();
        Encoding.UTF8.GetString(value).Should().Be("1000");
    }

    [Fact]
    public void Nested_calls_take_captures_of_earlier_lines_in_their_arguments()
    {
        var aliases = new InMemoryAliasDirectory();
        aliases.Set("1000", "sip:1000@branch-a.example.net");
        var plan = Compile(
            "[Rule r]\n[Matching Patterns]\n$geturi(To) = sip:([0-9]+)@([^:;]+)\n" +
            "$math.range(\"1000\", \"1999\", \"%1\") = true\n" +
            "$getSIPuser($alias.lookup(\"%1\")) = ^(.+)$\n" +
            "$if(\"$transport=UDP\", \"%2\", \"none\") = (.+)\n" +
            "[Deploy Patterns]\nX-Result = %3 %4 %{$str.uppercase(\"%2\")}\n");
        var decision = Evaluate(plan, Invite(), new RoutingServices { Aliases = aliases });
        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        Header(decision, "X-Result").Should().Be("1000 pbx.example.com PBX.EXAMPLE.COM");

        var outOfRange = Invite(("To", "<sip:2000@pbx.example.com>"));
        Evaluate(plan, outOfRange, new RoutingServices { Aliases = aliases }).Outcome.Should().Be(RoutingOutcome.NoMatch);
    }

    private static DialPlanOptions WithFunction(DialPlanFunction function) => new()
    {
        EvaluateInDialogRequests = true,
        Functions = new DialPlanFunctionRegistry().Add(function),
    };

    [Fact]
    public void A_host_function_is_called_with_its_arguments_case_insensitively()
    {
        var vip = new DialPlanFunction("crm.vip", 1, 2, static (in DialPlanFunctionContext c, IBufferWriter<byte> result) =>
        {
            if (!c.TryGetArgument(0, out var user))
            {
                return false;
            }

            result.Write(user.SequenceEqual("1000"u8) ? "gold"u8 : "none"u8);
            if (c.TryGetArgument(1, out var suffix))
            {
                result.Write(suffix);
            }

            return true;
        });
        var options = WithFunction(vip);
        ValueOf("$CRM.VIP($getSIPuser(To))", options: options).Should().Be("gold");
        ValueOf("$crm.vip(\"2000\", \"-x\")", options: options).Should().Be("none-x");
        ValueOf("$crm.vip(Absent-Header)", options: options).Should().BeNull();
        ValueOf("$isNull(\"$crm.vip(Absent-Header)\")", options: options).Should().Be("true");

        var plan = DialPlanCompiler.Compile(
            DialPlanTextReader.Parse("[Rule r]\n[Matching Patterns]\n$getSIPuser(To) = (.+)\n$crm.vip(\"%1\") = ^gold$\n[Deploy Patterns]\nX-Tier = %{$crm.vip(\"%1\")}\n"),
            options);
        Header(Evaluate(plan, Invite()), "X-Tier").Should().Be("gold");
    }

    [Fact]
    public void A_host_function_may_replace_a_built_in_and_its_argument_counts_are_enforced()
    {
        var fixedTime = new DialPlanFunction("$time", 0, 0, static (in DialPlanFunctionContext _, IBufferWriter<byte> r) =>
        {
            r.Write("08:00:00"u8);
            return true;
        });
        ValueOf("$time", options: WithFunction(fixedTime)).Should().Be("08:00:00");
        DialPlanCompiler.TryCompile(DialPlanTextReader.Parse("[Matching Patterns]\n$time(\"x\") = 1"), WithFunction(fixedTime), 1, out _, out var diagnostics)
            .Should().BeFalse();
        diagnostics.Should().Contain(d => d.Id == RoutingDiagnosticIds.InvalidMatchingName && d.Message.Contains("takes 0 argument(s), not 1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_throwing_host_function_counts_as_null_and_does_not_take_the_router_down()
    {
        var broken = new DialPlanFunction("broken", 0, 0, static (in DialPlanFunctionContext _, IBufferWriter<byte> r) =>
        {
            r.Write("partial"u8);
            throw new InvalidOperationException("host bug");
        });
        var options = WithFunction(broken);
        ValueOf("$broken", options: options).Should().BeNull();
        var plan = DialPlanCompiler.Compile(DialPlanTextReader.Parse("[Rule r]\n[Matching Patterns]\n$broken = !.\n[Deploy Patterns]\nX-A = [%{$broken}]\n"), options);
        Header(Evaluate(plan, Invite()), "X-A").Should().Be("[]", "a null substitution contributes nothing and the partial write is discarded");
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad name")]
    [InlineData("a-b")]
    public void A_host_function_name_must_be_letters_digits_dots_and_underscores(string name)
    {
        FluentActions.Invoking(() => new DialPlanFunction(name, 0, 0, static (in DialPlanFunctionContext _, IBufferWriter<byte> _) => true))
            .Should().Throw<ArgumentException>();
    }
}
