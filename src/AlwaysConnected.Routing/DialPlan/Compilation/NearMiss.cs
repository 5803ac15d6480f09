namespace AlwaysConnected.Routing.DialPlan.Compilation;

/// <summary>
/// Finds the known name an unknown one was most likely meant to be: <c>$taget</c> for
/// <c>$target</c>, <c>$geturl</c> for <c>$geturi</c>. A typo in a handling variable otherwise
/// passes silently (it becomes a user variable) and the request goes where nobody meant it to.
/// </summary>
internal static class NearMiss
{
    /// <summary>The handling variables a Deploy line sets with a meaning (docs/semantics.md).</summary>
    public static readonly string[] HandlingVariables =
    [
        "target", "action", "response", "continue", "replaceurl", "replaceuri", "nat", "rtp", "ifsrc", "ifdst",
        "auth", "session", "transport", "routename", "wait4reg",
    ];

    /// <summary>The closest candidate within 1 edit (2 for names of five or more characters); null when none is that close or the name is one of them.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        var limit = name.Length >= 5 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name, candidate);
            if (distance == 0)
            {
                return null;
            }

            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance, case-insensitive: insert, delete, substitute, swap neighbours.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = Same(a[i - 1], b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && Same(a[i - 1], b[j - 2]) && Same(a[i - 2], b[j - 1]))
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static bool Same(char x, char y) => char.ToLowerInvariant(x) == char.ToLowerInvariant(y);
}
