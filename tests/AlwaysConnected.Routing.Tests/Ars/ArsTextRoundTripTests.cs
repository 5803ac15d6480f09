using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Tests.Ars;

public class ArsTextRoundTripTests
{
    [Theory]
    [InlineData("seed-always-connected.txt")]
    [InlineData("prefix-9.txt")]
    [InlineData("length-based.txt")]
    [InlineData("failover.txt")]
    [InlineData("template-resource.txt")]
    [InlineData("rakuten-in.txt")]
    [InlineData("alert-info.txt")]
    public void Written_text_reads_back_to_an_equal_definition(string file)
    {
        var definition = ArsTextReader.Parse(ArsTestData.Read(file));

        var text = ArsTextWriter.Write(definition);

        ArsTextReader.TryParse(text, out var reread, out var diagnostics).Should().BeTrue(string.Join("\n", diagnostics));
        diagnostics.Should().BeEmpty();
        reread.Should().Be(definition);
    }

    [Fact]
    public void A_definition_using_every_field_round_trips()
    {
        var definition = new ArsDefinition(
            EquatableArray.Create(
                new ArsRoute("full")
                {
                    Enabled = false,
                    InboundSource = ArsInboundSource.RegisteredTrunk,
                    Registration = new RouteRegistration("sip:&v1@sample_proxy.com", "10.0.0.1:5060", 600, 50, "&v1", ""),
                    Credentials = new TrunkCredentials("acct", "p:w", "auth", "realm.example"),
                    Variables = EquatableArray.Create(new ArsVariable("v1", "3333"), new ArsVariable("v10", "x y")),
                    InBlocks = EquatableArray.Create(new ArsPatternBlock(2, ArsDirection.In)
                    {
                        Priority = 0,
                        MaxSessions = 0,
                        Disabled = true,
                        MatchTo = "sip:&v1@",
                        MatchFrom = "To: sip:(x)@",
                        Plugins = EquatableArray.Create(new PluginSlot(1, "sipheader", "X-A"), new PluginSlot(3, "yourpackage.ARSMatchingSample regex", "&t1", "(.+)")),
                        DeployTo = "&p1",
                        DeployFrom = "\"xxx\"<sip:xxx@itsp.com>",
                        Custom = EquatableArray.Create("&a=1", "Alert-Info=", "X-B=c=d"),
                    }),
                    OutBlocks = EquatableArray.Create(new ArsPatternBlock(1, ArsDirection.Out)
                    {
                        Trunk = new TrunkConnection(
                            "sip:itsp.example;transport=tcp",
                            TimeSpan.FromMilliseconds(1500),
                            TimeSpan.FromMilliseconds(2500),
                            new FailoverPolicy(EquatableArray.Create(new StatusCodeRange(408), new StatusCodeRange(500, 503)), onTimeout: false)),
                    }),
                },
                new ArsRoute("empty")),
            globalVariables: EquatableArray.Create(new ArsVariable("g2", "two")));

        ArsTextReader.Parse(ArsTextWriter.Write(definition)).Should().Be(definition);
    }

    [Fact]
    public void Writer_output_is_the_canonical_block_form()
    {
        var definition = ArsTextReader.Parse(ArsTestData.Read("seed-always-connected.txt"));

        ArsTextWriter.Write(definition).Should().Be("""
            [Route route-1]
            Enabled: true
            Patterns - IN 1
            Priority: 100
            Max Sessions: -1
            Disabled: false
            [Matching Patterns]
            To: sip:(.+)@
            Plugin 1: sipheader
            Param 1: X-PBX-Param
            Return 1: ^pin$
            [Deploy Patterns]
            From: pin&f1
            Custom: &action.type=pin

            [Route route-2]
            Enabled: true
            Patterns - OUT 1
            Priority: 100
            Max Sessions: -1
            Disabled: false
            [Matching Patterns]
            To: sip:([0-9]{10,20})@
            Plugin 1: prop
            Param 1: action.type
            Return 1: ^pin$
            [Deploy Patterns]

            """.ReplaceLineEndings("\n"));
    }
}
