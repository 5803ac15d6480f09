namespace AlwaysConnected.Routing;

/// <summary>A variable a decision carries: a handling variable (<c>$nat</c>) or an environment variable (<c>&amp;name</c>).</summary>
/// <remarks>A view into the decision's buffers: valid until the decision is reset or reused.</remarks>
public readonly ref struct NamedValue
{
    internal NamedValue(string name, ReadOnlySpan<byte> value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The name as written in the rule, including its <c>$</c> or <c>&amp;</c> sigil.</summary>
    public string Name { get; }

    /// <summary>The UTF-8 value.</summary>
    public ReadOnlySpan<byte> Value { get; }
}
