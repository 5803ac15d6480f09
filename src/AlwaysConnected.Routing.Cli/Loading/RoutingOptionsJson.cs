using System.Text;
using AlwaysConnected.Routing.Configuration;
using Microsoft.Extensions.Configuration;

namespace AlwaysConnected.Routing.Cli.Loading;

/// <summary>Binds an appsettings-style JSON text to <see cref="SipRoutingOptions"/>, the way a host's configuration does.</summary>
internal static class RoutingOptionsJson
{
    /// <summary>
    /// Binds the <c>Routing</c> section; a file without that section is read as the section itself, so a
    /// bare <c>{ "DialPlan": ... }</c> works too.
    /// </summary>
    public static SipRoutingOptions Bind(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var configuration = new ConfigurationBuilder().AddJsonStream(stream).Build();
        IConfiguration section = configuration.GetSection(SipRoutingOptions.DefaultSectionName);
        if (!((IConfigurationSection)section).GetChildren().Any())
        {
            section = configuration;
        }

        return SipRoutingOptions.FromConfiguration(section);
    }
}
