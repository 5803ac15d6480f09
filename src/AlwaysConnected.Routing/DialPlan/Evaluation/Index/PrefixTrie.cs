namespace AlwaysConnected.Routing.DialPlan.Evaluation.Index;

/// <summary>
/// Rule numbers keyed by literal prefixes: walking a value byte by byte visits every node whose
/// prefix the value starts with, so finding the rules a value can satisfy costs the length of the
/// value, not the number of rules. Immutable once built; shared between threads.
/// </summary>
internal sealed class PrefixTrie
{
    private readonly Node _root;

    private PrefixTrie(Node root) => _root = root;

    /// <summary>Builds a trie from (prefix, rule number) pairs.</summary>
    public static PrefixTrie Build(IEnumerable<(byte[] Prefix, int Rule)> entries)
    {
        var root = new Draft();
        foreach (var (prefix, rule) in entries)
        {
            var node = root;
            foreach (var b in prefix)
            {
                if (!node.Children.TryGetValue(b, out var child))
                {
                    child = new Draft();
                    node.Children.Add(b, child);
                }

                node = child;
            }

            node.Rules.Add(rule);
        }

        return new PrefixTrie(root.Freeze());
    }

    /// <summary>Sets the bit of every rule whose prefix <paramref name="value"/> starts with.</summary>
    public void Mark(ReadOnlySpan<byte> value, Span<ulong> bits)
    {
        var node = _root;
        var depth = 0;
        while (true)
        {
            foreach (var rule in node.Rules)
            {
                bits[rule >> 6] |= 1UL << rule;
            }

            if (depth == value.Length)
            {
                return;
            }

            var slot = FindKey(node.Keys, value[depth]);
            if (slot < 0)
            {
                return;
            }

            node = node.Children[slot];
            depth++;
        }
    }

    private static int FindKey(byte[] keys, byte key)
    {
        // Most nodes have one or two children (a prefix shared by all rules): a short loop beats a
        // vectorised search's call and setup; wide nodes still get the vectorised one.
        if (keys.Length > 8)
        {
            return keys.AsSpan().IndexOf(key);
        }

        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] == key)
            {
                return i;
            }
        }

        return -1;
    }

    private sealed class Node(byte[] keys, Node[] children, int[] rules)
    {
        public byte[] Keys { get; } = keys;

        public Node[] Children { get; } = children;

        public int[] Rules { get; } = rules;
    }

    private sealed class Draft
    {
        public SortedDictionary<byte, Draft> Children { get; } = [];

        public List<int> Rules { get; } = [];

        public Node Freeze() => new([.. Children.Keys], [.. Children.Values.Select(c => c.Freeze())], [.. Rules]);
    }
}
