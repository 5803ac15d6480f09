namespace AlwaysConnected.Routing.Ars.Registration;

/// <summary>How a <see cref="TrunkRegistrar"/> writes its REGISTERs and paces its attempts.</summary>
public sealed class TrunkRegistrarOptions
{
    /// <summary>
    /// The host's own address as the registrar should reach it, <c>host:port</c> (e.g. <c>203.0.113.7:5060</c>,
    /// <c>[2001:db8::7]:5060</c>): the Contact's host part and the Via's sent-by. Required.
    /// </summary>
    public string ContactAddress { get; set; } = "";

    /// <summary>The transport the Via and Contact name. Default UDP.</summary>
    public SipTransport Transport { get; set; } = SipTransport.Udp;

    /// <summary>How long to wait for a final response before the attempt fails with 408. Default 8 s.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Over UDP, the first retransmission interval (RFC 3261 T1), doubled up to 4 s until a response or the
    /// timeout. Default 500 ms; <see cref="TimeSpan.Zero"/> never retransmits (a reliable transport never does).
    /// </summary>
    public TimeSpan RetransmitInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The wait after the first failure; it doubles with each failure in a row. Default 2 s.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between attempts, also the cap on a registrar's <c>Retry-After</c>. Default 5 min.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How much each backoff delay is spread at random, as a fraction (0 to 1): 0.2 waits between 80 % and 120 % of
    /// the delay, so that many hosts restarted together do not retry together. Default 0.2.
    /// </summary>
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>The shortest refresh interval, however short the granted expiry. Default 1 s.</summary>
    public TimeSpan MinimumRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The User-Agent header value, or null for none.</summary>
    public string? UserAgent { get; set; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ContactAddress) || ContactAddress.AsSpan().IndexOfAny("<>\"; \t\r\n\0@") >= 0)
        {
            throw new ArgumentException($"ContactAddress must be host:port, the host's own address (got '{ContactAddress}').", nameof(ContactAddress));
        }

        Positive(ResponseTimeout, nameof(ResponseTimeout));
        Positive(InitialRetryDelay, nameof(InitialRetryDelay));
        Positive(MinimumRefreshInterval, nameof(MinimumRefreshInterval));
        if (MaxRetryDelay < InitialRetryDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetryDelay), MaxRetryDelay, "MaxRetryDelay must be at least InitialRetryDelay.");
        }

        if (RetransmitInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RetransmitInterval), RetransmitInterval, "RetransmitInterval must not be negative.");
        }

        if (double.IsNaN(RetryJitter) || RetryJitter is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryJitter), RetryJitter, "RetryJitter must be between 0 and 1.");
        }

        if (UserAgent is { } agent && agent.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException("UserAgent must not contain CR, LF or NUL.", nameof(UserAgent));
        }
    }

    internal TrunkRegistrarOptions Clone() => (TrunkRegistrarOptions)MemberwiseClone();

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be greater than zero.");
        }
    }
}
