namespace AlwaysConnected.Routing.Cli.Loading;

/// <summary>What a rule file holds.</summary>
internal enum RuleFileKind
{
    /// <summary>Dial plan rules in the vendor's text notation.</summary>
    DialPlanText,

    /// <summary>ARS routes in the vendor's text notation.</summary>
    ArsText,

    /// <summary>An appsettings-style JSON file with a <c>Routing</c> section.</summary>
    JsonConfiguration,
}
