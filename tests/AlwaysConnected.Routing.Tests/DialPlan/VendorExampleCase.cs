using System.Text.Json;

namespace AlwaysConnected.Routing.Tests.DialPlan;

/// <summary>One acceptance case from TestData/dialplan-examples (format: the README there).</summary>
public sealed class VendorExampleCase
{
    private static readonly Lazy<Dictionary<string, VendorExampleCase>> All = new(Load);

    public required string Name { get; init; }

    public required string File { get; init; }

    public required JsonElement Json { get; init; }

    public static IEnumerable<object[]> Names() => All.Value.Keys.Order(StringComparer.Ordinal).Select(n => new object[] { n });

    public static VendorExampleCase Get(string name) => All.Value[name];

    public static int Count => All.Value.Count;

    private static Dictionary<string, VendorExampleCase> Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestData", "dialplan-examples");
        var cases = new Dictionary<string, VendorExampleCase>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*.json"))
        {
            using var document = JsonDocument.Parse(System.IO.File.ReadAllText(file));
            foreach (var item in document.RootElement.GetProperty("cases").EnumerateArray())
            {
                var name = item.GetProperty("name").GetString()!;
                cases.Add(name, new VendorExampleCase { Name = name, File = Path.GetFileName(file), Json = item.Clone() });
            }
        }

        return cases;
    }
}
