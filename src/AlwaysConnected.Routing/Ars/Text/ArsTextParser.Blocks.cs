using System.Globalization;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Ars.Text;

/// <content>
/// The fields of a pattern block (To, From, plug-in slots, the trunk, deploy values) and finishing a block;
/// routes, template rows and variables are in the main file.
/// </content>
internal sealed partial class ArsTextParser
{
    private void HandleBlockField(ArsTextToken token)
    {
        var label = token.DisplayLabel;
        if (_block is null)
        {
            Error(RoutingDiagnosticIds.ArsTextMisplaced, token, label, $"'{label}' must be inside a pattern block (after 'Patterns - IN' or 'Patterns - OUT').");
            return;
        }

        var block = _block;
        var partLabel = token.Label is "To" or "From" ? $"{block.Part}/{label}" : label;
        if (token.Label != "Custom" && !block.Seen.Add(partLabel))
        {
            Error(RoutingDiagnosticIds.ArsTextDuplicate, token, label, $"'{label}' is given twice in this {(token.Label is "To" or "From" ? "part of the " : "")}block.");
            return;
        }

        var value = token.Value;
        switch (token.Label)
        {
            case "Priority":
                if (!TryBind(token, TemplateNumericField.Priority))
                {
                    block.Priority = ParseInt(token, 0, int.MaxValue, "a whole number, 0 or more (lower wins)");
                }

                break;
            case "Max Sessions":
                if (!TryBind(token, TemplateNumericField.MaxSessions))
                {
                    block.MaxSessions = ParseInt(token, ArsPatternBlock.UnlimitedSessions, int.MaxValue, "a whole number, -1 for unlimited");
                }

                break;
            case "Disabled":
                if (ArsTextValues.TryParseBool(value, out var disabled))
                {
                    block.Disabled = disabled;
                }
                else
                {
                    ErrorAtValue(RoutingDiagnosticIds.ArsTextInvalidValue, token, label, $"'{Shorten(value)}' is not true or false.");
                }

                break;
            case "To" or "From":
                SetToFrom(token, block);
                break;
            case "Plugin" or "Param" or "Return":
                SetSlot(token, block);
                break;
            case "Custom":
                if (block.Part != ArsBlockPart.Deploy)
                {
                    Error(RoutingDiagnosticIds.ArsTextMisplaced, token, label, "'Custom' belongs under [Deploy Patterns].");
                }
                else if (!ArsPatternBlock.IsValidCustom(value))
                {
                    ErrorAtValue(RoutingDiagnosticIds.ArsTextInvalidValue, token, label, "A Custom entry is 'Header=value' (a SIP header) or '&name=value' (a call property).");
                }
                else
                {
                    block.Custom.Add(value);
                }

                break;
            default:
                SetTrunkField(token, block);
                break;
        }
    }

    private bool TryBind(ArsTextToken token, TemplateNumericField field)
    {
        if (!token.Value.StartsWith('&'))
        {
            return false;
        }

        var name = token.Value[1..].Trim();
        if (_route is not { IsTemplate: true })
        {
            ErrorAtValue(RoutingDiagnosticIds.ArsTextMisplaced, token, token.Label, $"A variable in '{token.Label}' is only allowed in a [Template NAME].");
        }
        else if (!ArsVariable.IsValidName(name) || name[0] == 'g')
        {
            ErrorAtValue(RoutingDiagnosticIds.ArsTextInvalidValue, token, token.Label, $"'{Shorten(token.Value)}' is not a template variable (&v1, &a1, &b1, &c1, ...).");
        }
        else if (_block!.Number >= 1)
        {
            // A block numbered below 1 has had its error already; binding it would only repeat it as an exception.
            _route.Bindings.Add(new TemplateBinding(_block.Direction, _block.Number, field, name));
        }

        return true;
    }

    private void SetToFrom(ArsTextToken token, ArsBlockDraft block)
    {
        var value = NullIfEmpty(token.Value);
        switch (block.Part, token.Label)
        {
            case (ArsBlockPart.Matching, "To"):
                block.MatchTo = value;
                break;
            case (ArsBlockPart.Matching, _):
                block.MatchFrom = value;
                break;
            case (ArsBlockPart.Deploy, "To"):
                block.DeployTo = value;
                break;
            case (ArsBlockPart.Deploy, _):
                block.DeployFrom = value;
                break;
            default:
                Error(RoutingDiagnosticIds.ArsTextMisplaced, token, token.Label, $"'{token.Label}' must follow [Matching Patterns] or [Deploy Patterns].");
                break;
        }
    }

