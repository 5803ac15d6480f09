using System.CommandLine;
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
        // The words the parser could not place: unknown options, or an unknown command word.
        var suggestions = parse.Tokens
            .Select(t => t.Value)
            .Distinct(StringComparer.Ordinal)
            .Select(token => (Token: token, Suggestion: Suggest(token, command)))
            .Where(s => s.Suggestion is not null)
            .ToList();
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

    private static string? Suggest(string token, Command command)
    {
        if (token.StartsWith('-'))
        {
            var name = token.Split('=', 2)[0];
            var options = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Append("--help").Where(n => n.StartsWith("--", StringComparison.Ordinal)).ToList();
            return options.Contains(name, StringComparer.Ordinal) ? null : NameSuggestion.Closest(name, options);
        }

        return command.Subcommands.Count == 0 || command.Subcommands.Any(c => c.Name == token) ? null : NameSuggestion.Closest(token, command.Subcommands.Select(c => c.Name));
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
