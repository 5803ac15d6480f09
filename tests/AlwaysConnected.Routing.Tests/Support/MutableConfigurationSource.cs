using Microsoft.Extensions.Configuration;

namespace AlwaysConnected.Routing.Tests.Support;

/// <summary>A configuration source whose whole content a test can replace, raising a reload as a file change would.</summary>
public sealed class MutableConfigurationSource : IConfigurationSource
{
    public MutableConfigurationProvider Provider { get; } = new();

    public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;

    public sealed class MutableConfigurationProvider : ConfigurationProvider
    {
        public void Replace(IDictionary<string, string?> data)
        {
            Data = new Dictionary<string, string?>(data, StringComparer.OrdinalIgnoreCase);
            OnReload();
        }
    }
}
