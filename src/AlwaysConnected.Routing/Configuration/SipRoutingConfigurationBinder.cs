using AlwaysConnected.Routing.Presets;
using Microsoft.Extensions.Configuration;

namespace AlwaysConnected.Routing.Configuration;

/// <summary>
/// Reads the <c>Routing</c> section's file format into <see cref="SipRoutingOptions"/>: the host settings into its
/// public properties, the rule sections into its internal schema (<see cref="DialPlanSection"/>, <see cref="ArsSection"/>).
/// </summary>
/// <remarks>
/// The options are not bound as one object: the schema's classes are internal (a binder sees only public members),
/// and the preset's object in the file carries an <c>Enabled</c> flag that the public
/// <see cref="SipRoutingOptions.AlwaysConnected"/> expresses by being set. Each part is bound as the configuration
/// binder binds it (values present in the section are set, lists are appended to), so the result is the one a
/// whole-object bind gave when the schema was public.
/// </remarks>
internal static class SipRoutingConfigurationBinder
{
    /// <summary>The key in the preset's object that turns it on.</summary>
    public const string PresetEnabledKey = "Enabled";

    /// <summary>Binds <paramref name="section"/> onto <paramref name="options"/>.</summary>
    /// <exception cref="InvalidOperationException">A value does not convert to its property's type.</exception>
    public static void Bind(IConfiguration section, SipRoutingOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        if (section.GetValue<bool?>(nameof(SipRoutingOptions.AllowNoRules)) is { } allowNoRules)
        {
            options.AllowNoRules = allowNoRules;
        }

        if (section.GetValue<bool?>(nameof(SipRoutingOptions.ValidateRequests)) is { } validateRequests)
        {
            options.ValidateRequests = validateRequests;
        }

        foreach (var address in section.GetSection(nameof(SipRoutingOptions.LocalAddresses)).GetChildren())
        {
            if (address.Value is { } value)
            {
                options.LocalAddresses.Add(value);
            }
        }

        var preset = section.GetSection(nameof(SipRoutingOptions.AlwaysConnected));
        if (preset.GetValue<bool>(PresetEnabledKey))
        {
            options.AlwaysConnected ??= new AlwaysConnectedOptions();
            preset.Bind(options.AlwaysConnected);
        }

        section.GetSection(nameof(SipRoutingOptions.DialPlan)).Bind(options.DialPlan);
        section.GetSection(nameof(SipRoutingOptions.Ars)).Bind(options.Ars);
    }
}
