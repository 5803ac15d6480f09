using AlwaysConnected.Routing.Requests;
using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace AlwaysConnected.Routing.DialPlan.Functions.BuiltIns;

/// <summary><c>$date</c> (<c>yyyy/MM/dd</c>), <c>$time</c> (<c>HH:mm:ss</c>, 24 h) and <c>$timerange(begin, end[, zone])</c>.</summary>
internal static class TimeFunctions
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Zones = new(StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<DialPlanFunction> All()
    {
        yield return new("date", 0, 0, Date);
        yield return new("time", 0, 0, Time);
        yield return new("timerange", 2, 3, TimeRange);
    }

    private static DateTime LocalNow(in DialPlanFunctionContext c, TimeZoneInfo? zone = null) =>
        TimeZoneInfo.ConvertTime(c.Services.Time.GetUtcNow(), zone ?? c.Services.TimeZone).DateTime;

    private static bool Date(in DialPlanFunctionContext c, IBufferWriter<byte> result) => Format(LocalNow(c), "yyyy'/'MM'/'dd", result);

    private static bool Time(in DialPlanFunctionContext c, IBufferWriter<byte> result) => Format(LocalNow(c), "HH':'mm':'ss", result);

    private static bool Format(DateTime time, string format, IBufferWriter<byte> result)
    {
        var span = result.GetSpan(32);
        time.TryFormat(span, out var written, format, CultureInfo.InvariantCulture);
        result.Advance(written);
        return true;
    }

    // True when the local time of day is in [begin, end]; a range whose end is before its begin
    // runs over midnight (22:00-06:00).
    private static bool TimeRange(in DialPlanFunctionContext c, IBufferWriter<byte> result)
    {
        if (!c.TryGetArgument(0, out var beginText) || !c.TryGetArgument(1, out var endText)
            || !TryParseTimeOfDay(beginText, out var begin) || !TryParseTimeOfDay(endText, out var end))
        {
            return false;
        }

        TimeZoneInfo? zone = null;
        if (c.ArgumentCount > 2 && c.TryGetArgument(2, out var zoneText) && !TryGetZone(zoneText, out zone))
        {
            return false;
        }

        var now = LocalNow(c, zone).TimeOfDay;
        var inRange = begin <= end ? now >= begin && now <= end : now >= begin || now <= end;
        return ValueWriter.Boolean(result, inRange);
    }

    internal static bool TryParseTimeOfDay(ReadOnlySpan<byte> text, out TimeSpan time)
    {
        time = default;
        text = text.Trim((byte)' ');
        Span<char> chars = stackalloc char[16];
        if (text.Length > chars.Length || !Ascii.IsValid(text))
        {
            return false;
        }

        var length = Encoding.ASCII.GetChars(text, chars);
        string[] formats = ["h\\:mm", "hh\\:mm", "h\\:mm\\:ss", "hh\\:mm\\:ss"];
        return TimeSpan.TryParseExact(chars[..length], formats, CultureInfo.InvariantCulture, out time) && time < TimeSpan.FromDays(1);
    }

    /// <summary>
    /// Resolves a zone: an IANA or Windows id, a common abbreviation (PST, CST, ... with daylight
    /// saving), or a fixed offset <c>GMT+9</c> / <c>GMT-5:30</c> (no daylight saving, as the vendor documents).
    /// </summary>
    internal static bool TryGetZone(ReadOnlySpan<byte> text, out TimeZoneInfo? zone)
    {
        var name = Encoding.UTF8.GetString(text.Trim((byte)' '));
        zone = Zones.GetOrAdd(name, ResolveZone);
        return zone is not null;
    }

    private static TimeZoneInfo? ResolveZone(string name)
    {
        if (name.StartsWith("GMT", StringComparison.OrdinalIgnoreCase) || name.StartsWith("UTC", StringComparison.OrdinalIgnoreCase))
        {
            var offsetText = name[3..];
            if (offsetText.Length == 0)
            {
                return TimeZoneInfo.Utc;
            }

            // "%h": a lone "h" would be read as a standard format and never match ("GMT-8" failed).
            if (TimeSpan.TryParseExact(offsetText.TrimStart('+', '-'), ["%h", "hh", "h\\:mm", "hh\\:mm"], CultureInfo.InvariantCulture, out var offset))
            {
                offset = offsetText[0] == '-' ? -offset : offset;
                return TimeZoneInfo.CreateCustomTimeZone(name, offset, name, name);
            }

            return null;
        }

        var id = name.ToUpperInvariant() switch
        {
            "PST" or "PDT" => "America/Los_Angeles",
            "MST" or "MDT" => "America/Denver",
            "CST" or "CDT" => "America/Chicago",
            "EST" or "EDT" => "America/New_York",
            "JST" => "Asia/Tokyo",
            "CET" or "CEST" => "Europe/Berlin",
            _ => name,
        };

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }
}
