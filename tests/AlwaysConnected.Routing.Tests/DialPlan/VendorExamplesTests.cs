using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.DialPlan.Compilation;
using AlwaysConnected.Routing.DialPlan.Text;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Services;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;
using AlwaysConnected.Routing.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AlwaysConnected.Routing.Tests.DialPlan;

/// <summary>
/// The vendor's worked examples (routing, rejecting, authentication, load balancing, NAT traversal,
/// function pages) and the seed's rules, each a request with the decision it must get.
/// </summary>
public class VendorExamplesTests
{
    [Fact]
    public void There_are_at_least_sixty_cases() => VendorExampleCase.Count.Should().BeGreaterThanOrEqualTo(60);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_gets_the_expected_decision(string name)
    {
        var testCase = VendorExampleCase.Get(name);
        var json = testCase.Json;
        var request = json.GetProperty("request");
        var expect = json.GetProperty("expect");

        var plan = DialPlanCompiler.Compile(DialPlanTextReader.Parse(json.GetProperty("rules").GetString()!));
        var bytes = TestRequest.Build(
            request.GetProperty("method").GetString()!,
            request.GetProperty("requestUri").GetString()!,
            request.GetProperty("headers").EnumerateArray().Select(h => (h[0].GetString()!, h[1].GetString()!)));
        var services = CreateServices(request);
        var context = new RoutingContext(IPEndPoint.Parse(request.GetProperty("source").GetString()!), ParseTransport(request));

        var index = new SipMessageIndex();
        var message = ParsedRequest.Parse(bytes, index);
        var decision = new RoutingDecision();
        plan.Evaluate(message, context, services, decision);

        var because = $"case {name} ({testCase.File}): {Note(json)}";
        decision.Outcome.Should().Be(ParseOutcome(expect.GetProperty("outcome").GetString()!), because);
        if (expect.TryGetProperty("rule", out var rule))
        {
            decision.AppliedRules.Should().NotBeEmpty(because);
            decision.AppliedRules[^1].Should().Be(rule.GetString(), because);
        }

        if (expect.TryGetProperty("status", out var status))
        {
            decision.StatusCode.Should().Be(status.GetInt32(), because);
        }

        if (expect.TryGetProperty("target", out var target))
        {
            NextHop(decision).Should().Be(target.GetString(), because);
        }

        AssertVariables(expect, "variables", decision.TryGetVariable, because);
        AssertVariables(expect, "environment", decision.TryGetEnvironment, because);

        if (decision.Outcome != RoutingOutcome.Forward)
        {
            return;
        }

        var output = new ArrayBufferWriter<byte>();
        SipRequestWriter.TryWrite(message, decision, output, out var error).Should().BeTrue($"the request must be writable ({error}); {because}");
        var written = output.WrittenSpan.ToArray();
        if (expect.TryGetProperty("requestUri", out var requestUri))
        {
            ParsedRequest.RequestUri(written).Should().Be(requestUri.GetString(), because);
        }

        if (expect.TryGetProperty("headers", out var headers))
        {
            foreach (var header in headers.EnumerateObject())
            {
                ParsedRequest.HeaderValue(written, header.Name).Should().Be(
                    header.Value.ValueKind == JsonValueKind.Null ? null : header.Value.GetString(), because);
            }
        }
    }

    public static IEnumerable<object[]> Cases() => VendorExampleCase.Names();

    private delegate bool Lookup(ReadOnlySpan<char> name, out ReadOnlySpan<byte> value);

    private static void AssertVariables(JsonElement expect, string property, Lookup lookup, string because)
    {
        if (!expect.TryGetProperty(property, out var variables))
        {
            return;
        }

        foreach (var variable in variables.EnumerateObject())
        {
            var found = lookup(variable.Name, out var value);
            if (variable.Value.ValueKind == JsonValueKind.Null)
            {
                found.Should().BeFalse($"{variable.Name} must not be set; {because}");
            }
            else
            {
                found.Should().BeTrue($"{variable.Name} must be set; {because}");
                Encoding.UTF8.GetString(value).Should().Be(variable.Value.GetString(), because);
            }
        }
    }

    /// <summary>The next hop as host[:port]: the first entry of a list, a SIP URI reduced to its host and port.</summary>
    private static string? NextHop(RoutingDecision decision)
    {
        var target = decision.GetTargetString();
        if (target is null)
        {
            return null;
        }

        var first = target.Split(',')[0].Trim();
        if (first.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || first.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            SipUri.TryParse(Encoding.UTF8.GetBytes(first), out var uri).Should().BeTrue();
            var host = Encoding.UTF8.GetString(uri.Host);
            return uri.Port > 0 ? $"{host}:{uri.Port}" : host;
        }

        return first.Split(';')[0];
    }

    private static RoutingServices CreateServices(JsonElement request)
    {
        var registrar = new InMemorySipRegistrar();
        if (request.TryGetProperty("registered", out var registered))
        {
            foreach (var entry in registered.EnumerateObject())
            {
                registrar.Register(entry.Name, entry.Value.GetString()!);
            }
        }

        var now = DateTimeOffset.Parse("2024-03-15T12:00:00+00:00", CultureInfo.InvariantCulture);
        if (request.TryGetProperty("now", out var nowText))
        {
            var text = nowText.GetString()!;
            // Local wall-clock time without an offset: the rules' zone is UTC here, so it is taken as UTC.
            now = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, text.Length > 19 ? DateTimeStyles.None : DateTimeStyles.AssumeUniversal);
        }

        var local = request.TryGetProperty("local", out var addresses)
            ? addresses.EnumerateArray().Select(a => IPAddress.Parse(a.GetString()!)).ToArray()
            : [];
        return new RoutingServices
        {
            Registrar = registrar,
            Time = new FakeTimeProvider(now),
            TimeZone = TimeZoneInfo.Utc,
            LocalAddresses = local,
        };
    }

    private static SipTransport ParseTransport(JsonElement request) =>
        request.TryGetProperty("transport", out var transport)
            ? Enum.Parse<SipTransport>(transport.GetString()!, ignoreCase: true)
            : SipTransport.Udp;

    private static RoutingOutcome ParseOutcome(string outcome) => outcome switch
    {
        "forward" => RoutingOutcome.Forward,
        "reject" => RoutingOutcome.Reject,
        "block" => RoutingOutcome.Block,
        "no-match" => RoutingOutcome.NoMatch,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome in test data."),
    };

    private static string Note(JsonElement json) => json.TryGetProperty("notes", out var notes) ? notes.GetString() ?? string.Empty : string.Empty;
}
