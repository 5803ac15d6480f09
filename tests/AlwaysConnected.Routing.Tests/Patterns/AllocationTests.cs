using System.Text;
using AlwaysConnected.Routing.Patterns;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.Patterns;

public class AllocationTests
{
    public static TheoryData<string, string> Patterns => new()
    {
        { "", "INVITE sip:a@b SIP/2.0" },
        { "sip:admin@", "\"Admin\" <sip:admin@host>;tag=1" },
        { "^INVITE", "INVITE sip:a@b SIP/2.0" },
        { "/01$", "2003/12/01" },
        { "^5056$", "5056" },
        { "^(INVITE|MESSAGE)", "MESSAGE sip:a@b SIP/2.0" },
        { "sip:(.+)@", "<sip:09012345678@pbx.local>" },
        { "sip:([0-9]{10,20})@", "<sip:09012345678@pbx.local>" },
        { "^9(.*)", "9012345" },
        { "!^INVITE", "BYE" },
        { "(.+):(.+)/(.+)/(.+)", "host:5060/tenant/user" },
        { "sip:(81|0)([0-9]{9,})@", "sip:09012345678@x" },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void IsMatch_does_not_allocate(string pattern, string text)
    {
        var compiled = CompiledPattern.Compile(pattern);
        var shortValue = Encoding.UTF8.GetBytes(text);
        var longValue = Encoding.UTF8.GetBytes(new string('x', 2000) + text);
        var allocated = SteadyStateAllocations.Measure(
            () =>
            {
                compiled.IsMatch(shortValue);
                compiled.IsMatch(longValue);
            },
            warmUp: 50);
        allocated.Should().Be(0, compiled.Describe());
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void TryMatch_of_specialised_shapes_does_not_allocate(string pattern, string text)
    {
        var compiled = CompiledPattern.Compile(pattern);
        if (compiled.Engine is PatternEngine.RegexNonBacktracking or PatternEngine.RegexBacktracking)
        {
            return; // capture extraction through Regex.Match allocates by design
        }

        var value = Encoding.UTF8.GetBytes(text);
        var captures = new CaptureRange[4];
        var matches = 0;
        var allocated = SteadyStateAllocations.Measure(() => matches += compiled.TryMatch(value, captures) ? 1 : 0, warmUp: 50);
        matches.Should().BeGreaterThanOrEqualTo(1050);
        allocated.Should().Be(0, compiled.Describe());
    }
}
