using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AlwaysConnected.Routing.Tests.Documentation;

/// <summary>
/// The README's complete programs are the sample projects CI builds, character for character, so the
/// README cannot show code that no longer compiles.
/// </summary>
public partial class ReadmeProgramsTests
{
    private static readonly string Root = FindRoot();

    [Theory]
    [InlineData("samples/GettingStarted.Hosted/Program.cs")]
    [InlineData("samples/GettingStarted.PlainDI/Program.cs")]
    public void Each_readme_program_is_the_sample_file_built_by_ci(string file)
    {
        var blocks = ReadmeBlocks();

        blocks.Should().ContainKey(file, "the README shows it after a <!-- file: ... --> marker");
        blocks[file].Should().Be(Normalise(File.ReadAllText(Path.Combine(Root, file))));
    }

    [Fact]
    public void Every_marked_block_names_a_file_that_exists()
    {
        foreach (var file in ReadmeBlocks().Keys)
        {
            File.Exists(Path.Combine(Root, file)).Should().BeTrue($"the README marks a block as {file}");
        }
    }

    [Fact]
    public void The_programs_read_the_rules_the_readme_shows_as_json()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var shown = JsonNode.Parse(JsonBlock().Match(readme).Groups["json"].Value);

        foreach (var sample in new[] { "GettingStarted.Hosted", "GettingStarted.PlainDI" })
        {
            var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "samples", sample, "appsettings.json")));
            JsonNode.DeepEquals(settings, shown).Should().BeTrue($"samples/{sample}/appsettings.json is the README's JSON");
        }
    }

    private static Dictionary<string, string> ReadmeBlocks()
    {
        var readme = Normalise(File.ReadAllText(Path.Combine(Root, "README.md")));
        return MarkedBlock().Matches(readme).ToDictionary(m => m.Groups["file"].Value, m => m.Groups["code"].Value);
    }

    private static string Normalise(string text) => text.ReplaceLineEndings("\n");

    private static string FindRoot()
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

    [GeneratedRegex(@"<!-- file: (?<file>[^ ]+) -->\n```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex MarkedBlock();

    [GeneratedRegex(@"```json\n(?<json>\{\s*""Routing"".*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
