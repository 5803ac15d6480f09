namespace AlwaysConnected.Routing.Ars;

/// <summary>An inclusive range of SIP response status codes, e.g. 500-599 or the single code 408 (one entry of a <see cref="FailoverPolicy"/>).</summary>
internal sealed record StatusCodeRange
{
    private readonly int _first;
    private readonly int _last;

    /// <summary>Creates a range.</summary>
    /// <param name="first">The first status code (100-699).</param>
    /// <param name="last">The last status code (100-699, not below <paramref name="first"/>).</param>
    public StatusCodeRange(int first, int last)
    {
        _first = ArsModelGuard.InRange(first, 100, 699, nameof(first));
        _last = ArsModelGuard.InRange(last, first, 699, nameof(last));
    }

    /// <summary>Creates a range of one status code.</summary>
    /// <param name="status">The status code (100-699).</param>
    public StatusCodeRange(int status)
        : this(status, status)
    {
    }

    /// <summary>The first status code.</summary>
    public int First => _first;

    /// <summary>The last status code.</summary>
    public int Last => _last;

    /// <summary>Tells whether the status is in the range.</summary>
    /// <param name="status">A SIP status code.</param>
    /// <returns>True when <see cref="First"/> ≤ status ≤ <see cref="Last"/>.</returns>
    public bool Contains(int status) => status >= _first && status <= _last;

    /// <summary>Writes the range as <c>500-599</c> or <c>408</c>.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => _first == _last
        ? _first.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_first}-{_last}");
}
