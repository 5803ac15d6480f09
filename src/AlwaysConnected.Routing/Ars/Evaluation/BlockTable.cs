using AlwaysConnected.Routing.Ars.Compilation;

namespace AlwaysConnected.Routing.Ars.Evaluation;

/// <summary>
/// The enabled blocks of one direction in selection order (lowest Priority first, ties in list order), with
/// an index of the literal number prefixes of their To patterns so that a request is tested only against
/// blocks whose prefix it carries, plus those without one.
/// </summary>
/// <remarks>
/// A To pattern such as <c>^sip:0312([0-9]+)@</c> or <c>sip:81(.*)@</c> can only match a To URI that has
/// <c>sip:0312</c> / <c>sip:81</c> in it. When the URI starts with <c>sip:</c> and holds no second
/// <c>sip:</c>, that occurrence is the start, so the pattern's literal must be a prefix of the URI: the
/// index walks the URI's bytes after <c>sip:</c> through a trie of those literals. Any other URI (a
/// <c>sips:</c> or <c>tel:</c> URI, or one with <c>sip:</c> in a parameter) is tested against every block.
/// </remarks>
internal sealed class BlockTable
{
    private static ReadOnlySpan<byte> SipScheme => "sip:"u8;

    private readonly TrieNode _root = new();
    private readonly int[] _unindexed;
    private readonly int[] _all;

    public BlockTable(CompiledBlock[] blocks)
    {
        Blocks = blocks;
        _all = Enumerable.Range(0, blocks.Length).ToArray();
        var unindexed = new List<int>();
        for (var rank = 0; rank < blocks.Length; rank++)
        {
            if (blocks[rank].IndexKey is { } key)
            {
                _root.Add(key, 0, rank);
                IndexedCount++;
            }
            else
            {
                unindexed.Add(rank);
            }
        }

        _unindexed = [.. unindexed];
        _root.Freeze();
    }

    public CompiledBlock[] Blocks { get; }

    public int IndexedCount { get; }

    /// <summary>
    /// The ranks of the blocks that may match, ascending: the first <paramref name="count"/> entries of the
    /// returned array. When the answer is a fixed list (no index, no To, a URI the index cannot use) that list
    /// itself is returned, not copied; otherwise <paramref name="buffer"/> is filled and returned.
    /// </summary>
    /// <param name="frame">The request; its To is read only when the index is used.</param>
    /// <param name="buffer">Room for every block's rank.</param>
    /// <param name="count">How many ranks are valid.</param>
    /// <returns>The ranks.</returns>
    public int[] CollectCandidates(ref ArsFrame frame, int[] buffer, out int count)
    {
        // An indexed block has a non-negated To pattern, which fails on a missing To.
        if (IndexedCount == 0 || !frame.HasTo)
        {
            count = _unindexed.Length;
            return _unindexed;
        }

        var toUri = frame.ToUri;
        if (!toUri.StartsWith(SipScheme) || toUri[SipScheme.Length..].IndexOf(SipScheme) >= 0)
        {
            count = _all.Length;
            return _all;
        }

        count = CollectIndexed(toUri, buffer);
        return buffer;
    }

    private int CollectIndexed(ReadOnlySpan<byte> toUri, Span<int> ranks)
    {
        _unindexed.CopyTo(ranks);
        var count = _unindexed.Length;
        var user = toUri[SipScheme.Length..];
        var node = _root;
        for (var i = 0; i < user.Length && node is not null; i++)
        {
            node = node.Find(user[i]);
            if (node is not null && node.Ranks.Length > 0)
            {
                node.Ranks.CopyTo(ranks[count..]);
                count += node.Ranks.Length;
            }
        }

        if (count != _unindexed.Length)
        {
            ranks[..count].Sort();
        }

        return count;
    }

    private sealed class TrieNode
    {
        private readonly List<(byte Key, TrieNode Child)> _building = [];
        private readonly List<int> _buildingRanks = [];
        private byte[] _keys = [];
        private TrieNode[] _children = [];

        public int[] Ranks { get; private set; } = [];

        public void Add(byte[] key, int depth, int rank)
        {
            if (depth == key.Length)
            {
                _buildingRanks.Add(rank);
                return;
            }

            var index = _building.FindIndex(entry => entry.Key == key[depth]);
            if (index < 0)
            {
                _building.Add((key[depth], new TrieNode()));
                index = _building.Count - 1;
            }

            _building[index].Child.Add(key, depth + 1, rank);
        }

        public void Freeze()
        {
            _keys = [.. _building.Select(entry => entry.Key)];
            _children = [.. _building.Select(entry => entry.Child)];
            Ranks = [.. _buildingRanks];
            foreach (var child in _children)
            {
                child.Freeze();
            }
        }

        public TrieNode? Find(byte key)
        {
            var index = _keys.AsSpan().IndexOf(key);
            return index < 0 ? null : _children[index];
        }
    }
}
