using System.Buffers;
using System.Text;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;

namespace AlwaysConnected.Routing.Cli.Explain;

/// <summary>Turns a dial plan decision into the tool's result, writing the outgoing request to report it.</summary>
internal static class DecisionReport
{
    /// <summary>Builds the result (without the traces: the caller adds the stages it ran); <paramref name="outgoing"/> is the written request when one goes out (forward, no match).</summary>
    public static ExplainResult Build(SipMessage original, RoutingDecision decision, CallProperties properties, out byte[]? outgoing)
    {
        outgoing = null;
        var result = new ExplainResult
        {
            Outcome = OutcomeName(decision.Outcome),
            Stage = StageName(decision.Stage),
            Rules = [.. decision.AppliedRules],
            Status = decision.StatusCode == 0 ? null : decision.StatusCode,
            Reason = decision.ReasonPhrase,
            Target = decision.GetTargetString(),
            Captures = Captures(decision),
            Variables = Named(decision.VariableCount, i => (decision.GetVariableName(i), Encoding.UTF8.GetString(decision.GetVariableValue(i)))),
            Environment = Named(decision.EnvironmentCount, i => (decision.GetEnvironmentName(i), Encoding.UTF8.GetString(decision.GetEnvironmentValue(i)))),
            Properties = [.. properties.ToDictionary()],
        };

        if (decision.Outcome == RoutingOutcome.Error)
        {
            return result with { Error = new ExplainError(decision.ErrorCode.ToString(), decision.ErrorMessage ?? decision.ErrorCode.ToString()) };
        }

        if (decision.Outcome is RoutingOutcome.Reject or RoutingOutcome.Block)
        {
            // Nothing goes out: the host answers the request instead.
            return result;
        }

        var buffer = new ArrayBufferWriter<byte>();
        if (!SipRequestWriter.TryWrite(original, decision, buffer, out var error))
        {
            return result with
            {
                Outcome = "error",
                Error = new ExplainError(error.ToString(), $"The outgoing request cannot be written: {Describe(error)}."),
            };
        }

        outgoing = buffer.WrittenSpan.ToArray();
        var index = new SipMessageIndex();
        if (SipParser.TryParseDatagram(outgoing, index, out var written) != OperationStatus.Done)
        {
            return result with
            {
                Outcome = "error",
                Error = new ExplainError("OutgoingNotParsable", $"The outgoing request does not parse: {index.Error.GetDescription()}.", index.Error.Offset),
            };
        }

        return result with
        {
            RequestUri = Encoding.UTF8.GetString(written.RequestUri),
            Headers = HeaderChanges.Compare(original, written),
            Message = Encoding.UTF8.GetString(outgoing),
        };
    }

    /// <summary>
    /// The result for a request that fails the router's validation (RFC 3261 §8.2, §16.3): <c>reject</c> with the
    /// status and reason phrase a router gives it, decided by the <c>validation</c> stage before any rule.
    /// </summary>
    /// <param name="request">The request the stage receives.</param>
    /// <param name="previous">The result so far (the stages that ran before).</param>
    /// <param name="stage">The stage that refuses it, named in the trace.</param>
    /// <param name="refused">The result with the refusal, when the request is invalid.</param>
    /// <returns>False when the request is valid.</returns>
    public static bool TryRefuse(SipMessage request, ExplainResult previous, RoutingStage stage, out ExplainResult refused)
    {
        if (request.TryValidate(out var error))
        {
            refused = previous;
            return false;
        }

        refused = previous with
        {
            Outcome = "reject",
            Stage = "validation",
            Status = error.SuggestedStatusCode,
            Reason = error.GetReasonPhrase(),
            Traces = [.. previous.Traces, new RoutingTrace { Stage = stage, Skipped = $"refused by validation: {error.GetDescription()}" }],
        };
        return true;
    }

    public static string OutcomeName(RoutingOutcome outcome) => outcome switch
    {
        RoutingOutcome.Forward => "forward",
        RoutingOutcome.Reject => "reject",
        RoutingOutcome.Block => "block",
        RoutingOutcome.Error => "error",
        _ => "no-match",
    };

    public static string? StageName(RoutingStage stage) => stage switch
    {
        RoutingStage.DialPlan => "dialplan",
        RoutingStage.ArsIn => "ars-in",
        RoutingStage.ArsOut => "ars-out",
        RoutingStage.Validation => "validation",
        _ => null,
    };

    private static string Describe(RoutingErrorCode error) => error switch
    {
        RoutingErrorCode.InjectedLineBreak => "a value would put CR, LF or NUL into the request (header injection refused)",
        RoutingErrorCode.InvalidValue => "a substituted Request-URI or target is not usable",
        RoutingErrorCode.NotRoutable => "the message is not a routable request",
        _ => error.ToString(),
    };

    private static List<KeyValuePair<string, string>> Captures(RoutingDecision decision)
    {
        var captures = new List<KeyValuePair<string, string>>(decision.CaptureCount);
        for (var n = 1; n <= decision.CaptureCount; n++)
        {
            captures.Add(new(n.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetString(decision.GetCapture(n))));
        }

        return captures;
    }

    private static List<KeyValuePair<string, string>> Named(int count, Func<int, (string Name, string Value)> get)
    {
        var list = new List<KeyValuePair<string, string>>(count);
        for (var i = 0; i < count; i++)
        {
            var (name, value) = get(i);
            list.Add(new(name, value));
        }

        return list;
    }
}
