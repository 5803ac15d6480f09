using System.Text;

namespace AlwaysConnected.Routing.Sip;

/// <summary>
/// A <c>;name=value;name</c> parameter list (URI, Via, name-addr or Content-Type parameters). Iterates without
/// allocating; names compare case-insensitively; LWS around <c>;</c> and <c>=</c> is ignored; <c>;</c> inside a
/// quoted value does not split.
/// </summary>
/// <remarks>
/// The list is its own enumerator, as <see cref="SipValueEnumerator"/> is: <c>foreach</c> walks a fresh copy
/// (<see cref="GetEnumerator"/>), so the list itself can be read and enumerated any number of times.
/// </remarks>
public ref struct SipParameters
{
    private readonly ReadOnlySpan<byte> _text;

    // Enumeration state; a list fresh from the constructor or GetEnumerator starts before its first parameter.
    private ReadOnlySpan<byte> _rest;
    private bool _started;
    private bool _done;

    /// <summary>Wraps a parameter list; a leading <c>;</c> is optional.</summary>
    /// <param name="text">The text, e.g. <c>;transport=udp;lr</c>.</param>
    public SipParameters(ReadOnlySpan<byte> text)
    {
        _text = text;
        _rest = default;
        _started = false;
        _done = false;
        Current = default;
        Malformed = false;
    }

    /// <summary>The raw text.</summary>
    public readonly ReadOnlySpan<byte> Text => _text;

    /// <summary>Whether the list is empty.</summary>
    public readonly bool IsEmpty => SipCharacters.TrimLws(_text).IsEmpty;

    /// <summary>The current parameter, after <see cref="MoveNext"/> returned <see langword="true"/>.</summary>
    public SipParameter Current { readonly get; private set; }

    /// <summary>Set when a quoted value was never closed.</summary>
    internal bool Malformed { readonly get; private set; }

    /// <summary>Finds a parameter by name (case-insensitive).</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">Its value (empty when it has none).</param>
    /// <returns>Whether the parameter is present.</returns>
    public readonly bool TryGetValue(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        if (!_text.ContainsAny(SipCharacters.ParameterListUnusual))
        {
            return TryGetPlainValue(_text, name, out value);
        }

        foreach (var parameter in this)
        {
            if (Ascii.EqualsIgnoreCase(parameter.Name, name))
            {
                value = parameter.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Whether a parameter is present (with or without value).</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>Whether it is present.</returns>
    public readonly bool Contains(ReadOnlySpan<byte> name) => TryGetValue(name, out _);

    /// <summary>
    /// Whether every element has a token name and a value that is a token-like word or a quoted string
    /// (rejects <c>;;</c>, unterminated quotes and stray bytes).
    /// </summary>
    /// <returns>Whether the list is well-formed.</returns>
    public readonly bool IsWellFormed()
    {
        var rest = SipCharacters.TrimLws(_text);
        if (rest.IsEmpty)
        {
            return true;
        }

        if (rest[0] != ';')
        {
            return false;
        }

        if (!rest.ContainsAny(SipCharacters.ParameterListUnusual))
        {
            return IsWellFormedPlain(rest[1..]);
        }

        var enumerator = GetEnumerator();
        while (enumerator.MoveNext())
        {
            var parameter = enumerator.Current;
            if (!SipCharacters.IsToken(parameter.Name))
            {
                return false;
            }

            var value = parameter.Value;
            if (value.Length > 0 && value[0] == '"')
            {
                if (value.Length < 2 || value[^1] != '"')
                {
                    return false;
                }
            }
            else if (value.ContainsAny(SipCharacters.ParameterValueForbidden))
            {
                return false;
            }
        }

        return !enumerator.Malformed;
    }

    /// <summary>The common case, without whitespace, quotes or commas: nothing to trim and no quoted <c>;</c>.</summary>
    private static bool TryGetPlainValue(ReadOnlySpan<byte> rest, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        if (rest.IsEmpty)
        {
            value = default;
            return false;
        }

        if (rest[0] == ';')
        {
            rest = rest[1..];
        }

        // Mirrors the enumerator: after the leading ';' every ';' starts an element, even an empty last one.
        while (true)
        {
            int semi = rest.IndexOf((byte)';');
            var item = semi < 0 ? rest : rest[..semi];
            int eq = item.IndexOf((byte)'=');
            var itemName = eq < 0 ? item : item[..eq];
            if (itemName.Length == name.Length && Ascii.EqualsIgnoreCase(itemName, name))
            {
                value = eq < 0 ? default : item[(eq + 1)..];
                return true;
            }

            if (semi < 0)
            {
                value = default;
                return false;
            }

            rest = rest[(semi + 1)..];
        }
    }

    /// <summary>
    /// The common case, without whitespace, quotes or commas: each <c>;</c>-separated element is a token name,
    /// optionally followed by <c>=</c> and a value that can then hold nothing forbidden.
    /// </summary>
    private static bool IsWellFormedPlain(ReadOnlySpan<byte> rest)
    {
        while (true)
        {
            int semi = rest.IndexOf((byte)';');
            var item = semi < 0 ? rest : rest[..semi];
            int nameEnd = item.IndexOfAnyExcept(SipCharacters.Token);
            if (item.IsEmpty || nameEnd == 0 || (nameEnd > 0 && item[nameEnd] != '='))
            {
                return false;
            }

            if (semi < 0)
            {
                return true;
            }

            rest = rest[(semi + 1)..];
        }
    }

    /// <summary>Returns a copy of this list positioned before its first parameter, so that it works in <c>foreach</c>.</summary>
    /// <returns>The list, ready to enumerate.</returns>
    public readonly SipParameters GetEnumerator() => new(_text);

    /// <summary>Advances to the next parameter.</summary>
    /// <returns>Whether there is one.</returns>
    public bool MoveNext()
    {
        if (!_started)
        {
            _started = true;
            _rest = SipCharacters.TrimLws(_text);
            if (_rest.IsEmpty)
            {
                _done = true;
            }
            else if (_rest[0] == ';')
            {
                _rest = _rest[1..];
            }
        }

        if (_done)
        {
            return false;
        }

        int semi = SipCharacters.IndexOfUnquoted(_rest, (byte)';', skipAngles: false);
        ReadOnlySpan<byte> item;
        if (semi < 0)
        {
            item = _rest;
            _rest = default;
            _done = true;
            if (item.Contains((byte)'"') && CountUnescapedQuotes(item) % 2 == 1)
            {
                Malformed = true;
            }
        }
        else
        {
            item = _rest[..semi];
            _rest = _rest[(semi + 1)..];
        }

        int eq = item.IndexOf((byte)'=');
        Current = eq < 0
            ? new SipParameter(SipCharacters.TrimLws(item), default, false)
            : new SipParameter(SipCharacters.TrimLws(item[..eq]), SipCharacters.TrimLws(item[(eq + 1)..]), true);
        return true;
    }

    private static int CountUnescapedQuotes(ReadOnlySpan<byte> text)
    {
        int count = 0;
        bool inQuotes = false;
        for (int i = 0; i < text.Length; i++)
        {
            if (inQuotes && text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                inQuotes = !inQuotes;
                count++;
            }
        }

        return count;
    }
}
