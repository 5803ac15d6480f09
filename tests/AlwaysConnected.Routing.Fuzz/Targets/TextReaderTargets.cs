using System.Text;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.DialPlan;

namespace AlwaysConnected.Routing.Fuzz.Targets;

/// <summary>The dial plan and ARS text readers, their writers, and compiling what they read.</summary>
internal static class TextReaderTargets
{
    /// <summary>
    /// Reads dial plan text. Text that reads must write back to text that reads to an equal definition, and must
    /// compile to a router or fail with a typed configuration error.
    /// </summary>
    public static void DialPlan(ReadOnlySpan<byte> input)
    {
        string text = Encoding.UTF8.GetString(input);
        if (!DialPlanDefinition.TryParse(text, out var definition, out var errors))
        {
            FuzzInvariantException.Check(errors.Count > 0, "a refused dial plan text lists its errors");
            foreach (var error in errors)
            {
                FuzzInvariantException.Check(error.TextLine >= 1 && error.TextColumn >= 1, "a dial plan text error has a line and a column");
            }

            return;
        }

        string written = definition.ToText();
        FuzzInvariantException.Check(DialPlanDefinition.TryParse(written, out var again, out _), "written dial plan text reads back");
        FuzzInvariantException.Check(again == definition, "written dial plan text reads back to an equal definition");
        Compile(() => new SipRouterBuilder().AddDialPlanText(text));
    }

    /// <summary>Reads ARS text, with the same write-back and compile properties as the dial plan.</summary>
    public static void Ars(ReadOnlySpan<byte> input)
    {
        string text = Encoding.UTF8.GetString(input);
        if (!ArsDefinition.TryParse(text, out var definition, out var diagnostics))
        {
            FuzzInvariantException.Check(diagnostics.Count > 0, "a refused ARS text lists its errors");
            return;
        }

        string written = definition.ToText();
        FuzzInvariantException.Check(ArsDefinition.TryParse(written, out var again, out _), "written ARS text reads back");
        FuzzInvariantException.Check(again == definition, "written ARS text reads back to an equal definition");
        Compile(() => new SipRouterBuilder().AddArsText(text));
    }

    private static void Compile(Func<SipRouterBuilder> create)
    {
        try
        {
            var router = create().Build();
            RouteAndWriteTarget.RouteSamples(router);
        }
        catch (RoutingConfigurationException e)
        {
            FuzzInvariantException.Check(e.Errors.Any(), "a refused rule set names at least one error");
        }
    }
}
