namespace AlwaysConnected.Routing.Ars;

/// <summary>A template row cannot generate its route because a bound variable is missing or not a usable number.</summary>
public sealed class ArsTemplateException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="templateName">The template.</param>
    /// <param name="rowNumber">The row.</param>
    /// <param name="binding">The binding that failed.</param>
    /// <param name="problem">What is wrong with the variable, e.g. "is not defined".</param>
    public ArsTemplateException(string templateName, int rowNumber, TemplateBinding binding, string problem)
        : base(FormatMessage(templateName, rowNumber, binding, problem))
    {
        TemplateName = templateName;
        RowNumber = rowNumber;
        Binding = binding;
    }

    /// <summary>The template.</summary>
    public string TemplateName { get; }

    /// <summary>The row.</summary>
    public int RowNumber { get; }

    /// <summary>The binding that failed.</summary>
    public TemplateBinding Binding { get; }

    private static string FormatMessage(string templateName, int rowNumber, TemplateBinding binding, string problem)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return $"Template '{templateName}' row {rowNumber}: {binding.Direction.ToString().ToUpperInvariant()} {binding.BlockNumber} {binding.Field} uses &{binding.Variable}, which {problem}.";
    }
}
