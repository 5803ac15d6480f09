using System.Text;
using System.Text.RegularExpressions;
using AlwaysConnected.Routing.Patterns;
using BenchmarkDotNet.Attributes;

namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>
/// Each specialised pattern shape against the same pattern run by .NET Regex (NonBacktracking and
/// Compiled) on a realistic header value. The regex baselines get a string already (best case for
/// them); the compiled pattern works on the UTF-8 bytes as the router does.
/// </summary>
[MemoryDiagnoser]
public class PatternBenchmarks
{
    private CompiledPattern _pattern = null!;
    private Regex _nonBacktracking = null!;
    private Regex _compiled = null!;
    private byte[] _value = [];
    private string _text = string.Empty;
    private CaptureRange[] _captures = [];

    [Params("Literal", "Prefix", "Exact", "Alternation", "SipUser", "SipDigits", "StripNine", "RegexFallback")]
    public string Shape { get; set; } = "Literal";

    [GlobalSetup]
    public void Setup()
    {
        var (pattern, dotnetPattern, value) = Shape switch
        {
            "Literal" => ("sip:admin@", "sip:admin@", "\"Admin\" <sip:admin@pbx.example.com>;tag=8f2a91c"),
            "Prefix" => ("^INVITE", "^INVITE", "INVITE sip:09012345678@pbx.example.com:5060 SIP/2.0"),
            "Exact" => ("^5056$", "^5056\\z", "5056"),
            "Alternation" => ("^(INVITE|MESSAGE)", "^(INVITE|MESSAGE)", "MESSAGE sip:09012345678@pbx.example.com SIP/2.0"),
            "SipUser" => ("sip:(.+)@", "sip:(.+)@", "<sip:09012345678@pbx.example.com;transport=udp>"),
            "SipDigits" => ("sip:([0-9]{10,20})@", "sip:([0-9]{10,20})@", "<sip:09012345678@pbx.example.com;transport=udp>"),
            "StripNine" => ("^9(.*)", "^9(.*)", "9012345678"),
            _ => ("(.+):(.+)/(.+)/(.+)", "(.+):(.+)/(.+)/(.+)", "203.0.113.5:5060/tenant1/alice"),
        };
        _pattern = CompiledPattern.Compile(pattern);
        _nonBacktracking = new Regex(dotnetPattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        _compiled = new Regex(dotnetPattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
        _text = value;
        _value = Encoding.UTF8.GetBytes(value);
        _captures = new CaptureRange[Math.Max(1, _pattern.GroupCount)];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Categories.HotPath)]
    public bool IsMatch_Compiled_Pattern() => _pattern.IsMatch(_value);

    [Benchmark]
    [BenchmarkCategory(Categories.Comparison)]
    public bool IsMatch_Regex_NonBacktracking() => _nonBacktracking.IsMatch(_text);

    [Benchmark]
    [BenchmarkCategory(Categories.Comparison)]
    public bool IsMatch_Regex_Compiled() => _compiled.IsMatch(_text);

    [Benchmark]
    [BenchmarkCategory(Categories.HotPath)]
    public bool Captures_Compiled_Pattern() => _pattern.TryMatch(_value, _captures);

    [Benchmark]
    [BenchmarkCategory(Categories.Comparison)]
    public int Captures_Regex_Compiled()
    {
        var match = _compiled.Match(_text);
        return match.Success && match.Groups.Count > 1 ? match.Groups[1].Length : 0;
    }
}
