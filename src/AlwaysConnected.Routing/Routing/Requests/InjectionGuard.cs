using System.Globalization;

namespace AlwaysConnected.Routing.Requests;

/// <summary>
/// The header-injection guard both engines apply to a value they substituted: a CR, LF or NUL would
/// end the header line (or the string) and let text from the wire write headers of its own, so a value
/// holding one fails the decision before anything is applied. One test and one wording for both.
/// </summary>
internal static class InjectionGuard
{
    /// <summary>The offset of the first CR, LF or NUL in <paramref name="value"/>, or -1 when it holds none.</summary>
    public static int IndexOfForbidden(ReadOnlySpan<byte> value) => value.IndexOfAny((byte)'\r', (byte)'\n', (byte)'\0');

    /// <summary>Whether a constant holds no CR, LF or NUL (checked once at load time, so the per-call guard can skip it).</summary>
    public static bool IsSafe(ReadOnlySpan<byte> value) => IndexOfForbidden(value) < 0;

    /// <inheritdoc cref="IsSafe(ReadOnlySpan{byte})"/>
    public static bool IsSafe(ReadOnlySpan<char> value) => value.IndexOfAny('\r', '\n', '\0') < 0;

    /// <summary>
    /// The error message for a refused value: <paramref name="subject"/> says whose value it is (for
    /// example <c>Rule 'x', deploy line 2 (To): the substituted value</c>).
    /// </summary>
    public static string Refusal(string subject, byte forbidden, int offset) =>
        string.Create(CultureInfo.InvariantCulture, $"{subject} holds a {NameOf(forbidden)} at offset {offset}; header injection refused, nothing applied.");

    private static string NameOf(byte forbidden) => forbidden switch
    {
        (byte)'\r' => "CR",
        (byte)'\n' => "LF",
        _ => "NUL",
    };
}
