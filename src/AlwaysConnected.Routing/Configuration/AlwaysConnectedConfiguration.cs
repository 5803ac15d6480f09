using AlwaysConnected.Routing.Presets;

namespace AlwaysConnected.Routing.Configuration;

/// <summary>The Always Connected preset in configuration: its options plus whether to apply it.</summary>
public sealed class AlwaysConnectedConfiguration : AlwaysConnectedOptions
{
    /// <summary>Whether the preset generates its rules.</summary>
    public bool Enabled { get; set; }
}
