using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Configuration;
using AlwaysConnected.Routing.DialPlan;

namespace AlwaysConnected.Routing.Cli.Conversion;

/// <summary>
/// Writes a rule model as appsettings-style JSON (<c>{ "Routing": { ... } }</c>) in the shape
/// <see cref="SipRoutingOptions"/> binds, so <see cref="SipRoutingOptions.TryCreateModel"/> maps it back to an
/// equal model. ARS features the configuration schema has no field for (registration, route and
/// global variables, templates, digest user/realm, recovery times that are not whole seconds) are
/// kept losslessly by writing the whole ARS part as <c>Ars:Text</c> in the text notation instead.
/// </summary>
internal static class ConfigurationJsonWriter
{
    public static string Write(RoutingModel model, IReadOnlyList<string>? localAddresses = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject(SipRoutingOptions.DefaultSectionName);
            WriteDialPlan(json, model.DialPlan);
            WriteArs(json, model.Ars);
            if (localAddresses is { Count: > 0 })
            {
                json.WriteStartArray(nameof(SipRoutingOptions.LocalAddresses));
                foreach (var address in localAddresses)
                {
                    json.WriteStringValue(address);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteDialPlan(Utf8JsonWriter json, DialPlanDefinition dialPlan)
    {
        json.WriteStartObject(nameof(SipRoutingOptions.DialPlan));
        WriteRules(json, nameof(DialPlanConfiguration.Preliminary), dialPlan.Preliminary);
        WriteRules(json, nameof(DialPlanConfiguration.Rules), dialPlan.Rules);
        json.WriteEndObject();
    }

    private static void WriteRules(Utf8JsonWriter json, string name, IEnumerable<DialPlanRule> rules)
    {
        json.WriteStartArray(name);
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString(nameof(DialPlanRuleConfiguration.Name), rule.Name);
            if (rule.Description is not null)
            {
                json.WriteString(nameof(DialPlanRuleConfiguration.Description), rule.Description);
            }

            if (rule.Disabled)
            {
                json.WriteBoolean(nameof(DialPlanRuleConfiguration.Disabled), true);
            }

            json.WriteStartArray(nameof(DialPlanRuleConfiguration.Matching));
            foreach (var line in rule.Matching)
            {
                json.WriteStringValue(line.ToString());
            }

            json.WriteEndArray();
            json.WriteStartArray(nameof(DialPlanRuleConfiguration.Deploy));
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
            json.WriteStartArray(nameof(ArsConfiguration.Routes));
            json.WriteEndArray();
            json.WriteString(nameof(ArsConfiguration.Text), ars.ToText());
            json.WriteEndObject();
            return;
        }

        json.WriteStartArray(nameof(ArsConfiguration.Routes));
        foreach (var route in ars.Routes)
        {
            json.WriteStartObject();
            json.WriteString(nameof(ArsRouteConfiguration.Name), route.Name);
            json.WriteBoolean(nameof(ArsRouteConfiguration.Enabled), route.Enabled);
            if (route.InboundSource != ArsInboundSource.Any)
            {
                json.WriteString(nameof(ArsRouteConfiguration.InboundSource), route.InboundSource.ToString());
            }

            if (route.Credentials is { } credentials)
            {
                json.WriteString(nameof(ArsRouteConfiguration.User), credentials.User);
                json.WriteString(nameof(ArsRouteConfiguration.Password), credentials.Password);
            }

            if (route.Registration is { } registration)
            {
                json.WriteStartObject(nameof(ArsRouteConfiguration.Registration));
                json.WriteString(nameof(ArsRegistrationConfiguration.RegisterUri), registration.RegisterUri);
                WriteOptional(json, nameof(ArsRegistrationConfiguration.Proxy), registration.Proxy);
                json.WriteNumber(nameof(ArsRegistrationConfiguration.ExpirySeconds), registration.ExpirySeconds);
                json.WriteNumber(nameof(ArsRegistrationConfiguration.UpdatePercent), registration.UpdatePercent);
                WriteOptional(json, nameof(ArsRegistrationConfiguration.User), registration.User);
                WriteOptional(json, nameof(ArsRegistrationConfiguration.Password), registration.Password);
                json.WriteEndObject();
            }

            WriteBlocks(json, nameof(ArsRouteConfiguration.In), route.InBlocks);
            WriteBlocks(json, nameof(ArsRouteConfiguration.Out), route.OutBlocks);
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
            json.WriteNumber(nameof(ArsBlockConfiguration.Priority), block.Priority);
            json.WriteNumber(nameof(ArsBlockConfiguration.MaxSessions), block.MaxSessions);
            if (block.Disabled)
            {
                json.WriteBoolean(nameof(ArsBlockConfiguration.Disabled), true);
            }

            WriteOptional(json, nameof(ArsBlockConfiguration.To), block.MatchTo);
            WriteOptional(json, nameof(ArsBlockConfiguration.From), block.MatchFrom);
            json.WriteStartArray(nameof(ArsBlockConfiguration.Plugins));
            foreach (var slot in block.Plugins)
            {
                json.WriteStartObject();
                json.WriteString(nameof(ArsPluginConfiguration.Plugin), slot.Plugin);
                WriteOptional(json, nameof(ArsPluginConfiguration.Param), slot.Param);
                WriteOptional(json, nameof(ArsPluginConfiguration.Return), slot.Return);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteOptional(json, nameof(ArsBlockConfiguration.DeployTo), block.DeployTo);
            WriteOptional(json, nameof(ArsBlockConfiguration.DeployFrom), block.DeployFrom);
            json.WriteStartArray(nameof(ArsBlockConfiguration.Custom));
            foreach (var custom in block.Custom)
            {
                json.WriteStringValue(custom);
            }

            json.WriteEndArray();
            if (block.Trunk is { } trunk)
            {
                json.WriteString(nameof(ArsBlockConfiguration.Target), trunk.Target);
                json.WriteNumber(nameof(ArsBlockConfiguration.ResponseTimeoutMilliseconds), (long)trunk.ResponseTimeout.TotalMilliseconds);
                json.WriteNumber(nameof(ArsBlockConfiguration.RecoveryTimeSeconds), (long)trunk.RecoveryTime.TotalSeconds);
                json.WriteString(nameof(ArsBlockConfiguration.Failover), trunk.Failover.ToString());
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
    /// <remarks>
    /// The array form holds routes only: a definition that equals one made of its routes alone has no global
    /// variables and nothing else that only the text notation can write (route templates).
    /// </remarks>
    internal static bool FitsConfigurationSchema(ArsDefinition ars) =>
        ars == new ArsDefinition(ars.Routes)
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
