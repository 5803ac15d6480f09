using System.Globalization;
using System.Text;

namespace AlwaysConnected.Routing.Tests.DialPlan.Engine;

/// <summary>
/// Where the writer puts each edit: set, removed and partly edited headers among untouched ones,
/// repeated headers, compact forms, headers the request did not have, and many edits at once.
/// Expected requests are spelled out line by line.
/// </summary>
public sealed class WriterEditPlacementTests
{
    private static byte[] Request(params string[] headerLines) => Encoding.ASCII.GetBytes(
        "INVITE sip:1000@pbx.example.com SIP/2.0\r\n" + string.Concat(headerLines.Select(h => h + "\r\n")) + "\r\nBODY");

    [Fact]
    public void Set_replaces_every_instance_once_at_the_first_and_keeps_the_other_lines_in_place()
    {
        var request = Request(
            "Via: SIP/2.0/UDP a;branch=z9hG4bK1",
            "X-Tag: one",
            "f: <sip:alice@example.com>;tag=1",
            "X-Tag: two",
            "X-Drop: gone",
            "Call-ID: c1");
        var plan = DialPlanHarness.Compile("[Rule r]\n[Matching Patterns]\n$request = ^INVITE\n[Deploy Patterns]\nX-Tag = new\nX-Drop: <empty>\nFrom = sip:bob@example.net\nX-Added = yes\n");
        var decision = DialPlanHarness.Evaluate(plan, request);

        var written = DialPlanHarness.Write(request, decision);

        written.Should().Be(
            "INVITE sip:1000@pbx.example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP a;branch=z9hG4bK1\r\n" +
            "X-Tag: new\r\n" +
            "f: <sip:bob@example.net>;tag=1\r\n" +
            "Call-ID: c1\r\n" +
            "X-Added: yes\r\n" +
            "\r\nBODY");
    }

    [Fact]
    public void A_request_uri_rewrite_keeps_the_rest_of_the_start_line_and_the_untouched_headers()
    {
        var request = Request("Via: SIP/2.0/UDP a;branch=z9hG4bK1", "To: \"Bob\" <sip:1000@pbx.example.com>", "Call-ID: c1");
        var plan = DialPlanHarness.Compile("[Rule r]\n[Matching Patterns]\n$request = ^INVITE\n[Deploy Patterns]\nTo = sip:2000@itsp.example.net\n");
        var decision = DialPlanHarness.Evaluate(plan, request);

        var written = DialPlanHarness.Write(request, decision);

        written.Should().Be(
            "INVITE sip:2000@itsp.example.net SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP a;branch=z9hG4bK1\r\n" +
            "To: \"Bob\" <sip:2000@itsp.example.net>\r\n" +
            "Call-ID: c1\r\n" +
            "\r\nBODY");
    }

    [Fact]
    public void More_than_64_edits_are_all_applied()
    {
        var headers = Enumerable.Range(0, 70).Select(i => $"X-H{i}: old{i}").ToArray();
        var request = Request(headers);
        var deploy = string.Concat(Enumerable.Range(0, 70).Select(i => i % 2 == 0 ? $"X-H{i} = new{i}\n" : $"X-H{i}: <empty>\n"));
        var plan = DialPlanHarness.Compile("[Rule r]\n[Matching Patterns]\n$request = ^INVITE\n[Deploy Patterns]\n" + deploy + "X-Last = end\n");
        var decision = DialPlanHarness.Evaluate(plan, request);
        decision.HeaderEditCount.Should().Be(71);

        var written = DialPlanHarness.Write(request, decision);

        var expected = new StringBuilder("INVITE sip:1000@pbx.example.com SIP/2.0\r\n");
        for (var i = 0; i < 70; i += 2)
        {
            expected.Append(CultureInfo.InvariantCulture, $"X-H{i}: new{i}\r\n");
        }

        expected.Append("X-Last: end\r\n\r\nBODY");
        written.Should().Be(expected.ToString());
    }
}
