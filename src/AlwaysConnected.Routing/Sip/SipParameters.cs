using System.Text;

namespace AlwaysConnected.Routing.Sip;

/// <summary>
/// A <c>;name=value;name</c> parameter list (URI, Via, name-addr or Content-Type parameters). Iterates without
/// allocating; names compare case-insensitively; LWS around <c>;</c> and <c>=</c> is ignored; <c>;</c> inside a
/// quoted value does not split.
/// </summary>
public readonly ref struct SipParameters
{
    private readonly ReadOnlySpan<byte> _text;

    /// <summary>Wraps a parameter list; a leading <c>;</c> is optional.</summary>
    /// <param name="text">The text, e.g. <c>;transport=udp;lr</c>.</param>
    public SipParameters(ReadOnlySpan<byte> text) => _text = text;

    /// <summary>The raw text.</summary>
    public ReadOnlySpan<byte> Text => _text;

    /// <summary>Whether the list is empty.</summary>
    public bool IsEmpty => SipCharacters.TrimLws(_text).IsEmpty;

    /// <summary>Finds a parameter by name (case-insensitive).</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">Its value (empty when it has none).</param>
    /// <returns>Whether the parameter is present.</returns>
    public bool TryGetValue(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
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
    public bool Contains(ReadOnlySpan<byte> name) => TryGetValue(name, out _);

    /// <summary>
    /// Whether every element has a token name and a value that is a token-like word or a quoted string
    /// (rejects <c>;;</c>, unterminated quotes and stray bytes).
    /// </summary>
    /// <returns>Whether the list is well-formed.</returns>
    public bool IsWellFormed()
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

    /// <summary>Returns an allocation-free enumerator.</summary>
    /// <returns>The enumerator.</returns>
    public Enumerator GetEnumerator() => new(_text);

    /// <summary>Enumerates the parameters in order.</summary>
    public ref struct Enumerator
    {
        private ReadOnlySpan<byte> _rest;

        internal Enumerator(ReadOnlySpan<byte> text)
        {
            _rest = SipCharacters.TrimLws(text);
            if (!_rest.IsEmpty && _rest[0] == ';')
            {
                _rest = _rest[1..];
            }
            else if (_rest.IsEmpty)
            {
                _rest = default;
                Done = true;
            }

            Current = default;
        }

        /// <summary>The current parameter.</summary>
        public SipParameter Current { get; private set; }

        private bool Done { get; set; }

        /// <summary>Set when a quoted value was never closed.</summary>
        internal bool Malformed { get; private set; }

        /// <summary>Advances to the next parameter.</summary>
        /// <returns>Whether there is one.</returns>
        public bool MoveNext()
        {
            if (Done)
            {
                return false;
            }

            int semi = SipCharacters.IndexOfUnquoted(_rest, (byte)';', skipAngles: false);
            ReadOnlySpan<byte> item;
            if (semi < 0)
            {
                item = _rest;
                Done = true;
                if (_rest.Contains((byte)'"') && CountUnescapedQuotes(_rest) % 2 == 1)
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
}
