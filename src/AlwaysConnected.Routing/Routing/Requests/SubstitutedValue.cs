namespace AlwaysConnected.Routing.Requests;

/// <summary>
/// What both engines do to a value once its template is substituted (a dial plan's <c>sip:%1@host</c>,
/// an ARS deploy's <c>&amp;t1</c>): blanks around it are not part of it, as in the text notations, and a
/// constant is checked and trimmed once at load time instead of on every call.
/// </summary>
/// <remarks>
/// The templates themselves stay with their engine: a dial-plan template is a node of the expression
/// tree (<c>%{$func(args)}</c> evaluates a function), an ARS template is a flat list of capture and
/// property slots. What follows the substitution (<see cref="InjectionGuard"/>, then trimming) is shared.
/// </remarks>
internal static class SubstitutedValue
{
    /// <summary>The value without the blanks around it; <paramref name="leading"/> is how many it had in front.</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value, out int leading)
    {
        var trimmed = value.Trim((byte)' ');
        leading = trimmed.IsEmpty ? 0 : value.Length - value.TrimStart((byte)' ').Length;
        return trimmed;
    }

    /// <summary>
    /// A constant value trimmed, when it holds no CR, LF or NUL: a value that needs neither substitution
    /// nor the per-call guard. Null when it holds one (it is then refused per call like any other value).
    /// </summary>
    public static byte[]? SafeTrimmedConstant(ReadOnlySpan<byte> constant) =>
        InjectionGuard.IsSafe(constant) ? constant.Trim((byte)' ').ToArray() : null;
}
