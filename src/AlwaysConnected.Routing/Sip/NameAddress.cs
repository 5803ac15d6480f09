namespace AlwaysConnected.Routing.Sip;

/// <summary>
/// A <c>name-addr</c> or <c>addr-spec</c> value with header parameters (From, To, Contact, Route, Refer-To…):
/// <c>"Display" &lt;uri&gt;;tag=x</c>, <c>token words &lt;uri&gt;</c> or <c>uri;tag=x</c>.
/// </summary>
/// <remarks>
/// Without <c>&lt;&gt;</c> the first <c>;</c> ends the URI, so its parameters are header parameters (RFC 3261 §20.10,
/// RFC 4475 cparam01); inside <c>&lt;&gt;</c> they are URI parameters (cparam02). Whitespace just inside the brackets
/// is ignored (badaspec).
/// </remarks>
public readonly ref struct NameAddress
{
    /// <summary>The display name: for a quoted one, the text between the quotes (still with quoted-pairs); otherwise the tokens as written. Empty when absent.</summary>
    public ReadOnlySpan<byte> DisplayName { get; private init; }

    /// <summary>Whether the display name was a quoted string (then <see cref="TryUnescapeDisplayName"/> resolves quoted-pairs).</summary>
    public bool IsDisplayNameQuoted { get; private init; }

    /// <summary>The URI, without <c>&lt;&gt;</c>.</summary>
    public ReadOnlySpan<byte> AddrSpec { get; private init; }

    /// <summary>Whether the URI was enclosed in <c>&lt;&gt;</c>.</summary>
    public bool HasAngleBrackets { get; private init; }

    /// <summary>The header parameters text (after <c>&gt;</c>, or after the bare URI), including the leading <c>;</c>.</summary>
    public ReadOnlySpan<byte> ParametersText { get; private init; }

    /// <summary>The header parameters (e.g. <c>tag</c>, <c>expires</c>, <c>q</c>).</summary>
    public SipParameters Parameters => new(ParametersText);

    /// <summary>Reads the URI.</summary>
    /// <param name="uri">The parsed URI.</param>
    /// <returns>Whether <see cref="AddrSpec"/> is a valid URI.</returns>
    public bool TryGetUri(out SipUri uri) => SipUri.TryParse(AddrSpec, out uri);

    /// <summary>Reads one name-addr / addr-spec value (one element of a comma-separated list).</summary>
    /// <param name="value">The value, e.g. from <see cref="SipMessage.GetValue(SipHeader)"/>.</param>
    /// <param name="address">The parts.</param>
    /// <returns>
    /// False on an unterminated quote, a missing <c>&gt;</c>, an unquoted display name that is not tokens (e.g. with a comma),
    /// a bare URI holding <c>?</c> or <c>,</c>, or malformed parameters (e.g. <c>;;</c>).
    /// </returns>
    public static bool TryParse(ReadOnlySpan<byte> value, out NameAddress address)
    {
        if (TryParseCommon(value, out address))
        {
            return true;
        }

        return TryParseGeneral(value, out address);
    }

    /// <summary>
    /// One pass over the usual shapes, <c>"Display" &lt;uri&gt;;plain-params</c> and <c>&lt;uri&gt;;plain-params</c>,
    /// without surrounding or inner LWS. Anything else returns false without judging it: the general reader then
    /// decides, so both accept and reject exactly the same values.
    /// </summary>
    private static bool TryParseCommon(ReadOnlySpan<byte> value, out NameAddress address)
    {
        address = default;
        if (value.IsEmpty)
        {
            return false;
        }

        int open;
        int closeQuote = 0;
        bool quoted = value[0] == '"';
        if (quoted)
        {
            closeQuote = FindClosingQuote(value);
            if (closeQuote < 0)
            {
                return false;
            }

            open = closeQuote + 1;
            if (open < value.Length && value[open] == ' ')
            {
                open++;
            }

            if (open >= value.Length || value[open] != '<')
            {
                return false;
            }
        }
        else if (value[0] == '<')
        {
            open = 0;
        }
        else
        {
            return false;
        }

        int specStart = open + 1;
        int stop = value[specStart..].IndexOfAny(SipCharacters.BracketedAddrSpecStops);
        if (stop <= 0 || value[specStart + stop] != '>')
        {
            return false;
        }

        int closeAngle = specStart + stop;
        var parameters = value[(closeAngle + 1)..];
        if (!parameters.IsEmpty && (parameters[0] != ';' || !PlainParameterScanner.TryScan(parameters, default, out _)))
        {
            return false;
        }

        address = new NameAddress
        {
            DisplayName = quoted ? value[1..closeQuote] : default,
            IsDisplayNameQuoted = quoted,
            AddrSpec = value[specStart..closeAngle],
            HasAngleBrackets = true,
            ParametersText = parameters,
        };
        return true;
    }

    private static bool TryParseGeneral(ReadOnlySpan<byte> value, out NameAddress address)
    {
        address = default;
        value = SipCharacters.TrimLws(value);
        if (value.IsEmpty)
        {
            return false;
        }

        ReadOnlySpan<byte> displayName = default;
        bool quoted = false;
        ReadOnlySpan<byte> rest = value;
        if (value[0] == '"')
        {
            int close = FindClosingQuote(value);
            if (close < 0)
            {
                return false;
            }

            displayName = value[1..close];
            quoted = true;
            rest = SipCharacters.TrimLws(value[(close + 1)..]);
            if (rest.IsEmpty || rest[0] != '<')
            {
                return false;
            }
        }

        int open = rest.IndexOf((byte)'<');
        if (open < 0)
        {
            // addr-spec: the URI ends at the first ';' and must not hold '?' or ',' (RFC 3261 §20).
            int semi = rest.IndexOf((byte)';');
            var spec = SipCharacters.TrimLws(semi < 0 ? rest : rest[..semi]);
            var parameters = semi < 0 ? default : rest[semi..];
            if (spec.IsEmpty || spec.ContainsAny(SipCharacters.BareAddrSpecForbidden) || !new SipParameters(parameters).IsWellFormed())
            {
                return false;
            }

            address = new NameAddress { AddrSpec = spec, ParametersText = parameters };
            return true;
        }

        if (!quoted)
        {
            displayName = SipCharacters.TrimLws(rest[..open]);
            if (!IsTokenWords(displayName))
            {
                return false;
            }
        }

        var afterOpen = rest[(open + 1)..];
        int closeAngle = afterOpen.IndexOf((byte)'>');
        if (closeAngle < 0)
        {
            return false;
        }

        var addrSpec = SipCharacters.TrimLws(afterOpen[..closeAngle]);
        var trailing = SipCharacters.TrimLws(afterOpen[(closeAngle + 1)..]);
        if (addrSpec.IsEmpty || addrSpec.ContainsAny(SipCharacters.BracketedAddrSpecForbidden) || !new SipParameters(trailing).IsWellFormed())
        {
            return false;
        }

        address = new NameAddress
        {
            DisplayName = displayName,
            IsDisplayNameQuoted = quoted,
            AddrSpec = addrSpec,
            HasAngleBrackets = true,
            ParametersText = trailing,
        };
        return true;
    }

    /// <summary>Writes the display name with quoted-pairs resolved (<c>\"</c> becomes <c>"</c>); an unquoted name is copied as is.</summary>
    /// <param name="destination">Where to write; <see cref="DisplayName"/>.Length bytes always suffice.</param>
    /// <param name="written">How many bytes were written.</param>
    /// <returns>False when the destination is too small.</returns>
    public bool TryUnescapeDisplayName(Span<byte> destination, out int written)
    {
        written = 0;
        var source = DisplayName;
        for (int i = 0; i < source.Length; i++)
        {
            if (written >= destination.Length)
            {
                written = 0;
                return false;
            }

            if (IsDisplayNameQuoted && source[i] == '\\' && i + 1 < source.Length)
            {
                i++;
            }

            destination[written++] = source[i];
        }

        return true;
    }

    private static int FindClosingQuote(ReadOnlySpan<byte> value) => SipCharacters.SkipQuotedString(value, 0);

    private static bool IsTokenWords(ReadOnlySpan<byte> text) => !text.ContainsAnyExcept(SipCharacters.TokenOrLws);
}
