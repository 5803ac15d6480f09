namespace AlwaysConnected.Routing.Ars.Authentication;

/// <summary>Why a challenge header value could not be read.</summary>
internal enum DigestChallengeErrorKind
{
    /// <summary>The value is empty.</summary>
    Empty,

    /// <summary>The scheme is not <c>Digest</c>.</summary>
    NotDigest,

    /// <summary>The parameter list is not <c>name=token</c> or <c>name="quoted"</c> items separated by commas.</summary>
    Malformed,

    /// <summary>A parameter is given twice.</summary>
    DuplicateParameter,

    /// <summary>There is no <c>realm</c>.</summary>
    MissingRealm,

    /// <summary>There is no <c>nonce</c>.</summary>
    MissingNonce,

    /// <summary>The <c>algorithm</c> is not one this library computes.</summary>
    UnsupportedAlgorithm,

    /// <summary>The <c>qop</c> offers neither <c>auth</c> nor <c>auth-int</c>.</summary>
    UnsupportedQop,
}
