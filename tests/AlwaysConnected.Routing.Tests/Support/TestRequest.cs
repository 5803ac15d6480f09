using System.Text;

namespace AlwaysConnected.Routing.Tests.Support;

/// <summary>Builds SIP request bytes for tests, adding the mandatory headers a case leaves out.</summary>
public static class TestRequest
{
    public static byte[] Build(string method, string requestUri, IEnumerable<(string Name, string Value)> headers, string body = "")
    {
        var list = headers.ToList();
        var text = new StringBuilder();
        text.Append(method).Append(' ').Append(requestUri).Append(" SIP/2.0\r\n");
        if (!Has(list, "Via", "v"))
        {
            text.Append("Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-test-1\r\n");
        }

        if (!Has(list, "Max-Forwards"))
        {
            text.Append("Max-Forwards: 70\r\n");
        }

        foreach (var (name, value) in list)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (!Has(list, "Call-ID", "i"))
        {
            text.Append("Call-ID: test-call-1@192.0.2.1\r\n");
        }

        if (!Has(list, "CSeq"))
        {
            text.Append("CSeq: 1 ").Append(method).Append("\r\n");
        }

        if (!Has(list, "Content-Length", "l"))
        {
            text.Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body)).Append("\r\n");
        }

        text.Append("\r\n").Append(body);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static bool Has(List<(string Name, string Value)> headers, params string[] names) =>
        headers.Exists(h => names.Any(n => string.Equals(h.Name, n, StringComparison.OrdinalIgnoreCase)));
}
