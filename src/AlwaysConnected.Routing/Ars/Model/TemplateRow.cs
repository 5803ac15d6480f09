using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Ars;

/// <summary>One row of a template's Variable Setting table: the <c>&amp;v</c> values of one generated route.</summary>
internal sealed record TemplateRow
{
    private readonly int _number;
    private readonly EquatableArray<ArsVariable> _variables;

    /// <summary>Creates a row.</summary>
    /// <param name="number">The row number, from 1; the generated route is named <c>TEMPLATE*NUMBER</c>.</param>
    /// <param name="variables">The row's <c>&amp;v</c> values.</param>
    public TemplateRow(int number, EquatableArray<ArsVariable> variables)
    {
        Number = number;
        Variables = variables;
    }

    /// <summary>The row number, from 1.</summary>
    public int Number { get => _number; init => _number = ArsModelGuard.AtLeast(value, 1, nameof(Number)); }

    /// <summary>The row's <c>&amp;v</c> values.</summary>
    public EquatableArray<ArsVariable> Variables
    {
        get => _variables;
        init => _variables = ArsModelGuard.Variables(value, "v", nameof(Variables));
    }
}
