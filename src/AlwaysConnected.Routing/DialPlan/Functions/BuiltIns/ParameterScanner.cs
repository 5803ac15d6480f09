using System.Text;
namespace AlwaysConnected.Routing.DialPlan.Functions.BuiltIns;

/// <summary>Finds <c>;name=value</c> in a value, skipping quoted strings; names compare case-insensitively.</summary>
internal static class ParameterScanner
{
    public static bool TryFind(ReadOnlySpan<byte> text, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;
        name = name.Trim((byte)' ');
        if (name.IsEmpty)
        {
            return false;
        }

        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            if (b == (byte)'"')
            {
                inQuotes = !inQuotes;
                continue;
            }

            if (inQuotes || b != (byte)';')
            {
                continue;
            }

            var rest = text[(i + 1)..].TrimStart((byte)' ');
            if (rest.Length < name.Length || !Ascii.EqualsIgnoreCase(rest[..name.Length], name))
            {
                continue;
            }

            var after = rest[name.Length..].TrimStart((byte)' ');
            if (after.IsEmpty || after[0] is (byte)';' or (byte)',' or (byte)'>' or (byte)'?')
            {
                return true; // A flag parameter: present, empty value.
            }

            if (after[0] != (byte)'=')
            {
                continue;
            }

            after = after[1..].TrimStart((byte)' ');
            var end = after.IndexOfAny(";,>?"u8);
            value = (end >= 0 ? after[..end] : after).TrimEnd((byte)' ');
            if (value.Length >= 2 && value[0] == (byte)'"' && value[^1] == (byte)'"')
            {
                value = value[1..^1];
            }

            return true;
        }

        return false;
    }
}
