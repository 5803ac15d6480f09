namespace AlwaysConnected.Routing.Ars;

/// <summary>
/// One ARS variable: <c>&amp;v1</c> (route), <c>&amp;a1</c>/<c>&amp;b1</c>/<c>&amp;c1</c> (common to the routes a
/// template generates) or <c>&amp;g1</c> (global).
/// </summary>
public sealed record ArsVariable
{
    private readonly string _name = "";
    private readonly string _value = "";

    /// <summary>Creates a variable.</summary>
    /// <param name="name">The name without the leading <c>&amp;</c>: a kind letter (v, a, b, c, g) and a number from 1, e.g. <c>v3</c>.</param>
    /// <param name="value">The value; may be empty.</param>
    public ArsVariable(string name, string value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The name without the leading <c>&amp;</c>, e.g. <c>v3</c>.</summary>
    public string Name
    {
        get => _name;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!IsValidName(value))
            {
                throw new ArgumentException("A variable name is one of v, a, b, c, g followed by a number from 1 (e.g. v1).", nameof(Name));
            }

            _name = value;
        }
    }

    /// <summary>The value.</summary>
    public string Value
    {
        get => _value;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _value = ArsModelGuard.NoControl(value.Trim(), nameof(Value));
        }
    }

    /// <summary>The kind letter: <c>v</c>, <c>a</c>, <c>b</c>, <c>c</c> or <c>g</c>.</summary>
    public string Kind => _name[..1];

    /// <summary>The number after the kind letter.</summary>
    public int Index => int.Parse(_name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Tells whether a name (without <c>&amp;</c>) is a valid variable name.</summary>
    /// <param name="name">The candidate, e.g. <c>v1</c>.</param>
    /// <returns>True for a kind letter followed by a number from 1 with no leading zero.</returns>
    public static bool IsValidName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length < 2 || name.Length > 6 || !"vabcg".Contains(name[0], StringComparison.Ordinal) || name[1] == '0')
        {
            return false;
        }

        foreach (var c in name.AsSpan(1))
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
