namespace AlwaysConnected.Routing.Cli.Explain;

/// <summary>The <c>error</c> field of the output: what went wrong, and for a parse error the byte offset.</summary>
internal sealed record ExplainError(string Code, string Message, int? Offset = null);
