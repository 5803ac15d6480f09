namespace AlwaysConnected.Routing.DialPlan.Evaluation.Index;

/// <summary>
/// Rule numbers keyed by literal prefixes: walking a value byte by byte visits every node whose
/// prefix the value starts with, so finding the rules a value can satisfy costs the length of the
/// value, not the number of rules. Immutable once built; shared between threads.
/// </summary>
/// <remarks>
/// Chains of nodes with one child and no rules are folded into one node with a label (a path-
/// compressed trie): a key shared by every rule, such as <c>INVITE</c>, costs one comparison instead
/// of a node visit per byte.
/// </remarks>
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
            var label = node.Label;
            if (label.Length > 0)
            {
                if (!value[depth..].StartsWith(label))
                {
                    return;
                }

                depth += label.Length;
            }

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

    private sealed class Node(byte[] label, byte[] keys, Node[] children, int[] rules)
    {
        /// <summary>The bytes that must follow before this node's rules apply (a folded chain).</summary>
        public byte[] Label { get; } = label;

        public byte[] Keys { get; } = keys;

        public Node[] Children { get; } = children;

        public int[] Rules { get; } = rules;
    }

    private sealed class Draft
    {
        public SortedDictionary<byte, Draft> Children { get; } = [];

        public List<int> Rules { get; } = [];

        public Node Freeze()
        {
            var label = new List<byte>();
            var node = this;
            while (node.Rules.Count == 0 && node.Children.Count == 1)
            {
                var (key, child) = node.Children.First();
                label.Add(key);
                node = child;
            }

            return new([.. label], [.. node.Children.Keys], [.. node.Children.Values.Select(c => c.Freeze())], [.. node.Rules]);
        }
    }
}
