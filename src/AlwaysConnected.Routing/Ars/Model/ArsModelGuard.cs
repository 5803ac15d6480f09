using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Ars;

/// <summary>Shared argument checks for the ARS model, so every record rejects bad values the same way.</summary>
internal static class ArsModelGuard
{
    public static string Name(string? value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The name must not be empty.", paramName);
        }

        if (value.Trim().Length != value.Length)
        {
            throw new ArgumentException("The name must not start or end with white space.", paramName);
        }

        // Names are written inside "[Route NAME]" headers, so brackets would not survive a round trip.
        if (value.AsSpan().IndexOfAny('[', ']') >= 0)
        {
            throw new ArgumentException("The name must not contain '[' or ']'.", paramName);
        }

        return NoControl(value, paramName);
    }

    public static string Required(string? value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The value must not be empty.", paramName);
        }

        return NoControl(value.Trim(), paramName);
    }

    /// <summary>
    /// Blank optional text means "not set"; normalising it to null, and trimming surrounding white space (which
    /// the text notation cannot carry), keeps equality honest across notations.
    /// </summary>
    public static string? Optional(string? value, string paramName) =>
        string.IsNullOrWhiteSpace(value) ? null : NoControl(value.Trim(), paramName);

    /// <summary>
    /// CR, LF and NUL are refused everywhere: configuration values end up in SIP headers, and a line break
    /// there would inject a header.
    /// </summary>
    public static string NoControl(string value, string paramName)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException("The value must not contain CR, LF or NUL.", paramName);
        }

        return value;
    }

    public static int AtLeast(int value, int minimum, string paramName)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"The value must be at least {minimum}.");
        }

        return value;
    }

    public static int InRange(int value, int minimum, int maximum, string paramName)
    {
        if (value < minimum || value > maximum)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"The value must be between {minimum} and {maximum}.");
        }

        return value;
    }

    public static EquatableArray<ArsVariable> Variables(EquatableArray<ArsVariable> variables, string allowedKinds, string paramName)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variable in variables)
        {
            if (variable is null)
            {
                throw new ArgumentException("The variable list must not contain null.", paramName);
            }

            if (!allowedKinds.Contains(variable.Kind, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Variable &{variable.Name} is not allowed here; allowed kinds: {allowedKinds}.", paramName);
            }

            if (!seen.Add(variable.Name))
            {
                throw new ArgumentException($"Variable &{variable.Name} is defined twice.", paramName);
            }
        }

        return variables;
    }
}
