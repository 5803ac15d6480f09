using System.Text;

namespace AlwaysConnected.Routing.DialPlan.Functions.BuiltIns;

/// <summary>Decodes short UTF-8 values into a caller's char buffer for the string-keyed host services.</summary>
internal static class CharScratch
{
    /// <summary>The longest user, alias or route name the service lookups accept.</summary>
    public const int MaxLength = 256;

    public static bool TryDecode(ReadOnlySpan<byte> value, Span<char> destination, out ReadOnlySpan<char> text)
    {
        text = default;
        if (value.Length > destination.Length || !Encoding.UTF8.TryGetChars(value, destination, out var written))
        {
            return false;
        }

        text = destination[..written];
        return true;
    }
}
