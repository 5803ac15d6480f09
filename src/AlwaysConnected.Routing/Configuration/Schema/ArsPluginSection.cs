namespace AlwaysConnected.Routing.Configuration;

/// <summary>One plug-in slot.</summary>
internal sealed class ArsPluginSection
{
    /// <summary>The plug-in's name (<c>sipheader</c>, <c>prop</c>, or a host plug-in).</summary>
    public string? Plugin { get; set; }

    /// <summary>Its parameter.</summary>
    public string? Param { get; set; }

    /// <summary>The pattern its result must match.</summary>
    public string? Return { get; set; }
}
