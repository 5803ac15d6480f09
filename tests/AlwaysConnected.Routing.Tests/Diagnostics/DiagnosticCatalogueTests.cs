using System.Reflection;
using System.Text.RegularExpressions;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Cli.Commands;
using AlwaysConnected.Routing.Cli.Validation;
using AlwaysConnected.Routing.Configuration;
using AlwaysConnected.Routing.DialPlan.Text;
using AlwaysConnected.Routing.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static AlwaysConnected.Routing.Tests.Cli.CliRun;

namespace AlwaysConnected.Routing.Tests.Diagnostics;

/// <summary>
/// One vocabulary: every id the library and <c>sip-route</c> report is documented in docs/diagnostics.md,
/// every documented id exists, and each is produced here by an input that shows it.
/// </summary>
public partial class DiagnosticCatalogueTests
{
    private const string Rule = "[Rule r]\n[Matching Patterns]\n";

    private const string Route = "[Route r]\nPatterns - OUT\n[Matching Patterns]\n";

    /// <summary>Each id with the smallest input that produces it.</summary>
    private static readonly Dictionary<string, Func<IEnumerable<string>>> Producers = new()
    {
        [RoutingDiagnosticIds.TextLineOutsideSection] = () => DialPlanText("  $request = ^INVITE\n"),
        [RoutingDiagnosticIds.TextMissingEquals] = () => DialPlanText(Rule + "junk"),
        [RoutingDiagnosticIds.TextEmptyName] = () => DialPlanText(Rule + " = ^INVITE"),
        [RoutingDiagnosticIds.TextUnbalancedParentheses] = () => DialPlanText(Rule + "$geturi(To = sip:"),
        [RoutingDiagnosticIds.TextUnterminatedQuote] = () => DialPlanText(Rule + "$exist( \"&my.val ) = true"),
        [RoutingDiagnosticIds.TextInvalidName] = () => DialPlanText("[Matching Patterns] #x = 1"),
        [RoutingDiagnosticIds.TextNoMatchingLines] = () => DialPlanText("[Deploy Patterns]\n$action = 603"),
        [RoutingDiagnosticIds.TextUnknownSection] = () => DialPlanText(Rule + "A = 1\n[Deploy Pattern]"),
        [RoutingDiagnosticIds.TextAfterHeader] = () => DialPlanText("[Rule r] extra\n[Matching Patterns]\nA = 1"),
        [RoutingDiagnosticIds.TextDuplicateSection] = () => DialPlanText(Rule + "A = 1\n[Deploy Patterns]\nB = 2\n[Deploy Patterns]\nC = 3"),
        [RoutingDiagnosticIds.TextDuplicateRuleName] = () => DialPlanText(Rule + "A = 1\n" + Rule + "B = 2"),
        [RoutingDiagnosticIds.TextInvalidRuleName] = () => DialPlanText("[Rule a[1]\n[Matching Patterns]\nA = 1"),
        [RoutingDiagnosticIds.TextUnknownRuleAttribute] = () => DialPlanText("[Rule r]\ncolour = red\n[Matching Patterns]\nA = 1"),
        [RoutingDiagnosticIds.TextDuplicateRuleAttribute] = () => DialPlanText("[Rule r]\ndescription = a\ndescription = b\n[Matching Patterns]\nA = 1"),
        [RoutingDiagnosticIds.TextInvalidRuleAttributeValue] = () => DialPlanText("[Rule r]\ndisabled = maybe\n[Matching Patterns]\nA = 1"),
        [RoutingDiagnosticIds.TextInvalidCharacter] = () => DialPlanText(Rule + "A = x\0y"),
        [RoutingDiagnosticIds.TextNotASingleRule] = () => Thrown(() => DialPlanTextReader.ParseRule(Rule + "A = 1\n[Rule s]\n[Matching Patterns]\nB = 2", "x")),
        [RoutingDiagnosticIds.TextNotASingleLine] = () => Thrown(() => DialPlanTextReader.ParseMatchingLine("A = 1\nB = 2")),

        [RoutingDiagnosticIds.InvalidMatchingName] = () => DialPlan(Rule + "$nosuch(To) = x"),
        [RoutingDiagnosticIds.InvalidPattern] = () => DialPlan(Rule + "From = a++b"),
        [RoutingDiagnosticIds.InvalidDeployValue] = () => DialPlan(Rule + "$request = ^INVITE\n[Deploy Patterns]\nX-A = %3"),
        [RoutingDiagnosticIds.InvalidDeployName] = () => DialPlan(Rule + "$request = ^INVITE\n[Deploy Patterns]\nX Bad = 1"),
        [RoutingDiagnosticIds.InvalidResponse] = () => DialPlan(Rule + "$request = ^INVITE\n[Deploy Patterns]\n$action = 99"),
        [RoutingDiagnosticIds.InvalidTarget] = () => DialPlan(Rule + "$request = ^INVITE\n[Deploy Patterns]\n$target = a b"),
        [RoutingDiagnosticIds.InvalidToUri] = () => DialPlan(Rule + "$request = ^INVITE\n[Deploy Patterns]\nTo = nouri"),
        [RoutingDiagnosticIds.PatternEngine] = () => DialPlan(Rule + "$request = ^INVITE"),
        [RoutingDiagnosticIds.BacktrackingPattern] = () => DialPlan(Rule + "From = (a)\\1"),
        [RoutingDiagnosticIds.TargetInPreliminaryRule] = () => DialPlan("[Preliminary Rule p]\n[Matching Patterns]\n$request = ^INVITE\n[Deploy Patterns]\n$target = 192.0.2.1"),
        [RoutingDiagnosticIds.NearMissName] = () => DialPlan(Rule + "$request = ^INVITE\n[Deploy Patterns]\n$taget = 192.0.2.1"),
        [RoutingDiagnosticIds.UnreachableRule] = () => DialPlan(Rule + "$request = ^INVITE\n[Deploy Patterns]\n$action = 403\n[Rule s]\n[Matching Patterns]\n$request = ^INVITE\nTo = 1\n[Deploy Patterns]\n$action = 486"),
        [RoutingDiagnosticIds.UnusedCapture] = () => DialPlan(Rule + "$request = ^INVITE sip:(0312[0-9]+)@\n[Deploy Patterns]\n$target = 192.0.2.1"),

        [RoutingDiagnosticIds.ArsTextMisplaced] = () => ArsText("To: x"),
        [RoutingDiagnosticIds.ArsTextDuplicate] = () => ArsText("[Route a]\n[Route a]"),
        [RoutingDiagnosticIds.ArsTextInvalidValue] = () => ArsText("[Route r]\nPatterns - OUT\nPriority: high"),
        [RoutingDiagnosticIds.ArsTextIncomplete] = () => ArsText("[Route r]\nPatterns - OUT\nRecovery Time: 5"),
        [RoutingDiagnosticIds.ArsTextUnknown] = () => ArsText("[Route r]\nthis is not a field"),
        [RoutingDiagnosticIds.ArsTextPlaceholder] = () => ArsText("[Route r]\nPatterns - OUT\n[Matching Patterns]\nTo: sip:(.+)@\n[Deploy Patterns]\n<Enter Connection Info for your ITSP>"),

        [RoutingDiagnosticIds.ArsInvalidPattern] = () => Ars(Route + "To: sip:(unclosed@"),
        [RoutingDiagnosticIds.ArsUnknownPlugin] = () => Ars(Route + "Plugin 1: nosuchplugin\nParam 1: x\nReturn 1: y"),
        [RoutingDiagnosticIds.ArsInvalidTarget] = () => Ars(Route + "To: sip:(.+)@\n[Deploy Patterns]\nTarget: itsp.example.com:notaport"),
        [RoutingDiagnosticIds.ArsInvalidTemplate] = () => Ars("[Template t]\n[Row 1]\n&v2: 1\nPatterns - OUT 1\nPriority: &v1"),
        [RoutingDiagnosticIds.ArsInboundSourceWithoutRegistration] = () => Ars("[Route r]\nInbound Source: registered-trunk\nPatterns - IN\n[Matching Patterns]\nTo: sip:(.+)@"),
        [RoutingDiagnosticIds.ArsMissingGroup] = () => Ars(Route + "To: sip:(.+)@\n[Deploy Patterns]\nTo: sip:&t2@gw.example"),
        [RoutingDiagnosticIds.ArsUndefinedVariable] = () => Ars(Route + "To: sip:(.+)@\n[Deploy Patterns]\nTo: sip:&v7@gw.example"),
        [RoutingDiagnosticIds.ArsNoTrunk] = () => Ars(Route + "To: sip:(.+)@"),
        [RoutingDiagnosticIds.ArsBacktrackingPattern] = () => Ars(Route + "To: sip:(a)\\1@\n[Deploy Patterns]\nTarget: gw.example"),
        [RoutingDiagnosticIds.ArsUnusedCapture] = () => Ars(Route + "To: sip:([0-9]+)@\n[Deploy Patterns]\nTarget: gw.example"),

        [RoutingDiagnosticIds.InvalidAddition] = () => new SipRouterBuilder().AddRule("bad[name", r => r.When("$request", "^INVITE")).Problems.Select(p => p.Id),
        [RoutingDiagnosticIds.InvalidRuleSet] = () => Thrown(() => new SipRouterBuilder()
            .AddRule("same", r => r.When("$request", "^INVITE")).AddRule("same", r => r.When("$request", "^BYE")).BuildModel()),
        [RoutingDiagnosticIds.InvalidConfiguration] = () => Mapped(new SipRoutingOptions { DialPlan = { Rules = { new DialPlanRuleSection { Matching = { "$request = ^INVITE" } } } } }),
        [RoutingDiagnosticIds.InvalidOptions] = InvalidOptionsAtStartup,

        [CliDiagnosticIds.UnreadableFile] = () => ValidateCommand.ValidateFileOrReport(DataPath("does-not-exist.txt")).Select(f => f.Id),
        [CliDiagnosticIds.InvalidJson] = () => CliFile("{ not json", ".json"),
        [CliDiagnosticIds.EmptyRuleFile] = () => CliFile("""{ "Logging": { } }""", ".json"),
    };

