namespace AlwaysConnected.Routing.Cli.CommandLine;

/// <summary>
/// Splits a command line by a fixed vocabulary: options that take a value (<c>--name VALUE</c> or
/// <c>--name=VALUE</c>) and flags (<c>--json</c>). Anything else that starts with <c>-</c> is an error,
/// so a typo never silently changes what the tool does.
/// </summary>
internal static class ArgumentReader
{
    public static ParsedArguments Read(IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flags)
    {
        var result = new ParsedArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                result.Positional.AddRange(args.Skip(i + 1));
                break;
            }

            if (!arg.StartsWith('-') || arg == "-")
            {
                result.Positional.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            if (flags.Contains(name))
            {
                if (equals > 0)
                {
                    throw new UsageException($"{name} takes no value.");
                }

                result.AddFlag(name);
            }
            else if (valueOptions.Contains(name))
            {
                if (equals > 0)
                {
                    result.AddValue(name, arg[(equals + 1)..]);
                }
                else if (i + 1 < args.Count)
                {
                    result.AddValue(name, args[++i]);
                }
                else
                {
                    throw new UsageException($"{name} needs a value.");
                }
            }
            else
            {
                throw new UsageException($"Unknown option '{name}'.");
            }
        }

        return result;
    }
}
