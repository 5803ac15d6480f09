using System.Diagnostics.CodeAnalysis;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Ars;

/// <summary>
/// Which outcomes of an INVITE sent to a trunk make the router try the next candidate: status codes and ranges,
/// and whether a timeout does. Written as the vendor writes it (<c>500-599,408</c>, <c>503,no-timeout</c>,
/// <c>timeout</c>): <see cref="Parse"/> reads that text and <see cref="ToString"/> writes it back. Two policies
/// are equal when they hold the same ranges in the same order and the same timeout flag.
/// </summary>
/// <example>
/// <code>
/// block.Trunk("10.0.0.1:5060", failover: FailoverPolicy.Parse("500-599,408"));
/// </code>
/// </example>
public sealed record FailoverPolicy
{
    private readonly EquatableArray<StatusCodeRange> _statuses;

    // The text reader and tests build policies from ranges; hosts parse the text form.
    internal FailoverPolicy(EquatableArray<StatusCodeRange> statuses, bool onTimeout = true)
    {
        Statuses = statuses;
        OnTimeout = onTimeout;
    }

    /// <summary>The vendor's behaviour: any 5xx response or a timeout fails over.</summary>
    public static FailoverPolicy Default { get; } = new(EquatableArray.Create(new StatusCodeRange(500, 599)));

    /// <summary>The status codes that fail over.</summary>
    internal EquatableArray<StatusCodeRange> Statuses
    {
        get => _statuses;
        init
        {
            foreach (var range in value)
            {
                if (range is null)
                {
                    throw new ArgumentException("The status list must not contain null.", nameof(Statuses));
                }
            }

            _statuses = value;
        }
    }

    /// <summary>Whether no response within the response timeout fails over.</summary>
    public bool OnTimeout { get; init; }

    /// <summary>Reads a policy from its text form.</summary>
    /// <param name="text">
    /// Status codes (<c>408</c>) and ranges (<c>500-599</c>) of 100-699, separated by commas, with <c>timeout</c>
    /// (a timeout fails over; the default) or <c>no-timeout</c>.
    /// </param>
    /// <returns>The policy.</returns>
    /// <exception cref="FormatException">The text is not a policy; the message names the entry at fault.</exception>
    public static FailoverPolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ArsTextValues.TryParseFailover(text, out var policy, out var error)
            ? policy!
            : throw new FormatException($"Failover '{text}': {error}.");
    }

    /// <summary>Reads a policy from its text form (see <see cref="Parse"/>), without throwing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="policy">The policy, or null when the text is not one.</param>
    /// <returns>True when the text is a policy.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out FailoverPolicy? policy)
    {
        policy = null;
        return text is not null && ArsTextValues.TryParseFailover(text, out policy, out _);
    }

    /// <summary>
    /// The policy as the text notation's <c>Failover</c> field and the configuration's <c>Failover</c>
    /// property read it: status ranges separated by commas, then <c>no-timeout</c> when a timeout does not
    /// fail over, or <c>timeout</c> alone when only a timeout does.
    /// </summary>
    /// <returns>For example <c>500-599</c>, <c>503,no-timeout</c> or <c>timeout</c>.</returns>
    public override string ToString()
    {
        var parts = Statuses.Select(r => r.ToString()).ToList();
        if (!OnTimeout)
        {
            parts.Add("no-timeout");
        }
        else if (parts.Count == 0)
        {
            parts.Add("timeout");
        }

        return string.Join(",", parts);
    }

    /// <summary>Tells whether a final response with this status fails over.</summary>
    /// <param name="status">The SIP status code.</param>
    /// <returns>True when one of the ranges holds the status.</returns>
    public bool FailsOver(int status)
    {
        foreach (var range in _statuses)
        {
            if (range.Contains(status))
            {
                return true;
            }
        }

        return false;
    }
}
