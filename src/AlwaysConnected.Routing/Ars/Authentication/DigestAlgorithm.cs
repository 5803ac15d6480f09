namespace AlwaysConnected.Routing.Ars.Authentication;

/// <summary>The digest algorithms a trunk may ask for (RFC 7616, RFC 8760).</summary>
internal enum DigestAlgorithm
{
    /// <summary><c>MD5</c>, the default when the challenge names none.</summary>
    Md5,

    /// <summary><c>MD5-sess</c>.</summary>
    Md5Sess,

    /// <summary><c>SHA-256</c>.</summary>
    Sha256,

    /// <summary><c>SHA-256-sess</c>.</summary>
    Sha256Sess,
}
