using System.Globalization;
using System.Text;

namespace AlwaysConnected.Routing.Ars.Text;

/// <summary>
/// Writes a definition in the canonical block form of the ARS notation; <see cref="ArsTextReader.Parse"/> reads
/// it back to an equal definition.
/// </summary>
/// <remarks>
/// The output is configuration and so contains passwords in clear; treat it like any secret-bearing file.
/// </remarks>
internal static class ArsTextWriter
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>Writes a definition.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The text, with LF line ends.</returns>
    public static string Write(ArsDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var text = new StringBuilder();
        foreach (var variable in definition.GlobalVariables)
        {
            Field(text, "&" + variable.Name, variable.Value);
        }

        foreach (var route in definition.Routes)
        {
            Separate(text);
            text.Append("[Route ").Append(route.Name).Append(']').Append('\n');
            WriteRoute(text, route, route.Variables, null);
        }

        foreach (var template in definition.Templates)
        {
            Separate(text);
            text.Append("[Template ").Append(template.Name).Append(']').Append('\n');
            WriteRoute(text, template.Route, template.CommonVariables, template);
        }

        return text.ToString();
    }

    private static void WriteRoute(StringBuilder text, ArsRoute route, IEnumerable<ArsVariable> variables, RouteTemplate? template)
    {
        Field(text, "Enabled", ArsTextValues.Format(route.Enabled));
        if (route.InboundSource != ArsInboundSource.Any)
        {
            // Written only when set: the vendor's notation has no such field, and most routes accept any source.
            Field(text, "Inbound Source", ArsTextValues.Format(route.InboundSource));
        }

        foreach (var variable in variables)
        {
            Field(text, "&" + variable.Name, variable.Value);
        }

        if (route.Registration is { } registration)
        {
            text.Append("[Registration]\n");
            Field(text, "Register URI", registration.RegisterUri);
            Field(text, "Proxy", registration.Proxy);
            Field(text, "Expires", ArsTextValues.Format(registration.ExpirySeconds));
            Field(text, "Update", ArsTextValues.Format(registration.UpdatePercent));
            Field(text, "User", registration.User);
            Field(text, "Password", registration.Password);
        }

        if (route.Credentials is { } credentials)
        {
            text.Append("[Credentials]\n");
            Field(text, "User", credentials.User);
            Field(text, "Password", credentials.Password);
            Field(text, "Auth User", credentials.AuthUser);
            Field(text, "Realm", credentials.Realm);
        }

        if (template is not null)
        {
            foreach (var row in template.Rows)
            {
                text.Append(CultureInfo.InvariantCulture, $"[Row {row.Number}]\n");
                foreach (var variable in row.Variables)
                {
                    Field(text, "&" + variable.Name, variable.Value);
                }
            }
        }

        foreach (var block in route.InBlocks.Concat(route.OutBlocks))
        {
            WriteBlock(text, block, template);
        }
    }

    private static void WriteBlock(StringBuilder text, ArsPatternBlock block, RouteTemplate? template)
    {
        text.Append(CultureInfo.InvariantCulture, $"Patterns - {(block.Direction == ArsDirection.In ? "IN" : "OUT")} {block.Number}\n");
        Field(text, "Priority", Bound(template, block, TemplateNumericField.Priority) ?? ArsTextValues.Format(block.Priority));
        Field(text, "Max Sessions", Bound(template, block, TemplateNumericField.MaxSessions) ?? ArsTextValues.Format(block.MaxSessions));
        Field(text, "Disabled", ArsTextValues.Format(block.Disabled));
        text.Append("[Matching Patterns]\n");
        Field(text, "To", block.MatchTo);
        Field(text, "From", block.MatchFrom);
        foreach (var slot in block.Plugins)
        {
            var number = ArsTextValues.Format(slot.Slot);
            Field(text, "Plugin " + number, slot.Plugin);
            Field(text, "Param " + number, slot.Param);
            Field(text, "Return " + number, slot.Return);
        }

        text.Append("[Deploy Patterns]\n");
        Field(text, "To", block.DeployTo);
        Field(text, "From", block.DeployFrom);
        foreach (var custom in block.Custom)
        {
            Field(text, "Custom", custom);
        }

        if (block.Trunk is { } trunk)
        {
            Field(text, "Target", trunk.Target);
            Field(text, "Response Timeout", ArsTextValues.FormatDuration(trunk.ResponseTimeout, Millisecond));
            Field(text, "Recovery Time", ArsTextValues.FormatDuration(trunk.RecoveryTime, Second));
            Field(text, "Failover", trunk.Failover.ToString());
        }
    }

    private static string? Bound(RouteTemplate? template, ArsPatternBlock block, TemplateNumericField field)
    {
        var binding = template?.Bindings.FirstOrDefault(b => b.Direction == block.Direction && b.BlockNumber == block.Number && b.Field == field);
        return binding is null ? null : "&" + binding.Variable;
    }

    private static void Field(StringBuilder text, string label, string? value)
    {
        if (value is not null)
        {
            text.Append(label).Append(": ").Append(value).Append('\n');
        }
    }

    private static void Separate(StringBuilder text)
    {
        if (text.Length > 0)
        {
            text.Append('\n');
        }
    }
}
