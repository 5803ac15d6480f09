using System.Text;
using AlwaysConnected.Routing.Requests;

namespace AlwaysConnected.Routing.Tests.Requests;

/// <summary>
/// The layer both engines share: what it writes to the decision's arena, and that the decision's scratch
/// keeps each engine's tables apart and reuses them without allocating.
/// </summary>
public class SharedRequestLayerTests
{
    [Theory]
    [InlineData("sip:1001@10.0.0.1:5070;transport=tcp", "10.0.0.1:5070")]
    [InlineData("sip:1001@pbx.example.net", "pbx.example.net")]
    [InlineData("\"Bob\" <sips:bob@carrier.example:5061>;tag=1", "carrier.example:5061")]
    public void A_uri_becomes_its_host_and_port_as_next_hop(string uri, string expected)
    {
        var arena = new ByteArena(8);
        arena.Append("prefix"u8);

        NextHopFromUri.TryAppend(arena, Encoding.UTF8.GetBytes(uri), out var start, out var length).Should().BeTrue();

        Encoding.UTF8.GetString(arena.Slice(start, length)).Should().Be(expected);
        Encoding.UTF8.GetString(arena.Slice(0, 6)).Should().Be("prefix", "what was in the arena stays");
    }

    [Fact]
    public void A_uri_without_a_host_writes_no_next_hop()
    {
        var arena = new ByteArena(8);

        NextHopFromUri.TryAppend(arena, "not a uri"u8, out var start, out _).Should().BeFalse();

        start.Should().Be(-1);
        arena.Length.Should().Be(0);
    }

    [Theory]
    [InlineData("2002", "sip:2002@pbx.example;user=phone", null, false)]
    [InlineData("sip:3003@", "sip:3003@pbx.example;user=phone", null, false)]
    [InlineData("sip:4004@other.example", "sip:4004@other.example", null, true)]
    [InlineData("\u201CAlice\u201D <sip:alice@b.example>", "sip:alice@b.example", "\"Alice\"", true)]
    [InlineData("\"Carol\"", null, "\"Carol\"", false)]
    public void A_deployed_value_composes_the_address_from_what_it_gives_and_the_original_uri(string value, string? uri, string? display, bool full)
    {
        var arena = new ByteArena(16);
        var bytes = Encoding.UTF8.GetBytes(value);
        var start = arena.Append(bytes);

        var composed = AddressComposer.Compose(arena, "sip:1001@pbx.example;user=phone"u8, hasOriginal: true, (start, bytes.Length), out var name, out var fullUri);

        (composed.Start < 0 ? null : Encoding.UTF8.GetString(arena.Slice(composed.Start, composed.Length))).Should().Be(uri);
        (name.Start < 0 ? null : Encoding.UTF8.GetString(arena.Slice(name.Start, name.Length))).Should().Be(display);
        fullUri.Should().Be(full);
    }

    [Fact]
    public void The_guard_finds_the_first_forbidden_byte_and_says_which_it_is()
    {
        var value = "sip:a@b\nVia: evil"u8;

        var offset = InjectionGuard.IndexOfForbidden(value);

        offset.Should().Be(7);
        InjectionGuard.Refusal("Rule 'r', deploy line 1 (To): the substituted value", value[offset], offset)
            .Should().Be("Rule 'r', deploy line 1 (To): the substituted value holds a LF at offset 7; header injection refused, nothing applied.");
        InjectionGuard.IsSafe("sip:a@b"u8).Should().BeTrue();
        InjectionGuard.IsSafe("a\0b".AsSpan()).Should().BeFalse();
    }

    [Fact]
    public void A_constant_is_trimmed_once_when_safe_and_left_to_the_per_call_guard_otherwise()
    {
        SubstitutedValue.SafeTrimmedConstant("  sip:a@b  "u8).Should().Equal("sip:a@b"u8.ToArray());
        SubstitutedValue.SafeTrimmedConstant("a\rb"u8).Should().BeNull();

        var trimmed = SubstitutedValue.Trim("  x y "u8, out var leading);

        Encoding.UTF8.GetString(trimmed).Should().Be("x y");
        leading.Should().Be(2);
    }

    [Fact]
    public void The_decision_scratch_keeps_each_engines_tables_apart_and_reuses_them_without_allocating()
    {
        var scratch = new DecisionScratch();
        var first = scratch.Get<FirstTables>();
        var second = scratch.Get<SecondTables>();

        scratch.Get<FirstTables>().Should().BeSameAs(first);
        scratch.Get<SecondTables>().Should().BeSameAs(second);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _ = scratch.Get<FirstTables>();
            _ = scratch.Get<SecondTables>();
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    private sealed class FirstTables;

    private sealed class SecondTables;
}
