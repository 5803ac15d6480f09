using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AlwaysConnected.Routing.Ars.Authentication;

/// <summary>
/// Answers a trunk's digest challenge: builds the Authorization (for a 401) or Proxy-Authorization (for a 407)
/// header value for a request (RFC 2617, RFC 7616, RFC 8760: MD5, SHA-256 and their -sess forms, qop auth and
/// auth-int, nonce counting).
/// </summary>
internal sealed class DigestAuthenticator
{
    private readonly ICnonceSource _cnonces;
    private readonly NonceCounter _counter;

    /// <summary>Creates an authenticator.</summary>
    /// <param name="cnonces">The client nonce source; the cryptographic generator when null.</param>
    /// <param name="counter">The nonce counter to share; a new one when null.</param>
    public DigestAuthenticator(ICnonceSource? cnonces = null, NonceCounter? counter = null)
    {
        _cnonces = cnonces ?? RandomCnonceSource.Instance;
        _counter = counter ?? new NonceCounter();
    }

    /// <summary>Builds the credentials header value answering a challenge.</summary>
    /// <param name="challenge">The challenge.</param>
    /// <param name="credentials">The account.</param>
    /// <param name="method">The request method, e.g. <c>INVITE</c>.</param>
    /// <param name="requestUri">The Request-URI exactly as sent.</param>
    /// <param name="body">The message body; used only when the challenge offers <c>auth-int</c> and not <c>auth</c>.</param>
    /// <returns>The header value, starting with <c>Digest </c>.</returns>
    /// <exception cref="ArgumentException">An argument is empty or holds CR, LF or NUL.</exception>
    public string CreateAuthorization(
        DigestChallenge challenge,
        DigestCredentials credentials,
        string method,
        string requestUri,
        ReadOnlySpan<byte> body = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(credentials);
        CheckHeaderSafe(method, nameof(method));
        CheckHeaderSafe(requestUri, nameof(requestUri));
        CheckHeaderSafe(challenge.Realm, nameof(challenge));
        CheckHeaderSafe(challenge.Nonce, nameof(challenge));

        // auth is preferred: auth-int would need the exact body bytes the trunk will see.
        var qop = challenge.Qop.Any(q => q.Equals("auth", StringComparison.OrdinalIgnoreCase)) ? "auth"
            : challenge.Qop.Any(q => q.Equals("auth-int", StringComparison.OrdinalIgnoreCase)) ? "auth-int"
            : null;
        var sessionAlgorithm = challenge.Algorithm is DigestAlgorithm.Md5Sess or DigestAlgorithm.Sha256Sess;
        var cnonce = qop is not null || sessionAlgorithm ? _cnonces.NextCnonce() : null;
        if (cnonce is not null)
        {
            CheckHeaderSafe(cnonce, nameof(cnonce));
        }

        if (challenge.Stale)
        {
            _counter.Reset(challenge.Realm);
        }

        var nc = qop is null ? null : _counter.Next(challenge.Realm, challenge.Nonce).ToString("x8", CultureInfo.InvariantCulture);
        var response = ComputeResponse(challenge, credentials, method, requestUri, qop, cnonce, nc, body);

        var header = new StringBuilder("Digest ");
        AppendQuoted(header, "username", credentials.Username).Append(", ");
        AppendQuoted(header, "realm", challenge.Realm).Append(", ");
        AppendQuoted(header, "nonce", challenge.Nonce).Append(", ");
        AppendQuoted(header, "uri", requestUri).Append(", ");
        AppendQuoted(header, "response", response).Append(", ");
        header.Append("algorithm=").Append(DigestChallenge.GetWireName(challenge.Algorithm));
        if (cnonce is not null)
        {
            AppendQuoted(header.Append(", "), "cnonce", cnonce);
        }

        if (challenge.Opaque is not null)
        {
            CheckHeaderSafe(challenge.Opaque, nameof(challenge));
            AppendQuoted(header.Append(", "), "opaque", challenge.Opaque);
        }

        if (qop is not null)
        {
            header.Append(", qop=").Append(qop).Append(", nc=").Append(nc);
        }

        return header.ToString();
    }

    /// <summary>Computes the digest <c>response</c> value (lowercase hex).</summary>
    internal static string ComputeResponse(
        DigestChallenge challenge,
        DigestCredentials credentials,
        string method,
        string requestUri,
        string? qop,
        string? cnonce,
        string? nc,
        ReadOnlySpan<byte> body)
    {
        var algorithm = challenge.Algorithm;
        var ha1 = Hash(algorithm, $"{credentials.Username}:{challenge.Realm}:{credentials.Password}");
        if (algorithm is DigestAlgorithm.Md5Sess or DigestAlgorithm.Sha256Sess)
        {
            ha1 = Hash(algorithm, $"{ha1}:{challenge.Nonce}:{cnonce}");
        }

        var ha2 = qop == "auth-int"
            ? Hash(algorithm, $"{method}:{requestUri}:{Hash(algorithm, body)}")
            : Hash(algorithm, $"{method}:{requestUri}");
        return qop is null
            ? Hash(algorithm, $"{ha1}:{challenge.Nonce}:{ha2}")
            : Hash(algorithm, $"{ha1}:{challenge.Nonce}:{nc}:{cnonce}:{qop}:{ha2}");
    }

    private static string Hash(DigestAlgorithm algorithm, string text) => Hash(algorithm, Encoding.UTF8.GetBytes(text));

    private static string Hash(DigestAlgorithm algorithm, ReadOnlySpan<byte> data)
    {
        if (algorithm is DigestAlgorithm.Sha256 or DigestAlgorithm.Sha256Sess)
        {
            return Convert.ToHexStringLower(SHA256.HashData(data));
        }

        // MD5 is what most trunks still ask for; the protocol, not this library, chooses it.
#pragma warning disable CA5351
        return Convert.ToHexStringLower(MD5.HashData(data));
#pragma warning restore CA5351
    }

    private static StringBuilder AppendQuoted(StringBuilder header, string name, string value)
    {
        header.Append(name).Append("=\"");
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                header.Append('\\');
            }

            header.Append(c);
        }

        return header.Append('"');
    }

    private static void CheckHeaderSafe(string value, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, paramName);
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException("The value must not contain CR, LF or NUL.", paramName);
        }
    }
}
