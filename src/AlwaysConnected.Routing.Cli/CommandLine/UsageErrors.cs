using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using AlwaysConnected.Routing.Cli.Explain;

namespace AlwaysConnected.Routing.Cli.CommandLine;

/// <summary>
/// Reports a command line that did not parse: each problem once, with the command it belongs to, a
/// suggestion when an unknown option or command is a near miss of a known one, and where the help is.
/// </summary>
internal static class UsageErrors
{
    public static int Report(ParseResult parse, TextWriter stdout, TextWriter stderr)
    {
        var command = parse.CommandResult.Command;
        var path = CommandPath(parse.CommandResult);
        var suggestions = TypoCorrections(parse, command);
        var messages = parse.Errors
            .Select(error => error.Message)
            .Select(message =>
            {
                var match = suggestions.Find(s => message.Contains($"'{s.Token}'", StringComparison.Ordinal));
                return match.Suggestion is null ? message : $"{message} Did you mean '{match.Suggestion}'?";
            })
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (command.Subcommands.Count > 0 && messages.Exists(m => m.Contains('\'', StringComparison.Ordinal)))
        {
            // "Required command was not provided" adds nothing next to the command word that was not recognised.
            messages.RemoveAll(m => !m.Contains('\'', StringComparison.Ordinal));
        }

        if (command.Name == "explain" && parse.Tokens.Any(t => t.Value == "--json"))
        {
            // Machine output promises exactly one JSON object on stdout, whatever went wrong.
            stdout.WriteLine(ExplainJsonWriter.Write(ExplainResult.Failure("error", new ExplainError("usage", string.Join("\n", messages)))));
        }

        foreach (var message in messages)
        {
            stderr.WriteLine($"{path}: {message}");
        }

        stderr.WriteLine($"Run '{path} --help' for usage.");
        return ExitCodes.BadInput;
    }

    /// <summary>
    /// The words the parser could not place (unknown options, an unknown command word), each with the known
    /// name it most likely meant, found by System.CommandLine's own typo correction rather than a second
    /// edit distance here.
    /// </summary>
    /// <remarks>
    /// Each word is parsed alone by a stand-in for its command that has the same option names (for a word that
    /// starts with '-') or subcommand names (for any other word) and no arguments, so the word is unmatched even where the real command's file argument took it; the
    /// stand-in's parse-error action runs with help off and its output captured, and the first suggestion is kept.
    /// </remarks>
    private static List<(string Token, string? Suggestion)> TypoCorrections(ParseResult parse, Command command)
    {
        var suggestions = new List<(string Token, string? Suggestion)>();
        var words = parse.Tokens
            .Select(t => t.Value)
            .Distinct(StringComparer.Ordinal)
            .Where(word => parse.Errors.Any(e => e.Message.Contains($"'{word}'", StringComparison.Ordinal)));
        foreach (var word in words)
        {
            // An option-like word is compared with the options only, any other word with the subcommands only.
            var optionLike = word.StartsWith('-');
            var standIn = new Command(command.Name);
            if (optionLike)
            {
                // Help is offered on every command though only the root lists it.
                standIn.Options.Add(new Option<bool>("--help"));
            }

            foreach (var option in command.Options.Where(o => optionLike && o.Name != "--help"))
            {
                var names = option.Aliases.ToArray();
                standIn.Options.Add(new Option<bool>(option.Name, names) { Hidden = option.Hidden });
            }

            foreach (var subcommand in command.Subcommands.Where(_ => !optionLike))
            {
                standIn.Subcommands.Add(new Command(subcommand.Name) { Hidden = subcommand.Hidden });
            }

            var probe = standIn.Parse([word.Split('=', 2)[0]]);
            if (probe.Action is not ParseErrorAction errorAction)
            {
                continue;
            }

            errorAction.ShowHelp = false;
            errorAction.ShowTypoCorrections = true;
            using var captured = new StringWriter();
            probe.Invoke(new InvocationConfiguration { Output = captured, Error = TextWriter.Null, EnableDefaultExceptionHandler = false });

            // The output names the word in quotes on one line, then lists the suggestions one a line.
            var lines = captured.ToString().Split('\n', StringSplitOptions.TrimEntries);
            var named = Array.FindIndex(lines, line => line.Contains('\'', StringComparison.Ordinal));
            if (named >= 0 && named + 1 < lines.Length && lines[named + 1].Length > 0)
            {
                suggestions.Add((word, lines[named + 1]));
            }
        }

        return suggestions;
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult commandResult)
            {
                names.Add(commandResult.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
