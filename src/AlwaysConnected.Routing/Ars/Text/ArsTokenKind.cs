namespace AlwaysConnected.Routing.Ars.Text;

/// <summary>What a piece of ARS text is.</summary>
internal enum ArsTokenKind
{
    RouteHeader,
    TemplateHeader,
    RowHeader,
    RegistrationHeader,
    CredentialsHeader,
    PatternsHeader,
    MatchingHeader,
    DeployHeader,
    Field,
    Placeholder,
    Unknown,
}
