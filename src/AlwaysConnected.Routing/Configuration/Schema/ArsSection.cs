namespace AlwaysConnected.Routing.Configuration;

/// <summary>The <c>Ars</c> object of the <c>Routing</c> section (the file format; <see cref="SipRoutingConfigurationBinder"/> reads it, <see cref="RoutingJsonWriter"/> writes it).</summary>
internal sealed class ArsSection
{
    /// <summary>The routes, in order.</summary>
    public IList<ArsRouteSection> Routes { get; } = [];

    /// <summary>More routes in the vendor's text notation, appended after <see cref="Routes"/>.</summary>
    public string? Text { get; set; }
}
