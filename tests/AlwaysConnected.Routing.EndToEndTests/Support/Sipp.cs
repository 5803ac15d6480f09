using System.Diagnostics;

namespace AlwaysConnected.Routing.EndToEndTests.Support;

/// <summary>One sipp process: started with arguments, bounded in time, always killed on dispose.</summary>
internal sealed class Sipp : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private Sipp(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The sipp binary on PATH, or null (then the tests skip).</summary>
    public static string? Path { get; } = FindOnPath("sipp");

    public static string ScenarioPath(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Scenarios", name);

    /// <summary>Starts sipp (optionally inside a network namespace); its trace files go to <paramref name="workingDirectory"/>.</summary>
    public static Sipp Start(string workingDirectory, IEnumerable<string> arguments, string? networkNamespace = null)
    {
        var info = new ProcessStartInfo
        {
            FileName = networkNamespace is null ? Path! : "ip",
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (networkNamespace is not null)
        {
            foreach (var a in (string[])["netns", "exec", networkNamespace, Path!])
            {
                info.ArgumentList.Add(a);
            }
        }

        // -nostdin: no keyboard; -trace_err: failures are written to a file the test can show.
        // Socket buffers of 4 MB (sipp defaults to 64 KB): a load burst must queue, not drop datagrams.
        foreach (var a in arguments.Concat(["-nostdin", "-trace_err", "-trace_logs", "-buff_size", "4194304"]))
        {
            info.ArgumentList.Add(a);
        }

        return new Sipp(Process.Start(info) ?? throw new InvalidOperationException("sipp did not start"));
    }

    /// <summary>Waits for exit (killing it after the timeout) and returns the exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
            return (-999, "sipp timed out after " + timeout + "\n" + await _stdout + await _stderr);
        }

        return (_process.ExitCode, await _stdout + await _stderr);
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        Kill();
        _process.WaitForExit(5000);
        _process.Dispose();
    }

    /// <summary>Everything sipp wrote to its *_errors.log and *_logs.log files in the directory.</summary>
    public static string ReadTraceFiles(string directory, string pattern) =>
        string.Join("\n", Directory.GetFiles(directory, pattern).Select(File.ReadAllText));

    /// <summary>
    /// How many <paramref name="method"/> transactions sipp received (distinct top Via branches, so a
    /// retransmission the network timing may cause counts once), read from the message traces
    /// (<c>-trace_msg</c>) matching <paramref name="pattern"/>.
    /// </summary>
    public static int CountReceived(string directory, string pattern, string method) =>
        Directory.GetFiles(directory, pattern)
            .SelectMany(file => File.ReadAllText(file).Split("----------------------------------------------- "))
            .Select(block => block.Split('\n').SkipWhile(line => !line.Contains("message received", StringComparison.Ordinal)).Skip(1)
                .Where(line => line.Trim().Length > 0).ToList())
            .Where(lines => lines.Count > 0 && lines[0].StartsWith(method + " ", StringComparison.Ordinal))
            .Select(lines => lines.FirstOrDefault(line => line.StartsWith("Via:", StringComparison.OrdinalIgnoreCase)) ?? lines[0])
            .Distinct(StringComparer.Ordinal)
            .Count();

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
