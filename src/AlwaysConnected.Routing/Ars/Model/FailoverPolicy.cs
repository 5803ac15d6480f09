using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Ars;

/// <summary>Which outcomes of an INVITE sent to a trunk make the router try the next candidate.</summary>
public sealed record FailoverPolicy
{
    private readonly EquatableArray<StatusCodeRange> _statuses;

    /// <summary>Creates a policy.</summary>
    /// <param name="statuses">The status codes that fail over.</param>
    /// <param name="onTimeout">Whether no response within the response timeout fails over.</param>
    public FailoverPolicy(EquatableArray<StatusCodeRange> statuses, bool onTimeout = true)
    {
        Statuses = statuses;
        OnTimeout = onTimeout;
    }

    /// <summary>The vendor's behaviour: any 5xx response or a timeout fails over.</summary>
    public static FailoverPolicy Default { get; } = new(EquatableArray.Create(new StatusCodeRange(500, 599)));

    /// <summary>The status codes that fail over.</summary>
    public EquatableArray<StatusCodeRange> Statuses
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
