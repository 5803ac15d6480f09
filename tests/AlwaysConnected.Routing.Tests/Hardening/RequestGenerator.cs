using System.Text;

namespace AlwaysConnected.Routing.Tests.Hardening;

/// <summary>
/// A seeded generator of well-formed SIP requests that vary what the grammar lets vary: header name case and
/// compact forms, spacing around the colon, folded lines, parameters, quoted display names, bodies.
/// </summary>
internal sealed class RequestGenerator(int seed)
{
    private static readonly string[] Methods = ["INVITE", "OPTIONS", "REGISTER", "BYE", "MESSAGE", "SUBSCRIBE", "NOTIFY", "INFO"];
    private static readonly string[] Hosts = ["example.com", "192.0.2.10", "[2001:db8::1]", "pbx.example.net:5080", "127.0.0.1:5060"];

    private readonly Random _random = new(seed);

    public byte[] Next()
    {
        string method = Pick(Methods);
        var text = new StringBuilder();
        text.Append(method).Append(' ').Append(Uri()).Append(" SIP/2.0\r\n");
        var headers = new List<string>
        {
            Header("Via", "v", $"SIP/2.0/{Pick(["UDP", "TCP", "TLS"])} {Pick(Hosts)};branch=z9hG4bK{_random.Next():x}{Maybe(";rport")}"),
            Header("From", "f", $"{DisplayName()}<{Uri()}>;tag={_random.Next():x}"),
            Header("To", "t", $"{DisplayName()}<{Uri()}>"),
            Header("Call-ID", "i", $"{_random.Next():x}@{Pick(Hosts)}"),
            $"CSeq:{Space()}{_random.Next(1, 100000)} {method}",
            $"Max-Forwards:{Space()}{_random.Next(0, 71)}",
        };
        int extras = _random.Next(0, 6);
        for (int i = 0; i < extras; i++)
        {
            headers.Add(Extension(i));
        }

        Shuffle(headers);
        foreach (var header in headers)
        {
            text.Append(header).Append("\r\n");
        }

        string body = _random.Next(3) == 0 ? $"v=0\r\no=- {_random.Next()} 1 IN IP4 192.0.2.1\r\ns=-\r\n" : string.Empty;
        text.Append(Header("Content-Length", "l", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append("\r\n\r\n").Append(body);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private string Uri() =>
        $"sip:{(_random.Next(4) == 0 ? string.Empty : $"{_random.Next(100, 99999999)}@")}{Pick(Hosts)}{Maybe(";transport=tcp")}{Maybe(";user=phone")}";

    private string DisplayName() => _random.Next(3) switch
    {
        0 => string.Empty,
        1 => $"\"Agent {_random.Next(1000)}\" ",
        _ => "Bob ",
    };

    private string Extension(int i) => _random.Next(4) switch
    {
        0 => $"X-Ext-{i}:{Space()}value-{_random.Next()}",
        1 => $"X-Folded-{i}: first\r\n {Pick(["second", "\tsecond", "  second"])}",
        2 => $"Subject:{Space()}{Pick(["hello", "caf\u00e9", "a, b, c"])}",
        _ => $"x-lower-{i}:{Space()};p={_random.Next()};flag",
    };

    private string Header(string name, string compact, string value) =>
        $"{(_random.Next(4) == 0 ? compact : _random.Next(4) == 0 ? name.ToUpperInvariant() : name)}{(_random.Next(4) == 0 ? " " : string.Empty)}:{Space()}{value}";

    private string Space() => Pick([" ", " ", "", "  ", "\t"]);

    private string Maybe(string text) => _random.Next(2) == 0 ? text : string.Empty;

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private void Shuffle(List<string> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
