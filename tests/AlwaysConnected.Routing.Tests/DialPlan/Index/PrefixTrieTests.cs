using System.Text;
using AlwaysConnected.Routing.DialPlan.Evaluation.Index;

namespace AlwaysConnected.Routing.Tests.DialPlan.Index;

public sealed class PrefixTrieTests
{
    [Theory]
    [InlineData("abcdef", new[] { 0, 1, 2, 4 })]
    [InlineData("ab", new[] { 0, 1 })]
    [InlineData("abd", new[] { 0, 1 })]
    [InlineData("x", new[] { 0 })]
    [InlineData("", new[] { 0 })]
    [InlineData("b", new[] { 0, 3 })]
    public void Marks_every_rule_whose_prefix_starts_the_value(string value, int[] expected)
    {
        // Rule 0 requires the empty prefix; 2 and 4 share "abc"; rule 70 lands in the second word.
        var trie = PrefixTrie.Build([
            ([], 0), ("ab"u8.ToArray(), 1), ("abc"u8.ToArray(), 2), ("b"u8.ToArray(), 3), ("abc"u8.ToArray(), 4), ("abx"u8.ToArray(), 70)]);
        var bits = new ulong[2];

        trie.Mark(Encoding.ASCII.GetBytes(value), bits);

        Enumerable.Range(0, 128).Where(r => (bits[r >> 6] & (1UL << r)) != 0).Should().Equal(expected);
    }
}
