using AlwaysConnected.Routing.Collections;
using AlwaysConnected.Routing.DialPlan;

namespace AlwaysConnected.Routing.Tests.DialPlan.Text;

/// <summary>Short hands for writing expected models by hand, and access to the test data files.</summary>
internal static class DialPlanTestData
{
    public static MatchingLine M(string name, string pattern) => new(name, pattern);

    public static DeployLine D(string name, string value) => new(name, value);

    public static DialPlanRule Rule(string name, MatchingLine[] matching, DeployLine[] deploy, string? description = null, bool disabled = false) =>
        new(name, EquatableArray.Create(matching), EquatableArray.Create(deploy), description, disabled);

    public static DialPlanDefinition Plan(DialPlanRule[] preliminary, DialPlanRule[] rules) =>
        new(EquatableArray.Create(preliminary), EquatableArray.Create(rules));

    public static DialPlanDefinition Plan(params DialPlanRule[] rules) => Plan([], rules);

    public static string Read(string fileName) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "dialplan", fileName));
}
