namespace AlwaysConnected.Routing.Tests.Documentation;

/// <summary>
/// The package's public surface stays small and explained: every exported type is listed in docs/api.md with
/// what a user does with it, and the count stays within the budget docs/api.md states.
/// </summary>
public class PublicApiDocumentationTests
{
    private const int PublicTypeBudget = 90;

    private static readonly Type[] Exported = typeof(SipRouter).Assembly.GetExportedTypes();

    [Fact]
    public void The_public_surface_stays_within_its_budget()
    {
        Exported.Length.Should().BeLessThanOrEqualTo(
            PublicTypeBudget,
            "every public type is one a host touches; the rest is internal (docs/api.md). Exported: {0}",
            string.Join(", ", Exported.Select(type => type.FullName).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Every_public_type_is_listed_in_the_api_page()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "api.md"));

        var missing = Exported
            .Select(type => type.Name.Split('`')[0])
            .Where(name => !page.Contains($"`{name}`", StringComparison.Ordinal) && !page.Contains($"`{name}<", StringComparison.Ordinal))
            .ToList();

        missing.Should().BeEmpty("docs/api.md lists every public type with its use");
    }

    [Fact]
    public void The_api_page_states_the_current_count()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "api.md"));

        page.Should().Contain($"Today: **{Exported.Length} types**");
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

        throw new InvalidOperationException("The repository root (AlwaysConnected.Routing.sln) is not above the test's directory.");
    }
}
