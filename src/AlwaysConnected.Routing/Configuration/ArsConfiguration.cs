namespace AlwaysConnected.Routing.Configuration;

/// <summary>The ARS section.</summary>
public sealed class ArsConfiguration
{
    /// <summary>The routes, in order.</summary>
    public IList<ArsRouteConfiguration> Routes { get; } = [];

    /// <summary>More routes in the vendor's text notation, appended after <see cref="Routes"/>.</summary>
    public string? Text { get; set; }
}
