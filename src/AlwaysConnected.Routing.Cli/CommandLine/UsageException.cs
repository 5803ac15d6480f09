namespace AlwaysConnected.Routing.Cli.CommandLine;

/// <summary>The command line is wrong: an unknown option, a missing value, an unreadable file. Exit code 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
