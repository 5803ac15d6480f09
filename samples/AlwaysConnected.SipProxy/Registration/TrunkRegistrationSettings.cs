namespace AlwaysConnected.SipProxy.Registration;

/// <summary>How the sample paces trunk registration attempts (section <c>SipProxy:Registration</c>).</summary>
internal sealed class TrunkRegistrationSettings
{
    public const string SectionName = "SipProxy:Registration";

    /// <summary>The wait after the first failure, doubled per failure in a row.</summary>
    public int InitialRetryDelayMilliseconds { get; set; } = 2000;

    /// <summary>The longest wait between attempts.</summary>
    public int MaxRetryDelaySeconds { get; set; } = 300;

    /// <summary>The random spread of each delay (0 to 1).</summary>
    public double RetryJitter { get; set; } = 0.2;
}
