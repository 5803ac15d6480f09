using System.Text;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Tests.Sip;

/// <summary>Every known header id round-trips through its canonical name and its compact form, in any case.</summary>
public class KnownHeaderTableTests
{
    public static TheoryData<SipHeaderId> KnownIds()
    {
        var data = new TheoryData<SipHeaderId>();
        foreach (var id in Enum.GetValues<SipHeaderId>().Where(id => id != SipHeaderId.Extension))
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KnownIds))]
    public void Every_id_round_trips_through_its_name_in_any_case(SipHeaderId id)
    {
        var name = Encoding.ASCII.GetString(SipHeader.GetCanonicalName(id));

        name.Should().NotBeEmpty($"{id} needs a row in the known header table");
        foreach (var spelling in new[] { name, name.ToUpperInvariant(), name.ToLowerInvariant(), AlternateCase(name) })
        {
            SipHeader.GetId(Encoding.ASCII.GetBytes(spelling)).Should().Be(id, "'{0}' names {1}", spelling, id);
        }
    }

    [Theory]
    [MemberData(nameof(KnownIds))]
    public void Every_compact_form_round_trips_in_either_case(SipHeaderId id)
    {
        var compact = SipHeader.GetCompactName(id);
        if (compact.IsEmpty)
        {
            return;
        }

        compact.Length.Should().Be(1);
        var letter = (char)compact[0];
        char.IsAsciiLetterLower(letter).Should().BeTrue();
        SipHeader.GetId([(byte)letter]).Should().Be(id);
        SipHeader.GetId([(byte)char.ToUpperInvariant(letter)]).Should().Be(id);
    }

    [Fact]
    public void The_compact_forms_are_those_of_the_rfcs()
    {
        var compact = Enum.GetValues<SipHeaderId>()
            .Where(id => !SipHeader.GetCompactName(id).IsEmpty)
            .ToDictionary(id => id, id => (char)SipHeader.GetCompactName(id)[0]);

        compact.Should().BeEquivalentTo(new Dictionary<SipHeaderId, char>
        {
            [SipHeaderId.Via] = 'v', [SipHeaderId.From] = 'f', [SipHeaderId.To] = 't', [SipHeaderId.CallId] = 'i',
            [SipHeaderId.Contact] = 'm', [SipHeaderId.ContentLength] = 'l', [SipHeaderId.ContentType] = 'c',
            [SipHeaderId.Supported] = 'k', [SipHeaderId.Subject] = 's', [SipHeaderId.ContentEncoding] = 'e',
            [SipHeaderId.Event] = 'o', [SipHeaderId.ReferTo] = 'r', [SipHeaderId.ReferredBy] = 'b',
            [SipHeaderId.AllowEvents] = 'u', [SipHeaderId.SessionExpires] = 'x', [SipHeaderId.Identity] = 'y',
        });
    }

    [Fact]
    public void The_table_lists_each_id_once_in_enum_order()
    {
        KnownSipHeaders.All.ToArray().Select(h => h.Id)
            .Should().Equal(Enum.GetValues<SipHeaderId>().Where(id => id != SipHeaderId.Extension));
        SipHeaderNameLookup.IdCount.Should().Be(Enum.GetValues<SipHeaderId>().Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("X-Custom")]
    [InlineData("Vias")]
    [InlineData("Fro")]
    [InlineData("Content-Lengths")]
    [InlineData("P-Preferred-Identity-X")]
    [InlineData("A-Very-Long-Extension-Header-Name")]
    [InlineData("z")]
    [InlineData("1")]
    [InlineData("6o")]
    public void Other_names_are_extensions(string name) =>
        SipHeader.GetId(Encoding.ASCII.GetBytes(name)).Should().Be(SipHeaderId.Extension);

    [Fact]
    public void A_byte_that_differs_from_a_letter_only_in_bit_5_is_not_that_letter()
    {
        // 'V' | 0x20 = 'v', but '6' (0x36) and 0x16 share 'v''s low five bits and are not letters.
        SipHeader.GetId([0x16]).Should().Be(SipHeaderId.Extension);
        SipHeader.GetId("6ia"u8).Should().Be(SipHeaderId.Extension);
        SipHeader.GetId("\u00d6ia"u8.ToArray().AsSpan(1)).Should().Be(SipHeaderId.Extension);
    }

    [Fact]
    public void Common_names_on_the_parsers_fast_path_are_read_with_their_table_ids()
    {
        foreach (var id in new[] { SipHeaderId.Via, SipHeaderId.CallId, SipHeaderId.ContentLength, SipHeaderId.RecordRoute, SipHeaderId.Expires })
        {
            var line = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(SipHeader.GetCanonicalName(id)).ToLowerInvariant() + ": value\r\n and some more");
            SipCommonHeaderNames.TryMatch(line, out var matched, out var length).Should().BeTrue();
            matched.Should().Be(id);
            length.Should().Be(SipHeader.GetCanonicalName(id).Length);
        }
    }

    private static string AlternateCase(string name) =>
        string.Concat(name.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)));
}
