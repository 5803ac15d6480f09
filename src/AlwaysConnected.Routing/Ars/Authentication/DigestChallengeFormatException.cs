namespace AlwaysConnected.Routing.Ars.Authentication;

/// <summary>A WWW-Authenticate or Proxy-Authenticate value could not be read as a digest challenge.</summary>
internal sealed class DigestChallengeFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What is wrong and where.</param>
    public DigestChallengeFormatException(DigestChallengeError error)
        : base(error?.ToString())
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public DigestChallengeFormatException()
        : this(new DigestChallengeError(DigestChallengeErrorKind.Malformed, 0, "The challenge could not be read."))
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public DigestChallengeFormatException(string message)
        : base(message)
    {
        Error = new DigestChallengeError(DigestChallengeErrorKind.Malformed, 0, message);
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DigestChallengeFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new DigestChallengeError(DigestChallengeErrorKind.Malformed, 0, message);
    }

    /// <summary>What is wrong and where.</summary>
    public DigestChallengeError Error { get; }
}
