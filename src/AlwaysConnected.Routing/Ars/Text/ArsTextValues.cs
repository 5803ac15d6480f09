using System.Globalization;
using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Ars.Text;

/// <summary>Reads and writes the scalar values of the ARS notation: booleans, integers, durations, failover lists.</summary>
internal static class ArsTextValues
{
    public static bool TryParseBool(string text, out bool value)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "TRUE" or "YES" or "ON" or "1":
                value = true;
                return true;
            case "FALSE" or "NO" or "OFF" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    public static bool TryParseInt(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// A whole number with an optional unit (<c>ms</c>, <c>s</c>, <c>min</c>, <c>h</c>); a bare number is in
    /// <paramref name="bareUnit"/>.
    /// </summary>
    public static bool TryParseDuration(string text, TimeSpan bareUnit, out TimeSpan value)
    {
        value = default;
        var span = text.AsSpan().Trim();
        var digits = 0;
        while (digits < span.Length && char.IsAsciiDigit(span[digits]))
        {
            digits++;
        }

        if (digits == 0 || !long.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        var unit = span[digits..].Trim().ToString().ToUpperInvariant() switch
        {
            "" => bareUnit,
            "MS" => TimeSpan.FromMilliseconds(1),
            "S" or "SEC" => TimeSpan.FromSeconds(1),
            "MIN" => TimeSpan.FromMinutes(1),
            "H" => TimeSpan.FromHours(1),
            _ => TimeSpan.Zero,
        };

        // A year is far beyond any sensible timeout and keeps the multiplication from overflowing.
        if (unit == TimeSpan.Zero || amount > TimeSpan.FromDays(366).Ticks / unit.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks(amount * unit.Ticks);
        return true;
    }

    /// <summary>
    /// A comma-separated list of status codes (<c>408</c>), ranges (<c>500-599</c>) and the words
    /// <c>timeout</c> (fail over on no response; the default) and <c>no-timeout</c>.
    /// </summary>
    public static bool TryParseFailover(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FailoverPolicy? policy, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        policy = null;
        error = null;
        var ranges = new List<StatusCodeRange>();
        var onTimeout = true;
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (raw.Length == 0)
            {
                error = "an empty entry in the list";
                return false;
            }

            if (string.Equals(raw, "timeout", StringComparison.OrdinalIgnoreCase))
            {
                onTimeout = true;
                continue;
            }

            if (string.Equals(raw, "no-timeout", StringComparison.OrdinalIgnoreCase))
            {
                onTimeout = false;
                continue;
            }

            var dash = raw.IndexOf('-', StringComparison.Ordinal);
            var firstText = dash < 0 ? raw : raw[..dash].Trim();
            var lastText = dash < 0 ? raw : raw[(dash + 1)..].Trim();
            if (!int.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !int.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                || first < 100 || last > 699 || first > last)
            {
                error = $"'{raw}' is not a status code (100-699), a range such as 500-599, 'timeout' or 'no-timeout'";
                return false;
            }

            ranges.Add(new StatusCodeRange(first, last));
        }

        policy = new FailoverPolicy(ranges.ToEquatableArray(), onTimeout);
        return true;
    }

    /// <summary>Writes a duration as a bare number in <paramref name="bareUnit"/> when it is whole, else in milliseconds.</summary>
    public static string FormatDuration(TimeSpan value, TimeSpan bareUnit) =>
        value.Ticks % bareUnit.Ticks == 0
            ? (value.Ticks / bareUnit.Ticks).ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{value.Ticks / TimeSpan.TicksPerMillisecond}ms");

    /// <summary>
    /// An inbound source: <c>any</c> or <c>registered-trunk</c>, case-insensitive; a space or no separator in place
    /// of the hyphen is accepted too (<c>Registered Trunk</c>, <c>RegisteredTrunk</c>, the JSON spelling).
    /// </summary>
    public static bool TryParseInboundSource(string text, out ArsInboundSource value)
    {
        switch (text.Trim().Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())
        {
            case "ANY":
                value = ArsInboundSource.Any;
                return true;
            case "REGISTEREDTRUNK":
                value = ArsInboundSource.RegisteredTrunk;
                return true;
            default:
                value = ArsInboundSource.Any;
                return false;
        }
    }

    public static string Format(ArsInboundSource value) => value == ArsInboundSource.RegisteredTrunk ? "registered-trunk" : "any";

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(bool value) => value ? "true" : "false";
}
