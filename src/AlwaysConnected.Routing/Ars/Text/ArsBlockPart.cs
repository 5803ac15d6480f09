namespace AlwaysConnected.Routing.Ars.Text;

/// <summary>Which part of a pattern block the reader is in.</summary>
internal enum ArsBlockPart
{
    /// <summary>After the <c>Patterns -</c> header, before any part header.</summary>
    Settings,

    /// <summary>After <c>[Matching Patterns]</c>.</summary>
    Matching,

    /// <summary>After <c>[Deploy Patterns]</c>.</summary>
    Deploy,
}
