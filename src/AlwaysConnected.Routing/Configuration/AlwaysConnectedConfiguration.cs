using AlwaysConnected.Routing.Presets;

namespace AlwaysConnected.Routing.Configuration;

/// <summary>The Always Connected preset in configuration.</summary>
public sealed class AlwaysConnectedConfiguration
{
    /// <summary>Whether the preset generates its rules.</summary>
    public bool Enabled { get; set; }

    /// <summary>See <see cref="AlwaysConnectedOptions.MediaServerPort"/>.</summary>
    public int MediaServerPort { get; set; } = 5056;

    /// <summary>See <see cref="AlwaysConnectedOptions.PbxCoreAddress"/>.</summary>
    public string PbxCoreAddress { get; set; } = "127.0.0.1:5052";

    /// <summary>See <see cref="AlwaysConnectedOptions.ItspDomain"/>.</summary>
    public string? ItspDomain { get; set; }

    /// <summary>See <see cref="AlwaysConnectedOptions.Account"/>.</summary>
    public string? Account { get; set; }

    /// <summary>See <see cref="AlwaysConnectedOptions.RequiresAuthentication"/>.</summary>
    public bool RequiresAuthentication { get; set; }

    /// <summary>See <see cref="AlwaysConnectedOptions.TrunkTarget"/>.</summary>
    public string? TrunkTarget { get; set; }

    /// <summary>See <see cref="AlwaysConnectedOptions.AuthenticationUser"/>.</summary>
    public string? AuthenticationUser { get; set; }

    /// <summary>See <see cref="AlwaysConnectedOptions.Password"/>.</summary>
    public string? Password { get; set; }
}
