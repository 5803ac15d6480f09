using System.Security.Cryptography;

namespace AlwaysConnected.Routing.Ars.Authentication;

/// <summary>Client nonces of 128 random bits from the system's cryptographic generator, as lowercase hex.</summary>
internal sealed class RandomCnonceSource : ICnonceSource
{
    /// <summary>The shared instance.</summary>
    public static RandomCnonceSource Instance { get; } = new();

    /// <inheritdoc />
    public string NextCnonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
