using Xunit.Abstractions;

namespace AlwaysConnected.Routing.EndToEndTests.Support;

/// <summary>
/// The sipp processes of one test and the temporary directory their trace files go to: each process is
/// killed and the directory deleted on dispose; a process that does not end as its scenario says has its
/// screen and trace files written to the test output before the test fails.
/// </summary>
internal sealed class SippWorkspace : IDisposable
{
    private const int ScreenTail = 4000;
    private readonly List<Sipp> _processes = [];
    private readonly bool _showScenarioLogs;

    /// <param name="output">Where a failing process's screen and trace files are written.</param>
    /// <param name="prefix">The temporary directory's name prefix, so a leftover tells which tests left it.</param>
    /// <param name="showScenarioLogs">Whether a failure also shows the scenarios' own <c>*_logs.log</c> lines, when they explain the failure.</param>
    public SippWorkspace(ITestOutputHelper output, string prefix, bool showScenarioLogs = false)
    {
        Output = output;
        _showScenarioLogs = showScenarioLogs;
        Directory = System.IO.Directory.CreateTempSubdirectory(prefix).FullName;
    }

    /// <summary>The temporary directory; processes started in a subdirectory have their trace files below it.</summary>
    public string Directory { get; }

    public ITestOutputHelper Output { get; }

    /// <summary>
    /// Starts sipp with its trace files in <see cref="Directory"/>, or in its <paramref name="subdirectory"/> when
    /// several runs of one scenario must be told apart, optionally inside a network namespace.
    /// </summary>
    public Sipp Start(IEnumerable<string> arguments, string? subdirectory = null, string? networkNamespace = null)
    {
        var directory = subdirectory is null ? Directory : System.IO.Directory.CreateDirectory(Path.Combine(Directory, subdirectory)).FullName;
        var process = Sipp.Start(directory, arguments, networkNamespace);
        _processes.Add(process);
        return process;
    }

    /// <summary>
    /// Waits for <paramref name="sipp"/> (killing it after <paramref name="timeout"/>) and asserts it exited 0,
    /// <paramref name="because"/> reading as what <paramref name="role"/> must do; on failure the end of its screen
    /// and the trace files of every run in the workspace are written to the test output first.
    /// </summary>
    public async Task ExpectSuccessAsync(Sipp sipp, string role, TimeSpan timeout, string because = "must complete every call")
    {
        var (exitCode, text) = await sipp.WaitAsync(timeout);
        if (exitCode != 0)
        {
            Output.WriteLine($"--- {role} exited {exitCode}");
            Output.WriteLine(text.Length > ScreenTail ? text[^ScreenTail..] : text);
            WriteTraceFiles(Directory, string.Empty);
            foreach (var directory in System.IO.Directory.GetDirectories(Directory))
            {
                WriteTraceFiles(directory, $"--- {Path.GetFileName(directory)}: ");
            }
        }

        exitCode.Should().Be(0, $"{role} {because} (sipp exit code 0)");
    }

    /// <summary>Everything sipp wrote to the trace files matching <paramref name="pattern"/> in the directory or the given subdirectory.</summary>
    public string ReadTraceFiles(string pattern, string? subdirectory = null) =>
        Sipp.ReadTraceFiles(subdirectory is null ? Directory : Path.Combine(Directory, subdirectory), pattern);

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void WriteTraceFiles(string directory, string heading)
    {
        Output.WriteLine(heading + Sipp.ReadTraceFiles(directory, "*_errors.log"));
        if (_showScenarioLogs)
        {
            Output.WriteLine(Sipp.ReadTraceFiles(directory, "*_logs.log"));
        }
    }
}
