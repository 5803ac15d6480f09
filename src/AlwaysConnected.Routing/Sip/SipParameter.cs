namespace AlwaysConnected.Routing.Sip;

/// <summary>One <c>name[=value]</c> parameter; spans are trimmed of linear whitespace.</summary>
public readonly ref struct SipParameter
{
    internal SipParameter(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool hasValue)
    {
        Name = name;
        Value = value;
        HasValue = hasValue;
    }

    /// <summary>The parameter name as written.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>The value as written (a quoted value keeps its quotes); empty when there is none.</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Whether an <c>=</c> was present (<c>;lr</c> has none, <c>;tag=</c> has an empty one).</summary>
    public bool HasValue { get; }
}
