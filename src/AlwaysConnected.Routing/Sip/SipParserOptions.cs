namespace AlwaysConnected.Routing.Sip;

/// <summary>Limits the parser enforces. Each breach has its own <see cref="SipParseErrorCode"/>. The defaults suit a public-facing server.</summary>
public sealed class SipParserOptions
{
    /// <summary>The shared default options. Do not mutate.</summary>
    internal static SipParserOptions Default { get; } = new();

    /// <summary>Largest message (header section plus body) in bytes. Default 65535, the largest UDP payload.</summary>
    public int MaxMessageSize { get; init; } = 65535;

    /// <summary>Most header fields (physical header entries, not comma-separated values). Default 256.</summary>
    public int MaxHeaderCount { get; init; } = 256;

    /// <summary>Longest start line or physical header line in bytes, without its CRLF. Default 8192.</summary>
    public int MaxLineLength { get; init; } = 8192;

    /// <summary>Longest header value in bytes, after unfolding. Default 16384.</summary>
    public int MaxHeaderValueLength { get; init; } = 16384;
}