    public static TheoryData<string> Ids() => [.. AllIds()];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_id_is_produced_by_the_input_that_shows_it(string id)
    {
        Producers.Should().ContainKey(id);

        Producers[id]().Should().Contain(id);
    }

    [Fact]
    public void The_catalogue_lists_exactly_the_ids_there_are()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"));
        var documented = CatalogueHeading().Matches(text).Select(m => m.Groups[1].Value).ToList();

        documented.Should().OnlyHaveUniqueItems();
        documented.Should().BeEquivalentTo(AllIds());
    }

    [Fact]
    public void Ids_are_unique_and_shaped_alike()
    {
        var ids = AllIds();

        ids.Should().OnlyHaveUniqueItems();
        ids.Should().OnlyContain(id => IdShape().IsMatch(id));
    }

    private static List<string> AllIds() =>
        [.. new[] { typeof(RoutingDiagnosticIds), typeof(CliDiagnosticIds) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)];

    private static IEnumerable<string> DialPlanText(string text)
    {
        DialPlanTextReader.TryParse(text, out _, out var errors).Should().BeFalse();
        return errors.Select(e => e.Id);
    }

    private static IEnumerable<string> ArsText(string text)
    {
        ArsTextReader.TryParse(text, out _, out var diagnostics);
        return diagnostics.Select(d => d.Id);
    }

    private static IEnumerable<string> DialPlan(string text) =>
        new RoutingModel(DialPlanTextReader.Parse(text), AlwaysConnected.Routing.Ars.ArsDefinition.Empty).Validate().Select(d => d.Id);

    private static IEnumerable<string> Ars(string text) =>
        new RoutingModel(AlwaysConnected.Routing.DialPlan.DialPlanDefinition.Empty, ArsTextReader.Parse(text)).Validate().Select(d => d.Id);

    private static IEnumerable<string> Thrown(Action act)
    {
        try
        {
            act();
        }
        catch (RoutingConfigurationException e)
        {
            return e.Diagnostics.Select(d => d.Id);
        }

        return [];
    }

    private static IEnumerable<string> Mapped(SipRoutingOptions options)
    {
        SipRoutingOptionsMapper.TryMap(options, out _, out var diagnostics);
        return diagnostics.Select(d => d.Id);
    }

    private static IEnumerable<string> InvalidOptionsAtStartup()
    {
        var source = new MutableConfigurationSource();
        source.Provider.Replace(new Dictionary<string, string?>
        {
            ["Routing:DialPlan:Rules:0:Name"] = "r",
            ["Routing:DialPlan:Rules:0:Matching:0"] = "$request = ^INVITE",
        });
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Add(source).Build());
        services.AddLogging();
        services.AddSipRouting().BindConfiguration("Routing");
        services.AddOptions<SipRoutingOptions>().Validate(o => o.LocalAddresses.Count > 0, "This host requires LocalAddresses.");
        using var provider = services.BuildServiceProvider();
        return Thrown(() => provider.GetRequiredService<SipRouter>());
    }

    private static IEnumerable<string> CliFile(string text, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sip-route-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, text);
        try
        {
            return ValidateCommand.ValidateFileOrReport(path).Select(f => f.Id).ToList();
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AlwaysConnected.Routing.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^### ([A-Z]{2,3}[0-9]{4})\b", RegexOptions.Multiline)]
    private static partial Regex CatalogueHeading();

    [GeneratedRegex(@"^(DPT|DP|ART|ARS|CFG|CLI)[0-9]{4}$")]
    private static partial Regex IdShape();
}
