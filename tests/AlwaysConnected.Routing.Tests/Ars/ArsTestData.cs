namespace AlwaysConnected.Routing.Tests.Ars;

internal static class ArsTestData
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "ars", name));
}
