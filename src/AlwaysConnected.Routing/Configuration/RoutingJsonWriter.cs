using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.DialPlan;

namespace AlwaysConnected.Routing.Configuration;

/// <summary>
/// Writes a rule model as an appsettings-style file (<c>{ "Routing": { ... } }</c>) in the schema
/// <see cref="SipRoutingConfigurationBinder"/> reads, naming every field after the internal schema's own properties
/// so the reader and the writer cannot drift: <see cref="SipRoutingOptions.TryCreateModel"/> maps the file back to
/// an equal model. ARS features the schema's arrays have no field for (route and global variables, templates,
/// digest user and realm, blocks or slots not numbered 1, 2, ..., recovery times that are not whole seconds) are
/// kept losslessly by writing the whole ARS part as <c>Ars:Text</c> in the text notation instead.
/// </summary>
internal static class RoutingJsonWriter
{
    public static string Write(RoutingModel model, IEnumerable<IPAddress>? localAddresses = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject(SipRoutingOptions.DefaultSectionName);
            WriteDialPlan(json, model.DialPlan);
            WriteArs(json, model.Ars);
            var addresses = localAddresses?.ToList() ?? [];
            if (addresses.Count > 0)
            {
                json.WriteStartArray(nameof(SipRoutingOptions.LocalAddresses));
                foreach (var address in addresses)
                {
                    json.WriteStringValue(address.ToString());
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteDialPlan(Utf8JsonWriter json, DialPlanDefinition dialPlan)
    {
        json.WriteStartObject(nameof(SipRoutingOptions.DialPlan));
        WriteRules(json, nameof(DialPlanSection.Preliminary), dialPlan.Preliminary);
        WriteRules(json, nameof(DialPlanSection.Rules), dialPlan.Rules);
        json.WriteEndObject();
    }

    private static void WriteRules(Utf8JsonWriter json, string name, IEnumerable<DialPlanRule> rules)
    {
        json.WriteStartArray(name);
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString(nameof(DialPlanRuleSection.Name), rule.Name);
            WriteOptional(json, nameof(DialPlanRuleSection.Description), rule.Description);

            if (rule.Disabled)
            {
                json.WriteBoolean(nameof(DialPlanRuleSection.Disabled), true);
            }

            json.WriteStartArray(nameof(DialPlanRuleSection.Matching));
            foreach (var line in rule.Matching)
            {
                json.WriteStringValue(line.ToString());
            }

            json.WriteEndArray();
            json.WriteStartArray(nameof(DialPlanRuleSection.Deploy));
            foreach (var line in rule.Deploy)
            {
                json.WriteStringValue(line.ToString());
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteArs(Utf8JsonWriter json, ArsDefinition ars)
    {
        json.WriteStartObject(nameof(SipRoutingOptions.Ars));
        if (!FitsConfigurationSchema(ars))
        {
            json.WriteStartArray(nameof(ArsSection.Routes));
            json.WriteEndArray();
            json.WriteString(nameof(ArsSection.Text), ars.ToText());
            json.WriteEndObject();
            return;
        }

        json.WriteStartArray(nameof(ArsSection.Routes));
        foreach (var route in ars.Routes)
        {
            json.WriteStartObject();
            json.WriteString(nameof(ArsRouteSection.Name), route.Name);
            json.WriteBoolean(nameof(ArsRouteSection.Enabled), route.Enabled);
            if (route.InboundSource != ArsInboundSource.Any)
            {
                json.WriteString(nameof(ArsRouteSection.InboundSource), route.InboundSource.ToString());
            }

            if (route.Credentials is { } credentials)
            {
                json.WriteString(nameof(ArsRouteSection.User), credentials.User);
                json.WriteString(nameof(ArsRouteSection.Password), credentials.Password);
            }

            if (route.Registration is { } registration)
            {
                json.WriteStartObject(nameof(ArsRouteSection.Registration));
                json.WriteString(nameof(ArsRegistrationSection.RegisterUri), registration.RegisterUri);
                WriteOptional(json, nameof(ArsRegistrationSection.Proxy), registration.Proxy);
                json.WriteNumber(nameof(ArsRegistrationSection.ExpirySeconds), registration.ExpirySeconds);
                json.WriteNumber(nameof(ArsRegistrationSection.UpdatePercent), registration.UpdatePercent);
                WriteOptional(json, nameof(ArsRegistrationSection.User), registration.User);
                WriteOptional(json, nameof(ArsRegistrationSection.Password), registration.Password);
                json.WriteEndObject();
            }

            WriteBlocks(json, nameof(ArsRouteSection.In), route.InBlocks);
            WriteBlocks(json, nameof(ArsRouteSection.Out), route.OutBlocks);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteBlocks(Utf8JsonWriter json, string name, IEnumerable<ArsPatternBlock> blocks)
    {
        json.WriteStartArray(name);
        foreach (var block in blocks)
        {
            json.WriteStartObject();
            json.WriteNumber(nameof(ArsBlockSection.Priority), block.Priority);
            json.WriteNumber(nameof(ArsBlockSection.MaxSessions), block.MaxSessions);
            if (block.Disabled)
            {
                json.WriteBoolean(nameof(ArsBlockSection.Disabled), true);
            }

            WriteOptional(json, nameof(ArsBlockSection.To), block.MatchTo);
            WriteOptional(json, nameof(ArsBlockSection.From), block.MatchFrom);
            json.WriteStartArray(nameof(ArsBlockSection.Plugins));
            foreach (var slot in block.Plugins)
            {
                json.WriteStartObject();
                json.WriteString(nameof(ArsPluginSection.Plugin), slot.Plugin);
                WriteOptional(json, nameof(ArsPluginSection.Param), slot.Param);
                WriteOptional(json, nameof(ArsPluginSection.Return), slot.Return);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteOptional(json, nameof(ArsBlockSection.DeployTo), block.DeployTo);
            WriteOptional(json, nameof(ArsBlockSection.DeployFrom), block.DeployFrom);
            json.WriteStartArray(nameof(ArsBlockSection.Custom));
            foreach (var custom in block.Custom)
            {
                json.WriteStringValue(custom);
            }

            json.WriteEndArray();
            if (block.Trunk is { } trunk)
            {
                json.WriteString(nameof(ArsBlockSection.Target), trunk.Target);
                json.WriteNumber(nameof(ArsBlockSection.ResponseTimeoutMilliseconds), (long)trunk.ResponseTimeout.TotalMilliseconds);
                json.WriteNumber(nameof(ArsBlockSection.RecoveryTimeSeconds), (long)trunk.RecoveryTime.TotalSeconds);
                json.WriteString(nameof(ArsBlockSection.Failover), trunk.Failover.ToString());
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>Whether the array form of the configuration can say everything <paramref name="ars"/> says.</summary>
    internal static bool FitsConfigurationSchema(ArsDefinition ars) =>
        ars.Templates.Count == 0
        && ars.GlobalVariables.Count == 0
        && ars.Routes.All(route =>
            route.Variables.Count == 0
            && route.Credentials is null or { AuthUser: null, Realm: null }
            && BlocksFit(route.InBlocks)
            && BlocksFit(route.OutBlocks));

    private static bool BlocksFit(IReadOnlyList<ArsPatternBlock> blocks)
    {
        for (var b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b];
            if (block.Number != b + 1)
            {
                return false;
            }

            for (var s = 0; s < block.Plugins.Count; s++)
            {
                if (block.Plugins[s].Slot != s + 1)
                {
                    return false;
                }
            }

            if (block.Trunk is { } trunk
                && (trunk.RecoveryTime.Ticks % TimeSpan.TicksPerSecond != 0
                    || trunk.ResponseTimeout.TotalMilliseconds > int.MaxValue
                    || trunk.RecoveryTime.TotalSeconds > int.MaxValue))
            {
                return false;
            }
        }

        return true;
    }
}
