using System.Diagnostics.CodeAnalysis;
using System.Text;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Ars.Authentication;

/// <summary>
/// Answers a trunk's 401/407 with the selected route's credentials: reads every challenge of the response,
/// keeps those for the credentials' realm, prefers SHA-256 over MD5, and builds the Authorization or
/// Proxy-Authorization header with <see cref="DigestAuthenticator"/>.
/// </summary>
internal static class ArsChallengeResponder
{
    /// <summary>Builds the header answering a challenge.</summary>
    /// <param name="response">The trunk's 401 or 407 response.</param>
    /// <param name="credentials">The route's credentials (<see cref="ArsSelection.Credentials"/>).</param>
    /// <param name="method">The challenged request's method, e.g. <c>INVITE</c>.</param>
    /// <param name="requestUri">The challenged request's Request-URI exactly as sent.</param>
    /// <param name="authenticator">The authenticator (it keeps the nonce counts); share one per host.</param>
    /// <param name="authorization">The header to add, or null.</param>
    /// <returns>
    /// False when the response is not a 401/407, carries no usable Digest challenge, or every challenge names a
    /// realm other than the credentials' <see cref="TrunkCredentials.Realm"/>.
    /// </returns>
    /// <remarks>
    /// Every WWW-Authenticate (401) or Proxy-Authenticate (407) header is read. Among the usable challenges for
    /// the realm, the first SHA-256 or SHA-256-sess one is answered when offered (RFC 8760 asks a client to
    /// prefer the strongest algorithm it supports), else the first MD5 or MD5-sess one.
    /// </remarks>
    public static bool TryCreateAuthorization(
        SipMessage response,
        TrunkCredentials credentials,
        string method,
        string requestUri,
        DigestAuthenticator authenticator,
        [NotNullWhen(true)] out ArsAuthorization? authorization) =>
        TryCreateAuthorization(response, credentials, method, requestUri, default, authenticator, out authorization);

    /// <summary>Like the public overload, with the body of the challenged request (for a challenge that offers only auth-int).</summary>
    internal static bool TryCreateAuthorization(
        SipMessage response,
        TrunkCredentials credentials,
        string method,
        string requestUri,
        ReadOnlySpan<byte> body,
        DigestAuthenticator authenticator,
        [NotNullWhen(true)] out ArsAuthorization? authorization)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(authenticator);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(requestUri);
        authorization = null;
        if (!TrySelectChallenge(response, credentials, out var challenge, out var proxy))
        {
            return false;
        }

        var value = authenticator.CreateAuthorization(challenge, DigestCredentials.FromTrunk(credentials), method, requestUri, body);
        authorization = new ArsAuthorization(proxy ? "Proxy-Authorization" : "Authorization", value);
        return true;
    }

    /// <summary>Picks the challenge to answer: every header read, the realm checked, SHA-256 before MD5.</summary>
    internal static bool TrySelectChallenge(
        SipMessage response,
        TrunkCredentials credentials,
        [NotNullWhen(true)] out DigestChallenge? chosen,
        out bool proxy)
    {
        chosen = null;
        proxy = false;
        if (response.IsRequest || response.StatusCode is not (401 or 407))
        {
            return false;
        }

        proxy = response.StatusCode == 407;
        var headers = response.EnumerateHeaders(proxy ? SipHeaderId.ProxyAuthenticate : SipHeaderId.WwwAuthenticate);
        while (headers.MoveNext())
        {
            var text = Encoding.UTF8.GetString(response.GetValue(headers.Current));
            if (!DigestChallenge.TryParse(text, out var challenge, out _)
                || (credentials.Realm is { } realm && !string.Equals(realm, challenge.Realm, StringComparison.Ordinal)))
            {
                continue;
            }

            if (chosen is null || (IsSha256(challenge.Algorithm) && !IsSha256(chosen.Algorithm)))
            {
                chosen = challenge;
            }
        }

        return chosen is not null;
    }

    private static bool IsSha256(DigestAlgorithm algorithm) => algorithm is DigestAlgorithm.Sha256 or DigestAlgorithm.Sha256Sess;
}
