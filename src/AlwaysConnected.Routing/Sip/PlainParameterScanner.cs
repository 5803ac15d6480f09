using System.Text;

namespace AlwaysConnected.Routing.Sip;

/// <summary>The single-pass check of a parameter list in its usual form, shared by the header readers' fast paths.</summary>
internal static class PlainParameterScanner
{
    /// <summary>
    /// <c>;name[=value]</c> elements without whitespace, quotes or commas: what <see cref="SipParameters.IsWellFormed"/>
    /// accepts on its plain path, with the value of the first element called <paramref name="name"/> (the one
    /// <see cref="SipParameters.TryGetValue"/> returns; empty when absent or value-less).
    /// </summary>
    /// <param name="text">The list, starting with its <c>;</c>.</param>
    /// <param name="name">The parameter to look for; empty looks for nothing.</param>
    /// <param name="value">Its value.</param>
    /// <returns>False when the list is not plain and well-formed: the caller then asks the general reader.</returns>
    public static bool TryScan(ReadOnlySpan<byte> text, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;

        // An unusual byte fails the list wherever it is (no name may hold one either), so one vectorised check over
        // the whole text replaces a class lookup per value byte: a value then runs to the next ';'.
        if (text.ContainsAny(SipCharacters.ParameterListUnusual))
        {
            return false;
        }

        bool found = false;
        int n = text.Length;
        int i = 1;
        while (true)
        {
            int nameStart = i;
            while (i < n && SipCharacterClass.Is(text[i], SipCharacterClass.Token))
            {
                i++;
            }

            int nameEnd = i;
            if (nameEnd == nameStart)
            {
                return false;
            }

            int valueStart = i;
            if (i < n && text[i] == '=')
            {
                valueStart = ++i;
                int semi = text[i..].IndexOf((byte)';');
                i = semi < 0 ? n : i + semi;
            }
            else if (i < n && text[i] != ';')
            {
                return false;
            }

            if (!found && nameEnd - nameStart == name.Length && Ascii.EqualsIgnoreCase(text[nameStart..nameEnd], name))
            {
                found = true;
                value = text[valueStart..i];
            }

            if (i == n)
            {
                return true;
            }

            // Skip the ';'; an empty last element is left to the general reader (which rejects it).
            if (++i == n)
            {
                return false;
            }
        }
    }
}