    private void SetSlot(ArsTextToken token, ArsBlockDraft block)
    {
        var label = token.DisplayLabel;
        if (block.Part != ArsBlockPart.Matching)
        {
            Error(RoutingDiagnosticIds.ArsTextMisplaced, token, label, $"'{label}' belongs under [Matching Patterns].");
            return;
        }

        if (token.Index is not > 0)
        {
            Error(RoutingDiagnosticIds.ArsTextInvalidValue, token, label, "Plug-in slots are numbered from 1.");
            return;
        }

        if (!block.Slots.TryGetValue(token.Index.Value, out var slot))
        {
            slot = new ArsSlotDraft(token);
            block.Slots.Add(token.Index.Value, slot);
        }

        var value = NullIfEmpty(token.Value);
        switch (token.Label)
        {
            case "Plugin":
                slot.Plugin = value;
                break;
            case "Param":
                slot.Param = value;
                break;
            default:
                slot.Return = value;
                break;
        }
    }

    private void SetTrunkField(ArsTextToken token, ArsBlockDraft block)
    {
        var label = token.Label;
        if (block.Direction != ArsDirection.Out)
        {
            Error(RoutingDiagnosticIds.ArsTextMisplaced, token, label, $"'{label}' is part of a trunk connection, which only OUT blocks have.");
            return;
        }

        var value = token.Value;
        switch (label)
        {
            case "Target":
                if (value.Length == 0 || value.Any(char.IsWhiteSpace))
                {
                    ErrorAtValue(RoutingDiagnosticIds.ArsTextInvalidValue, token, label, "The target is host[:port][;transport=x] or a SIP URI, without spaces.");
                }
                else
                {
                    block.Target = value;
                }

                return;
            case "Response Timeout":
                block.FirstTrunkSetting ??= token;
                if (ArsTextValues.TryParseDuration(value, Millisecond, out var timeout) && timeout > TimeSpan.Zero)
                {
                    block.ResponseTimeout = timeout;
                }
                else
                {
                    ErrorAtValue(RoutingDiagnosticIds.ArsTextInvalidValue, token, label, $"'{Shorten(value)}' is not a timeout greater than zero (milliseconds, or a number with ms, s, min or h).");
                }

                return;
            case "Recovery Time":
                block.FirstTrunkSetting ??= token;
                if (ArsTextValues.TryParseDuration(value, Second, out var recovery))
                {
                    block.RecoveryTime = recovery;
                }
                else
                {
                    ErrorAtValue(RoutingDiagnosticIds.ArsTextInvalidValue, token, label, $"'{Shorten(value)}' is not a duration (seconds, or a number with ms, s, min or h).");
                }

                return;
            default:
                block.FirstTrunkSetting ??= token;
                if (ArsTextValues.TryParseFailover(value, out var policy, out var problem))
                {
                    block.Failover = policy;
                }
                else
                {
                    ErrorAtValue(RoutingDiagnosticIds.ArsTextInvalidValue, token, label, $"The failover list has {problem}.");
                }

                return;
        }
    }

    private void FinishBlock()
    {
        if (_block is not { } block || _route is not { } route)
        {
            _block = null;
            return;
        }

        _block = null;
        var plugins = new List<PluginSlot>();
        foreach (var (number, slot) in block.Slots)
        {
            if (slot.Plugin is null)
            {
                Error(RoutingDiagnosticIds.ArsTextIncomplete, slot.FirstToken, $"Plugin {number}", $"Slot {number} has Param/Return but no 'Plugin {number}'.", block);
                continue;
            }

            try
            {
                plugins.Add(new PluginSlot(number, slot.Plugin, slot.Param, slot.Return));
            }
            catch (ArgumentException exception)
            {
                // The model refuses what it cannot hold (a control byte in Param/Return, ...).
                Error(RoutingDiagnosticIds.ArsTextIncomplete, slot.FirstToken, $"Plugin {number}", exception.Message, block);
            }
        }

        if (block.Target is null && block.FirstTrunkSetting is { } orphan)
        {
            Error(RoutingDiagnosticIds.ArsTextIncomplete, orphan, orphan.Label, "Trunk settings need a 'Target' in the same block.", block);
        }

        if (ErrorCount != _blockErrorMark)
        {
            return;
        }

        try
        {
            var built = new ArsPatternBlock(block.Number, block.Direction)
            {
                Priority = block.Priority ?? ArsPatternBlock.DefaultPriority,
                MaxSessions = block.MaxSessions ?? ArsPatternBlock.UnlimitedSessions,
                Disabled = block.Disabled,
                MatchTo = block.MatchTo,
                MatchFrom = block.MatchFrom,
                Plugins = plugins.ToEquatableArray(),
                DeployTo = block.DeployTo,
                DeployFrom = block.DeployFrom,
                Custom = block.Custom.ToEquatableArray(),
                Trunk = block.Target is null
                    ? null
                    : new TrunkConnection(block.Target, block.ResponseTimeout, block.RecoveryTime, block.Failover),
            };
            (block.Direction == ArsDirection.In ? route.InBlocks : route.OutBlocks).Add(built);
        }
        catch (ArgumentException exception)
        {
            Error(RoutingDiagnosticIds.ArsTextIncomplete, block.Header, null, exception.Message, block);
        }
    }
}
