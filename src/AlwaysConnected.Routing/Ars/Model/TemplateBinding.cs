namespace AlwaysConnected.Routing.Ars;

/// <summary>
/// A numeric block setting of a template that is written as a variable (e.g. <c>Priority: &amp;v1</c>) and
/// takes each generated route's value of that variable.
/// </summary>
internal sealed record TemplateBinding
{
    private readonly int _blockNumber;
    private readonly string _variable = "";

    /// <summary>Creates a binding.</summary>
    /// <param name="direction">The block's direction.</param>
    /// <param name="blockNumber">The block's number.</param>
    /// <param name="field">The bound setting.</param>
    /// <param name="variable">The variable name without <c>&amp;</c>: a <c>v</c>, <c>a</c>, <c>b</c> or <c>c</c> variable.</param>
    public TemplateBinding(ArsDirection direction, int blockNumber, TemplateNumericField field, string variable)
    {
        Direction = direction;
        BlockNumber = blockNumber;
        Field = field;
        Variable = variable;
    }

    /// <summary>The block's direction.</summary>
    public ArsDirection Direction { get; init; }

    /// <summary>The block's number.</summary>
    public int BlockNumber { get => _blockNumber; init => _blockNumber = ArsModelGuard.AtLeast(value, 1, nameof(BlockNumber)); }

    /// <summary>The bound setting.</summary>
    public TemplateNumericField Field { get; init; }

    /// <summary>The variable name without <c>&amp;</c>.</summary>
    public string Variable
    {
        get => _variable;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!ArsVariable.IsValidName(value) || value[0] == 'g')
            {
                throw new ArgumentException("A template binding names a v, a, b or c variable (e.g. v1).", nameof(Variable));
            }

            _variable = value;
        }
    }
}
