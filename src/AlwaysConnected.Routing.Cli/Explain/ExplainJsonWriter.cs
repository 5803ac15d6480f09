using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AlwaysConnected.Routing.Cli.Explain;

/// <summary>Writes the result as the contract's one JSON object: every field, always, null when it does not apply.</summary>
internal static class ExplainJsonWriter
{
    public static string Write(ExplainResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("outcome", result.Outcome);
            WriteNullable(json, "stage", result.Stage);
            json.WriteStartArray("rules");
            foreach (var rule in result.Rules)
            {
                json.WriteStringValue(rule);
            }

            json.WriteEndArray();
            if (result.Status is { } status)
            {
                json.WriteNumber("status", status);
            }
            else
            {
                json.WriteNull("status");
            }

            WriteNullable(json, "reason", result.Reason);
            WriteNullable(json, "target", result.Target);
            WriteNullable(json, "requestUri", result.RequestUri);
            WriteMap(json, "captures", result.Captures.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
            WriteMap(json, "headers", result.Headers);
            WriteMap(json, "variables", result.Variables.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
            WriteMap(json, "environment", result.Environment.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
            WriteMap(json, "properties", result.Properties.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
            WriteNullable(json, "message", result.Message);
            if (result.Error is { } error)
            {
                json.WriteStartObject("error");
                json.WriteString("code", error.Code);
                json.WriteString("message", error.Message);
                if (error.Offset is { } offset)
                {
                    json.WriteNumber("offset", offset);
                }
                else
                {
                    json.WriteNull("offset");
                }

                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("error");
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteMap(Utf8JsonWriter json, string name, IEnumerable<KeyValuePair<string, string?>> entries)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in entries)
        {
            WriteNullable(json, key, value);
        }

        json.WriteEndObject();
    }
}
