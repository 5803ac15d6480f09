namespace AlwaysConnected.Routing.Fuzz;

/// <summary>A property that must hold for every input did not: the input is a finding.</summary>
internal sealed class FuzzInvariantException : Exception
{
    public FuzzInvariantException()
    {
    }

    public FuzzInvariantException(string message)
        : base(message)
    {
    }

    public FuzzInvariantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static void Check(bool condition, string property)
    {
        if (!condition)
        {
            throw new FuzzInvariantException(property);
        }
    }
}
