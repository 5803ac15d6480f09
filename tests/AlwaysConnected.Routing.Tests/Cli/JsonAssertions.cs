using System.Text.Json;

namespace AlwaysConnected.Routing.Tests.Cli;

/// <summary>Reads the contract's JSON fields back into plain values for assertions.</summary>
internal static class JsonAssertions
{
    public static readonly string[] ContractFields =
        ["outcome", "stage", "rules", "status", "reason", "target", "requestUri", "captures", "headers", "variables", "environment", "properties", "message", "error"];

    public static string? Str(this JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetString();

    public static bool IsNull(this JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null;

    public static List<string?> Strings(this JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(x => x.GetString())];

    public static List<KeyValuePair<string, string?>> Map(this JsonElement e, string name) =>
        [.. e.GetProperty(name).EnumerateObject().Select(p => new KeyValuePair<string, string?>(p.Name, p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString()))];

    public static List<string> FieldNames(this JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];
}
