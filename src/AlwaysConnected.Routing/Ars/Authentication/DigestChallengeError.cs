namespace AlwaysConnected.Routing.Ars.Authentication;

/// <summary>Why and where a challenge header value could not be read.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Offset">The 0-based character offset in the header value where the problem was found.</param>
/// <param name="Message">A description for operators.</param>
internal sealed record DigestChallengeError(DigestChallengeErrorKind Kind, int Offset, string Message)
{
    /// <summary>Formats the error with its offset.</summary>
    /// <returns>The message and offset.</returns>
    public override string ToString() => $"{Message} (at offset {Offset})";
}
