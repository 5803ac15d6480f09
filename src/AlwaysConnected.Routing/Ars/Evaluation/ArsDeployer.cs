using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Requests;

namespace AlwaysConnected.Routing.Ars.Evaluation;

/// <summary>
/// Deploys a selected block: expands every field first (one that fails the injection guard fails the
/// decision before anything is applied), then writes the To side (Request-URI, To, the trunk and the next
/// hop), From, the Custom headers and variables, and the captured groups.
/// </summary>
internal static class ArsDeployer
{
    private static readonly byte[] ToName = "To"u8.ToArray();
    private static readonly byte[] FromName = "From"u8.ToArray();

    /// <summary>
    /// Applies a selected block's deploy fields. Every value is expanded first; one that holds CR, LF or NUL
    /// fails the decision before anything is applied (no header injection, no half-applied block).
    /// </summary>
    internal static void Deploy(CompiledBlock block, ref ArsFrame frame, RoutingDecision decision)
    {
        var arena = decision.Arena;
        var to = ArsTemplateExpander.ExpandChecked(block.DeployTo, "Deploy To", block, ref frame, decision);
        var from = ArsTemplateExpander.ExpandChecked(block.DeployFrom, "Deploy From", block, ref frame, decision);
        var customs = block.Custom;
        var custom = frame.Selection.CustomValues;
        for (var i = 0; i < customs.Length; i++)
        {
            custom[i] = ArsTemplateExpander.ExpandChecked(customs[i].Value, customs[i].Label, block, ref frame, decision);
        }

        if (decision.Outcome == RoutingOutcome.Error)
        {
            return;
        }

        decision.Stage = ArsEvaluator.StageOf(block.Direction);
        decision.Outcome = RoutingOutcome.Forward;
        decision.AddAppliedRule(block.Label);
        RecordCaptures(block, ref frame, decision);

        // An IN block that deploys no To (the seed's) leaves the To side alone: skip the call.
        if (to.Length > 0 || block.TrunkHostPort is not null || block.Target is not null)
        {
            ApplyTo(block, ref frame, decision, to);
        }

        if (from.Start >= 0 && from.Length > 0)
        {
            var fromUri = AddressComposer.Compose(arena, frame.FromUri, frame.HasFrom, from, out var display, out _);
            AddressComposer.WriteEdit(decision, FromName, frame.FromValue, display, fromUri);
        }

        for (var i = 0; i < customs.Length; i++)
        {
            var entry = customs[i];
            var (start, length) = custom[i];
            if (entry.HeaderName is { } header)
            {
                decision.SetHeaderEdit(header, length == 0 ? HeaderEditKind.Remove : HeaderEditKind.Set, length == 0 ? -1 : start, length);
            }
            else
            {
                frame.Properties?.Set(entry.PropertyName!, arena.Slice(start, length));
                decision.SetEnvironment(entry.EnvironmentName!, start, length);
            }
        }
    }

    /// <summary>
    /// The To side: a deploy To rewrites the To URI and the Request-URI; an OUT block with a trunk moves a
    /// URI that the deploy To did not give a host of its own onto the trunk (<c>sip:user@trunk-host</c> in
    /// To, <c>sip:user@trunk-host:port</c> in the Request-URI) and targets the trunk.
    /// </summary>
    private static void ApplyTo(CompiledBlock block, ref ArsFrame frame, RoutingDecision decision, (int Start, int Length) to)
    {
        var arena = decision.Arena;
        (int Start, int Length) uri = (-1, 0);
        (int Start, int Length) display = (-1, 0);
        var fullUri = false;
        if (to.Start >= 0 && to.Length > 0)
        {
            uri = AddressComposer.Compose(arena, frame.ToUri, frame.HasTo, to, out display, out fullUri);
        }

        if (block.TrunkHostPort is { } hostPort && !fullUri)
        {
            // One write serves both: the Request-URI is sip:USER@HOST:PORT and the To URI its prefix
            // sip:USER@HOST, because the trunk's host:port starts with its host.
            var user = UriText.UserOf(uri.Start >= 0 ? arena.Slice(uri.Start, uri.Length) : frame.ToUri);
            var requestStart = AddressComposer.AppendSipUri(arena, user, hostPort, out var hostOffset);
            decision.SetRequestUri(requestStart, arena.Length - requestStart);
            uri = (requestStart, hostOffset + block.TrunkHost!.Length);
        }
        else if (uri.Start >= 0)
        {
            decision.SetRequestUri(uri.Start, uri.Length);
        }

        if (uri.Start >= 0 || display.Start >= 0)
        {
            AddressComposer.WriteEdit(decision, ToName, frame.ToValue, display, uri);
        }

        if (block.Target is { } target)
        {
            decision.SetTarget(arena.Append(target), target.Length);
        }
        else if (block.Direction == ArsDirection.Out && fullUri && NextHopFromUri.TryAppend(arena, arena.Slice(uri.Start, uri.Length), out var start, out var length))
        {
            decision.SetTarget(start, length);
        }
    }

    private static void RecordCaptures(CompiledBlock block, ref ArsFrame frame, RoutingDecision decision)
    {
        var toCount = block.To?.GroupCount ?? 0;
        var fromCount = block.From?.GroupCount ?? 0;
        var captures = decision.SetCaptureCount(toCount + fromCount + block.PluginGroupCount);
        if (captures.IsEmpty)
        {
            return;
        }

        var arena = decision.Arena;
        var selection = frame.Selection;
        if (toCount > 0)
        {
            var toUri = frame.ToUri;
            for (var g = 0; g < toCount; g++)
            {
                var range = selection.ToCaptures[g];
                captures[g] = (arena.Append(range.Slice(toUri)), range.Length, range.Success);
            }
        }

        if (fromCount > 0)
        {
            var fromUri = frame.FromUri;
            for (var g = 0; g < fromCount; g++)
            {
                var range = selection.FromCaptures[g];
                captures[toCount + g] = (arena.Append(range.Slice(fromUri)), range.Length, range.Success);
            }
        }

        for (var g = 0; g < block.PluginGroupCount; g++)
        {
            var range = selection.PluginCaptures[g];
            captures[toCount + fromCount + g] = range.Success
                ? (arena.Append(selection.Scratch.Slice(range.Start, range.Length)), range.Length, true)
                : (arena.Length, 0, false);
        }
    }
}
