using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AlwaysConnected.SipProxy.Logging;

/// <summary>
/// Reports a configuration file that does not parse. At start the error stops the host (it names the
/// file and position). Once running, a save that breaks the JSON is logged at Warning with the file,
/// line and byte, instead of vanishing inside the file watcher; the routing rules then keep their last
/// good version (the reload sees no Routing section and refuses it).
/// </summary>
internal sealed partial class ConfigurationFileErrors
{
    private ILogger? _logger;

    /// <summary>Watches every file source of <paramref name="configuration"/>.</summary>
    public void Watch(IConfigurationBuilder configuration)
    {
        foreach (var source in configuration.Sources.OfType<FileConfigurationSource>())
        {
            source.OnLoadException = OnLoadException;
        }
    }

    /// <summary>From now on the host runs: report and survive a broken file.</summary>
    public void Attach(ILogger logger) => _logger = logger;

    /// <summary>"file 'appsettings.json', line 3, byte 5: ..." from a load exception.</summary>
    public static string Describe(FileLoadExceptionContext context)
    {
        var file = context.Provider.Source.FileProvider?.GetFileInfo(context.Provider.Source.Path ?? string.Empty)?.PhysicalPath
            ?? context.Provider.Source.Path;
        var json = context.Exception;
        while (json is not null and not JsonException)
        {
            json = json.InnerException;
        }

        return json is JsonException { LineNumber: { } line, BytePositionInLine: { } column } e
            ? $"file '{file}', line {line + 1}, byte {column + 1}: {FirstSentence(e.Message)}"
            : $"file '{file}': {context.Exception.GetBaseException().Message}";
    }

    private void OnLoadException(FileLoadExceptionContext context)
    {
        if (_logger is null)
        {
            return; // At start: let it throw.
        }

        context.Ignore = true;
        LogUnparsable(_logger, Describe(context));
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "Configuration not reloaded: {Problem}. The previous settings and routing rules stay in force until the file parses again")]
    private static partial void LogUnparsable(ILogger logger, string problem);
}
