namespace AlwaysConnected.Routing.Ars;

/// <summary>Where an OUT block sends the call and when it gives up on that trunk.</summary>
public sealed record TrunkConnection
{
    /// <summary>The response timeout used when none is given (8 s; the vendor documents no default).</summary>
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(8);

    /// <summary>The recovery time used when none is given (60 s; the vendor documents no default).</summary>
    public static readonly TimeSpan DefaultRecoveryTime = TimeSpan.FromSeconds(60);

    private readonly string _target = "";
    private readonly TimeSpan _responseTimeout;
    private readonly TimeSpan _recoveryTime;
    private readonly FailoverPolicy _failover = FailoverPolicy.Default;

    /// <summary>Creates a trunk connection.</summary>
    /// <param name="target">The next hop: <c>host[:port][;transport=x]</c> or a SIP URI.</param>
    /// <param name="responseTimeout">How long to wait for any response before failing over; default 8 s.</param>
    /// <param name="recoveryTime">How long a failed trunk is passed over; default 60 s.</param>
    /// <param name="failover">Which outcomes fail over; default 500-599 and timeout.</param>
    public TrunkConnection(string target, TimeSpan? responseTimeout = null, TimeSpan? recoveryTime = null, FailoverPolicy? failover = null)
    {
        Target = target;
        ResponseTimeout = responseTimeout ?? DefaultResponseTimeout;
        RecoveryTime = recoveryTime ?? DefaultRecoveryTime;
        Failover = failover ?? FailoverPolicy.Default;
    }

    /// <summary>The next hop: <c>host[:port][;transport=x]</c> or a SIP URI.</summary>
    public string Target
    {
        get => _target;
        init
        {
            var target = ArsModelGuard.Required(value, nameof(Target));
            if (target.Trim().Length != target.Length || target.Contains(' ', StringComparison.Ordinal))
            {
                throw new ArgumentException("The target must not contain white space.", nameof(Target));
            }

            _target = target;
        }
    }

    /// <summary>How long to wait for any response before failing over (greater than zero).</summary>
    public TimeSpan ResponseTimeout
    {
        get => _responseTimeout;
        init => _responseTimeout = value > TimeSpan.Zero && IsWholeMilliseconds(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ResponseTimeout), value, "The response timeout must be a whole number of milliseconds greater than zero.");
    }

    /// <summary>How long a failed trunk is passed over (zero or more).</summary>
    public TimeSpan RecoveryTime
    {
        get => _recoveryTime;
        init => _recoveryTime = value >= TimeSpan.Zero && IsWholeMilliseconds(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(RecoveryTime), value, "The recovery time must be a whole number of milliseconds, not negative.");
    }

    /// <summary>Which outcomes fail over.</summary>
    public FailoverPolicy Failover
    {
        get => _failover;
        init => _failover = value ?? throw new ArgumentNullException(nameof(Failover));
    }

    // The text notation writes durations in milliseconds; finer values would not survive a round trip.
    private static bool IsWholeMilliseconds(TimeSpan value) => value.Ticks % TimeSpan.TicksPerMillisecond == 0;
}
