using AlwaysConnected.Routing.Cli.Commands;
using AlwaysConnected.Routing.Cli.Validation;
using static AlwaysConnected.Routing.Tests.Cli.CliRun;

namespace AlwaysConnected.Routing.Tests.Cli;

/// <summary><c>sip-route validate</c>: every kind of problem, each with its rule and line.</summary>
public class CliValidateTests
{
    private static List<(RoutingDiagnosticSeverity, string, string?, string?, int, string?)> Problems(string file) =>
        [.. ValidateCommand.ValidateFile(DataPath(file), forced: null)
            .Where(f => f.Severity != RoutingDiagnosticSeverity.Info)
            .Select(f => (f.Severity, f.Id, f.Diagnostic.Rule ?? f.Diagnostic.Route, f.Diagnostic.Section, f.Diagnostic.Line, f.Diagnostic.Field))];

    [Fact]
    public void Each_kind_of_dial_plan_problem_is_reported_with_its_rule_section_line_and_field()
    {
        Problems("problems.dialplan.txt").Should().BeEquivalentTo(new List<(RoutingDiagnosticSeverity, string, string?, string?, int, string?)>
        {
            (RoutingDiagnosticSeverity.Error, "DP0002", "bad-regex", "Matching", 2, "pattern"),
            (RoutingDiagnosticSeverity.Error, "DP0002", "java-only", "Matching", 2, "pattern"),
            (RoutingDiagnosticSeverity.Error, "DP0003", "missing-group", "Deploy", 1, "value"),
            (RoutingDiagnosticSeverity.Warning, "DP0101", "backtracking", "Matching", 2, "pattern"),
            (RoutingDiagnosticSeverity.Warning, RoutingDiagnosticIds.UnreachableRule, "shadowed", "Matching", 1, null),
        });
    }

    [Fact]
    public void The_messages_name_the_construct()
    {
        var text = Of("validate", DataPath("problems.dialplan.txt")).Stdout;

        text.Should().Contain("possessive quantifier");
        text.Should().Contain("%3 refers to capture group 3");
        text.Should().Contain("rule 'catch-invites' comes first");
        text.Should().Contain("backtracking");
    }

    [Fact]
    public void A_syntax_error_is_reported_with_the_file_line_and_column()
    {
        var finding = ValidateCommand.ValidateFile(DataPath("syntax-error.dialplan.txt"), null).Should().ContainSingle().Subject;

        finding.Severity.Should().Be(RoutingDiagnosticSeverity.Error);
        finding.Diagnostic.Rule.Should().Be("no-equals");
        finding.Diagnostic.TextLine.Should().Be(3);
        finding.Diagnostic.TextColumn.Should().Be(1);
    }

    [Fact]
    public void Each_kind_of_ars_problem_is_reported_with_its_route_block_and_field()
    {
        Problems("problems.ars.txt").Should().BeEquivalentTo(new List<(RoutingDiagnosticSeverity, string, string?, string?, int, string?)>
        {
            (RoutingDiagnosticSeverity.Error, RoutingDiagnosticIds.ArsInvalidPattern, "checks", "IN 1", 0, "To"),
            (RoutingDiagnosticSeverity.Error, RoutingDiagnosticIds.ArsInvalidPattern, "checks", "IN 2", 0, "From"),
            (RoutingDiagnosticSeverity.Warning, RoutingDiagnosticIds.ArsMissingGroup, "checks", "IN 2", 0, "Deploy To"),
            (RoutingDiagnosticSeverity.Warning, RoutingDiagnosticIds.ArsBacktrackingPattern, "checks", "OUT 1", 0, "Return 1"),
            (RoutingDiagnosticSeverity.Warning, RoutingDiagnosticIds.ArsMissingGroup, "checks", "OUT 1", 0, "Deploy From"),
        });
    }

    [Fact]
    public void The_seed_ars_routes_warn_about_pin_f1_with_a_blank_from()
    {
        ValidateCommand.ValidateFile(DataPath("seed.ars.txt"), null)
            .Should().Contain(f => f.Id == RoutingDiagnosticIds.ArsMissingGroup && f.Diagnostic.Route == "route-1" && f.Diagnostic.Section == "IN 1" && f.Diagnostic.Field == "Deploy From" && f.Diagnostic.Message.Contains("&f1", StringComparison.Ordinal));
    }

