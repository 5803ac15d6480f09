using System.Buffers;
using System.Text;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Fuzz;

/// <summary>Seed inputs: RFC 4475's torture messages and the project's own test files.</summary>
internal static class SeedCorpus
{
    private const string TestDataFromRepositoryRoot = "tests/AlwaysConnected.Routing.Tests/TestData";

    /// <summary>Requests routed through rule sets read by the text targets.</summary>
    public static IReadOnlyList<byte[]> SampleRequests { get; } =
    [
        Encoding.ASCII.GetBytes(
            "INVITE sip:09012345678@127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5056;branch=z9hG4bK-1\r\n" +
            "Max-Forwards: 70\r\nFrom: \"Agent 101\" <sip:101@127.0.0.1:5056>;tag=ms1\r\nTo: <sip:09012345678@127.0.0.1:5060>\r\n" +
            "Contact: <sip:101@127.0.0.1:5056>\r\nX-PBX-Param: pin\r\nCall-ID: c1@127.0.0.1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"),
        Encoding.ASCII.GetBytes(
            "OPTIONS sip:1000@example.com SIP/2.0\r\nVia: SIP/2.0/TCP 198.51.100.7:5060;branch=z9hG4bK-2;rport\r\n" +
            "Max-Forwards: 70\r\nFrom: <sip:2000@example.com>;tag=a1\r\nTo: \"Desk\" <sip:1000@example.com;user=phone>\r\n" +
            "X-Route: gw.example.net:5080\r\nCall-ID: c2@198.51.100.7\r\nCSeq: 7 OPTIONS\r\nContent-Length: 4\r\n\r\nbody"),
    ];

    /// <summary>Finds the test data folder: an explicit path, or by walking up from the program to the repository root.</summary>
    public static string FindTestData(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return Directory.Exists(explicitPath) ? explicitPath : throw new DirectoryNotFoundException($"Test data folder '{explicitPath}' does not exist.");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, TestDataFromRepositoryRoot);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"Cannot find {TestDataFromRepositoryRoot} above {AppContext.BaseDirectory}; pass --testdata.");
    }

    /// <summary>The seed inputs of a target, in a stable order.</summary>
    public static List<byte[]> Load(SeedKind kinds, string testData)
    {
        var seeds = new List<byte[]>();
        var messages = Files(testData, "*.sip").Select(File.ReadAllBytes).Concat(SampleRequests).ToList();
        if (kinds.HasFlag(SeedKind.SipMessages))
        {
            seeds.AddRange(messages);
        }

        if (kinds.HasFlag(SeedKind.HeaderValues))
        {
            seeds.AddRange(HeaderValues(messages));
        }

        if (kinds.HasFlag(SeedKind.DialPlanText))
        {
            seeds.AddRange(Files(Path.Combine(testData, "dialplan"), "*.txt").Select(File.ReadAllBytes));
            seeds.AddRange(Files(Path.Combine(testData, "front-doors"), "*dialplan*.txt").Select(File.ReadAllBytes));
            seeds.Add(Encoding.UTF8.GetBytes(Targets.RouteAndWriteTarget.CopyingRules));
        }

        if (kinds.HasFlag(SeedKind.ArsText))
        {
            seeds.AddRange(Files(Path.Combine(testData, "ars"), "*.txt").Select(File.ReadAllBytes));
            seeds.AddRange(Files(Path.Combine(testData, "front-doors"), "*ars*.txt").Select(File.ReadAllBytes));
        }

        return seeds;
    }

    /// <summary>Writes a target's seeds as files, one per input, for afl-fuzz's <c>-i</c> folder.</summary>
    public static int Write(SeedKind kinds, string testData, string folder)
    {
        Directory.CreateDirectory(folder);
        var seeds = Load(kinds, testData);
        for (int i = 0; i < seeds.Count; i++)
        {
            File.WriteAllBytes(Path.Combine(folder, $"seed-{i:D4}"), seeds[i]);
        }

        return seeds.Count;
    }

    private static IEnumerable<string> Files(string folder, string pattern) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [];

    /// <summary>Values cut from the messages, each prefixed with the byte that picks its reader in the readers target.</summary>
    private static IEnumerable<byte[]> HeaderValues(List<byte[]> messages)
    {
        var index = new SipMessageIndex();
        var values = new List<byte[]>();
        foreach (var bytes in messages)
        {
            if (SipParser.TryParseDatagram(bytes, index, out var message) != OperationStatus.Done)
            {
                continue;
            }

            if (message.IsRequest)
            {
                values.Add([0, .. message.RequestUri]);
            }

            for (int i = 0; i < message.HeaderCount; i++)
            {
                var header = message.GetHeader(i);
                byte selector = header.Id switch
                {
                    SipHeaderId.From or SipHeaderId.To or SipHeaderId.Contact or SipHeaderId.Route or SipHeaderId.RecordRoute => 1,
                    SipHeaderId.Via => 2,
                    SipHeaderId.CSeq => 3,
                    _ => 4,
                };
                values.Add([selector, .. message.GetValue(header)]);
            }
        }

        return values.DistinctBy(Convert.ToBase64String);
    }
}
