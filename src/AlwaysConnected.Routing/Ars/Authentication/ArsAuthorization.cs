namespace AlwaysConnected.Routing.Ars.Authentication;

/// <summary>The header that answers a trunk's digest challenge, to add to the re-sent request.</summary>
/// <param name="HeaderName"><c>Authorization</c> (answering a 401) or <c>Proxy-Authorization</c> (answering a 407).</param>
/// <param name="Value">The header value, starting with <c>Digest </c>.</param>
internal sealed record ArsAuthorization(string HeaderName, string Value);