    [Fact]
    public void Files_with_errors_exit_2_and_clean_files_exit_0()
    {
        Of("validate", DataPath("problems.dialplan.txt")).ExitCode.Should().Be(2);
        Of("validate", DataPath("syntax-error.dialplan.txt")).ExitCode.Should().Be(2);
        Of("validate", DataPath("problems.ars.txt")).ExitCode.Should().Be(2);
        var clean = Of("validate", DataPath("seed-case1.dialplan.txt"), DataPath("seed-case2.dialplan.txt"));
        clean.ExitCode.Should().Be(0);
        clean.Stdout.Should().Contain("2 file(s): 0 error(s), 0 warning(s).");
        Of("validate").ExitCode.Should().Be(2);
        Of("validate", DataPath("does-not-exist.txt")).ExitCode.Should().Be(2);
    }

    [Fact]
    public void Warnings_alone_do_not_fail_validation()
    {
        var run = Of("validate", DataPath("seed.ars.txt"));

        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Contain("route 'route-1', IN 1, Deploy From");
    }

    [Fact]
    public void A_json_configuration_is_validated_with_its_configuration_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sip-route-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "Routing": { "DialPlan": { "Rules": [
              { "Name": "ok", "Matching": [ "$request = ^INVITE" ], "Deploy": [ "$target = 127.0.0.1:5052" ] },
              { "Name": "bad", "Matching": [ "From = a++b" ], "Deploy": [ "$action = 603" ] },
              { "Matching": [ "$request = ^INVITE" ] } ] } } }
            """);
        try
        {
            var findings = ValidateCommand.ValidateFile(path, null);

            findings.Should().Contain(f => f.Id == RoutingDiagnosticIds.InvalidConfiguration && f.Diagnostic.Section!.Contains("Routing:DialPlan:Rules:2:Name", StringComparison.Ordinal));
            Of("validate", path).ExitCode.Should().Be(2);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_json_file_without_rules_is_warned_about()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sip-route-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "Logging": { "LogLevel": { "Default": "Information" } } }""");
        try
        {
            ValidateCommand.ValidateFile(path, null).Should().ContainSingle(f => f.Id == CliDiagnosticIds.EmptyRuleFile && f.Severity == RoutingDiagnosticSeverity.Warning);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("To = .*", false)] // a header may be absent, and an absent header fails even .*
    [InlineData("$request = .*", true)]
    [InlineData("$request = ^INVITE", true)]
    [InlineData("$request = ^(INVITE|MESSAGE)", false)]
    [InlineData("$request = !.*", false)]
    public void Shadowing_is_reported_only_when_the_earlier_rule_always_matches_first(string earlierLine, bool shadowed)
    {
        var text = $"""
            [Rule earlier]
            [Matching Patterns]
            {earlierLine}
            [Deploy Patterns]
            $action = 403

            [Rule later]
            [Matching Patterns]
            $request = ^INVITE
            $port = ^5056$
            [Deploy Patterns]
            $target = 127.0.0.1:5052
            """;

        ShadowingFindings(text).Should().HaveCount(shadowed ? 1 : 0);
    }

    [Fact]
    public void A_rule_that_continues_in_between_or_before_prevents_the_shadowing_warning()
    {
        ShadowingFindings("""
            [Rule earlier]
            [Matching Patterns]
            $request = ^INVITE
            [Deploy Patterns]
            $continue = true

            [Rule later]
            [Matching Patterns]
            $request = ^INVITE
            [Deploy Patterns]
            $action = 486
            """).Should().BeEmpty();

        ShadowingFindings("""
            [Rule earlier]
            [Matching Patterns]
            $request = ^INVITE
            [Deploy Patterns]
            $action = 403

            [Rule rewrites]
            [Matching Patterns]
            $port = ^5060$
            [Deploy Patterns]
            X-Mark = 1
            $continue = true

            [Rule later]
            [Matching Patterns]
            $request = ^INVITE
            [Deploy Patterns]
            $action = 486
            """).Should().BeEmpty();
    }

    [Fact]
    public void A_disabled_earlier_rule_shadows_nothing()
    {
        ShadowingFindings("""
            [Rule earlier]
            disabled = true
            [Matching Patterns]
            $request = ^INVITE
            [Deploy Patterns]
            $action = 403

            [Rule later]
            [Matching Patterns]
            $request = ^INVITE
            [Deploy Patterns]
            $action = 486
            """).Should().BeEmpty();
    }

    private static List<RoutingDiagnostic> ShadowingFindings(string text) =>
        [.. new RoutingModel(AlwaysConnected.Routing.DialPlan.Text.DialPlanTextReader.Parse(text), AlwaysConnected.Routing.Ars.ArsDefinition.Empty)
            .Validate().Where(d => d.Id == RoutingDiagnosticIds.UnreachableRule)];
}
