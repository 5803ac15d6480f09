using System.Text;

namespace AlwaysConnected.Routing.DialPlan.Text;

/// <summary>Thrown when dial plan text cannot be read; <see cref="Errors"/> lists every problem found.</summary>
public sealed class DialPlanSyntaxException : FormatException
{
    /// <summary>Creates the exception from the errors found.</summary>
    /// <param name="errors">The errors; at least one.</param>
    public DialPlanSyntaxException(IReadOnlyList<DialPlanTextError> errors)
        : base(BuildMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with a message and no itemised errors.</summary>
    public DialPlanSyntaxException()
        : this("The dial plan text is not valid.")
    {
    }

    /// <summary>Creates the exception with a message and no itemised errors.</summary>
    /// <param name="message">The message.</param>
    public DialPlanSyntaxException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a message, an inner exception and no itemised errors.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DialPlanSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Every problem found, in text order.</summary>
    public IReadOnlyList<DialPlanTextError> Errors { get; }

    private static string BuildMessage(IReadOnlyList<DialPlanTextError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var builder = new StringBuilder();
        builder.Append("The dial plan text has ").Append(errors.Count).Append(errors.Count == 1 ? " error:" : " errors:");
        foreach (var error in errors)
        {
            builder.Append('\n').Append("  ").Append(error);
        }

        return builder.ToString();
    }
}
