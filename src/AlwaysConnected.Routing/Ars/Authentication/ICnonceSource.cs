namespace AlwaysConnected.Routing.Ars.Authentication;

/// <summary>Supplies client nonces; injectable so that tests can fix them.</summary>
internal interface ICnonceSource
{
    /// <summary>Returns a fresh client nonce: unpredictable, and free of quotes, backslashes and control characters.</summary>
    /// <returns>The cnonce.</returns>
    string NextCnonce();
}
