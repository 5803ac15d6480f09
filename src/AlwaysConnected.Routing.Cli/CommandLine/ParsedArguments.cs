namespace AlwaysConnected.Routing.Cli.CommandLine;

/// <summary>A command line split into options (each possibly repeated), flags and positional arguments.</summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public void AddValue(string option, string value)
    {
        if (!_values.TryGetValue(option, out var list))
        {
            list = [];
            _values[option] = list;
        }

        list.Add(value);
    }

    public void AddFlag(string flag) => _flags.Add(flag);

    public bool HasFlag(string flag) => _flags.Contains(flag);

    public IReadOnlyList<string> GetAll(string option) => _values.TryGetValue(option, out var list) ? list : [];

    /// <summary>The option's value; an option that takes one value must not be given twice.</summary>
    public string? GetSingle(string option)
    {
        var all = GetAll(option);
        return all.Count switch
        {
            0 => null,
            1 => all[0],
            _ => throw new UsageException($"{option} may be given only once."),
        };
    }
}
