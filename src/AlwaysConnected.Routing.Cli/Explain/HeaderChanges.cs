using System.Text;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Cli.Explain;

/// <summary>
/// Finds the headers a decision changed by comparing the original request with the written one:
/// for each header name (compact and long forms are one name), the list of values before and after.
/// A changed header reports its final value (instances joined with <c>", "</c>), a removed one null.
/// </summary>
internal static class HeaderChanges
{
    public static IReadOnlyList<KeyValuePair<string, string?>> Compare(SipMessage original, SipMessage written)
    {
        var before = Collect(original);
        var after = Collect(written);
        var result = new List<KeyValuePair<string, string?>>();
        foreach (var (key, (name, values)) in after)
        {
            if (!before.TryGetValue(key, out var old) || !old.Values.SequenceEqual(values, StringComparer.Ordinal))
            {
                result.Add(new(name, string.Join(", ", values)));
            }
        }

        foreach (var (key, (name, _)) in before)
        {
            if (!after.ContainsKey(key))
            {
                result.Add(new(name, null));
            }
        }

        return result;
    }

    private static Dictionary<string, (string Name, List<string> Values)> Collect(SipMessage message)
    {
        // Insertion order of a Dictionary without removals is enumeration order: headers stay in message order.
        var headers = new Dictionary<string, (string Name, List<string> Values)>(StringComparer.Ordinal);
        for (var h = 0; h < message.HeaderCount; h++)
        {
            var header = message.GetHeader(h);
            var written = Encoding.UTF8.GetString(message.GetName(header));
            var known = header.Id != SipHeaderId.Extension;
            var key = known ? header.Id.ToString() : written.ToUpperInvariant();
            var name = known ? Encoding.ASCII.GetString(SipHeader.GetCanonicalName(header.Id)) : written;
            if (!headers.TryGetValue(key, out var entry))
            {
                entry = (name, []);
                headers[key] = entry;
            }

            entry.Values.Add(Encoding.UTF8.GetString(message.GetValue(header)));
        }

        return headers;
    }
}
