namespace AlwaysConnected.Routing;

/// <summary>One change a decision makes to a header of the outgoing request.</summary>
/// <remarks>A view into the decision's buffers: valid until the decision is reset or reused.</remarks>
public readonly ref struct HeaderEdit
{
    internal HeaderEdit(ReadOnlySpan<byte> name, HeaderEditKind kind, ReadOnlySpan<byte> value)
    {
        Name = name;
        Kind = kind;
        Value = value;
    }

    /// <summary>The header name as the rule wrote it (long form), UTF-8.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>What the edit does.</summary>
    public HeaderEditKind Kind { get; }

    /// <summary>The new value (the whole field value, the URI, or the display name, by <see cref="Kind"/>); empty for <see cref="HeaderEditKind.Remove"/>.</summary>
    public ReadOnlySpan<byte> Value { get; }
}
