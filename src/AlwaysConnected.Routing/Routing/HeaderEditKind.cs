namespace AlwaysConnected.Routing;

/// <summary>How a decision changes a header of the outgoing request.</summary>
public enum HeaderEditKind
{
    /// <summary>Replace every instance with one carrying the value, or append it when absent.</summary>
    Set,

    /// <summary>Remove every instance.</summary>
    Remove,

    /// <summary>Replace only the URI inside the header (display name and parameters kept); used for <c>To</c>.</summary>
    ReplaceUri,

    /// <summary>Replace only the display name (URI and parameters kept).</summary>
    ReplaceDisplayName,
}
