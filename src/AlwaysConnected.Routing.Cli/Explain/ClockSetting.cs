using System.Globalization;
using AlwaysConnected.Routing.Cli.CommandLine;

namespace AlwaysConnected.Routing.Cli.Explain;

/// <summary>
/// Reads <c>--now</c>. A time without an offset is the rules' local wall-clock time: the clock is set
/// to it in a zone with no offset, so <c>$date</c>/<c>$time</c> report exactly what was given. A time
/// with an offset (<c>2024-03-15T12:00:00+09:00</c>) sets the rules' zone to that fixed offset.
/// </summary>
internal static class ClockSetting
{
    public static (TimeProvider Time, TimeZoneInfo Zone) Parse(string? text)
    {
        if (text is null)
        {
            return (TimeProvider.System, TimeZoneInfo.Local);
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value))
        {
            throw new UsageException($"--now '{text}' is not a date and time such as 2024-03-15T12:00:00.");
        }

        if (value.Kind == DateTimeKind.Unspecified || value.Kind == DateTimeKind.Utc)
        {
            var instant = new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), TimeSpan.Zero);
            return (new FixedTimeProvider(instant, TimeZoneInfo.Utc), TimeZoneInfo.Utc);
        }

        var withOffset = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);
        var zone = TimeZoneInfo.CreateCustomTimeZone($"UTC{withOffset.Offset:+hh\\:mm;-hh\\:mm}", withOffset.Offset, "--now", "--now");
        return (new FixedTimeProvider(withOffset, zone), zone);
    }
}
