using System.Diagnostics.CodeAnalysis;
using System.Text;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Ars.Authentication;

/// <summary>
/// Answers a trunk's 401/407 with the selected route's credentials: reads the challenge from the response
/// and builds the Authorization or Proxy-Authorization header with <see cref="DigestAuthenticator"/>.
/// </summary>
public static class ArsChallengeResponder
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
    public static bool TryCreateAuthorization(
        SipMessage response,
        TrunkCredentials credentials,
        string method,
        string requestUri,
        DigestAuthenticator authenticator,
        [NotNullWhen(true)] out ArsAuthorization? authorization)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(authenticator);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(requestUri);
        authorization = null;
        if (response.IsRequest || response.StatusCode is not (401 or 407))
        {
            return false;
        }

        var proxy = response.StatusCode == 407;
        var headers = response.EnumerateHeaders(proxy ? SipHeaderId.ProxyAuthenticate : SipHeaderId.WwwAuthenticate);
        while (headers.MoveNext())
        {
            var text = Encoding.UTF8.GetString(response.GetValue(headers.Current));
            if (!DigestChallenge.TryParse(text, out var challenge, out _)
                || (credentials.Realm is { } realm && !string.Equals(realm, challenge.Realm, StringComparison.Ordinal)))
            {
                continue;
            }

            var value = authenticator.CreateAuthorization(challenge, DigestCredentials.FromTrunk(credentials), method, requestUri);
            authorization = new ArsAuthorization(proxy ? "Proxy-Authorization" : "Authorization", value);
            return true;
        }

        return false;
    }
}
