using System.Diagnostics.CodeAnalysis;
using System.Text;
using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Ars.Authentication;

/// <summary>A trunk's digest challenge, read from a 401's WWW-Authenticate or a 407's Proxy-Authenticate value.</summary>
/// <param name="Realm">The protection space.</param>
/// <param name="Nonce">The server nonce.</param>
/// <param name="Opaque">The opaque value to echo, or null.</param>
/// <param name="Algorithm">The algorithm (MD5 when the challenge names none).</param>
/// <param name="Qop">The offered quality-of-protection values in the challenge's order (empty: the RFC 2069 form).</param>
/// <param name="Stale">True when the previous nonce was merely out of date, so the same credentials should be retried.</param>
internal sealed record DigestChallenge(
    string Realm,
    string Nonce,
    string? Opaque,
    DigestAlgorithm Algorithm,
    EquatableArray<string> Qop,
    bool Stale)
{
    /// <summary>Reads a challenge.</summary>
    /// <param name="headerValue">The header value, e.g. <c>Digest realm="x", nonce="y", qop="auth"</c>.</param>
    /// <returns>The challenge.</returns>
    /// <exception cref="DigestChallengeFormatException">The value is not a usable digest challenge.</exception>
    public static DigestChallenge Parse(string headerValue) =>
        TryParse(headerValue, out var challenge, out var error) ? challenge : throw new DigestChallengeFormatException(error);

    /// <summary>Reads a challenge without throwing.</summary>
    /// <param name="headerValue">The header value.</param>
    /// <param name="challenge">The challenge, or null.</param>
    /// <param name="error">What is wrong and where, or null.</param>
    /// <returns>True when the value is a usable digest challenge.</returns>
    public static bool TryParse(
        string headerValue,
        [NotNullWhen(true)] out DigestChallenge? challenge,
        [NotNullWhen(false)] out DigestChallengeError? error)
    {
        ArgumentNullException.ThrowIfNull(headerValue);
        challenge = null;
        var position = SkipWhiteSpace(headerValue, 0);
        if (position == headerValue.Length)
        {
            error = new DigestChallengeError(DigestChallengeErrorKind.Empty, 0, "The challenge is empty.");
            return false;
        }

        var schemeEnd = position;
        while (schemeEnd < headerValue.Length && !char.IsWhiteSpace(headerValue[schemeEnd]))
        {
            schemeEnd++;
        }

        if (!headerValue.AsSpan(position, schemeEnd - position).Equals("Digest", StringComparison.OrdinalIgnoreCase))
        {
            error = new DigestChallengeError(DigestChallengeErrorKind.NotDigest, position, "The challenge scheme is not Digest.");
            return false;
        }

        if (!TryReadParameters(headerValue, schemeEnd, out var parameters, out error))
        {
            return false;
        }

        if (!parameters.TryGetValue("realm", out var realm))
        {
            error = new DigestChallengeError(DigestChallengeErrorKind.MissingRealm, headerValue.Length, "The challenge has no realm.");
            return false;
        }

        if (!parameters.TryGetValue("nonce", out var nonce) || nonce.Value.Length == 0)
        {
            error = new DigestChallengeError(DigestChallengeErrorKind.MissingNonce, nonce.Offset, "The challenge has no nonce.");
            return false;
        }

        var algorithm = DigestAlgorithm.Md5;
        if (parameters.TryGetValue("algorithm", out var algorithmText) && !TryParseAlgorithm(algorithmText.Value, out algorithm))
        {
            error = new DigestChallengeError(DigestChallengeErrorKind.UnsupportedAlgorithm, algorithmText.Offset, "The algorithm is not MD5, MD5-sess, SHA-256 or SHA-256-sess.");
            return false;
        }

        var qop = EquatableArray<string>.Empty;
        if (parameters.TryGetValue("qop", out var qopText))
        {
            qop = qopText.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToEquatableArray();
            if (!qop.Any(q => q.Equals("auth", StringComparison.OrdinalIgnoreCase) || q.Equals("auth-int", StringComparison.OrdinalIgnoreCase)))
            {
                error = new DigestChallengeError(DigestChallengeErrorKind.UnsupportedQop, qopText.Offset, "The qop offers neither auth nor auth-int.");
                return false;
            }
        }

        var stale = parameters.TryGetValue("stale", out var staleText) && staleText.Value.Equals("true", StringComparison.OrdinalIgnoreCase);
        var opaque = parameters.TryGetValue("opaque", out var opaqueText) ? opaqueText.Value : null;
        challenge = new DigestChallenge(realm.Value, nonce.Value, opaque, algorithm, qop, stale);
        error = null;
        return true;
    }

    /// <summary>The algorithm's name as written on the wire, e.g. <c>SHA-256-sess</c>.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>The wire name.</returns>
    public static string GetWireName(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5 => "MD5",
        DigestAlgorithm.Md5Sess => "MD5-sess",
        DigestAlgorithm.Sha256 => "SHA-256",
        DigestAlgorithm.Sha256Sess => "SHA-256-sess",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown digest algorithm."),
    };

    private static bool TryParseAlgorithm(string text, out DigestAlgorithm algorithm)
    {
        foreach (var candidate in Enum.GetValues<DigestAlgorithm>())
        {
            if (GetWireName(candidate).Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                algorithm = candidate;
                return true;
            }
        }

        algorithm = DigestAlgorithm.Md5;
        return false;
    }

    private static bool TryReadParameters(
        string text,
        int position,
        out Dictionary<string, (string Value, int Offset)> parameters,
        [NotNullWhen(false)] out DigestChallengeError? error)
    {
        parameters = new Dictionary<string, (string, int)>(StringComparer.OrdinalIgnoreCase);
        error = null;
        while (true)
        {
            position = SkipWhiteSpace(text, position);
            if (position == text.Length)
            {
                return true;
            }

            var nameStart = position;
            while (position < text.Length && IsTokenChar(text[position]))
            {
                position++;
            }

            var name = text[nameStart..position];
            position = SkipWhiteSpace(text, position);
            if (name.Length == 0 || position == text.Length || text[position] != '=')
            {
                error = new DigestChallengeError(DigestChallengeErrorKind.Malformed, position, "Expected a parameter name followed by '='.");
                return false;
            }

            position = SkipWhiteSpace(text, position + 1);
            var valueStart = position;
            string value;
            if (position < text.Length && text[position] == '"')
            {
                var builder = new StringBuilder();
                position++;
                while (position < text.Length && text[position] != '"')
                {
                    if (text[position] == '\\' && position + 1 < text.Length)
                    {
                        position++;
                    }

                    builder.Append(text[position]);
                    position++;
                }

                if (position == text.Length)
                {
                    error = new DigestChallengeError(DigestChallengeErrorKind.Malformed, valueStart, $"The quoted value of '{name}' is not closed.");
                    return false;
                }

                position++;
                value = builder.ToString();
            }
            else
            {
                while (position < text.Length && IsTokenChar(text[position]))
                {
                    position++;
                }

                value = text[valueStart..position];
            }

            if (!parameters.TryAdd(name, (value, valueStart)))
            {
                error = new DigestChallengeError(DigestChallengeErrorKind.DuplicateParameter, nameStart, $"The parameter '{name}' is given twice.");
                return false;
            }

            position = SkipWhiteSpace(text, position);
            if (position == text.Length)
            {
                return true;
            }

            if (text[position] != ',')
            {
                error = new DigestChallengeError(DigestChallengeErrorKind.Malformed, position, "Expected ',' between parameters.");
                return false;
            }

            position++;
        }
    }

    private static int SkipWhiteSpace(string text, int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return position;
    }

    // RFC 3261 token characters.
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "-.!%*_+`'~".Contains(c, StringComparison.Ordinal);
}
