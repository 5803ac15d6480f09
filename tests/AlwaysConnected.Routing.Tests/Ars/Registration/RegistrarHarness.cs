using System.Buffers;
using System.Text;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Registration;
using AlwaysConnected.Routing.Collections;
using AlwaysConnected.Routing.Sip;
using Microsoft.Extensions.Time.Testing;

namespace AlwaysConnected.Routing.Tests.Ars.Registration;

/// <summary>A registrar on a fake clock whose sender records every REGISTER; the test plays the carrier.</summary>
internal sealed class RegistrarHarness : ITrunkRegistrationSender, IAsyncDisposable
{
    public RegistrarHarness(TrunkRegistrarOptions? options = null)
    {
        Options = options ?? new TrunkRegistrarOptions
        {
            ContactAddress = "192.0.2.10:5060",
            RetryJitter = 0,
            RetransmitInterval = TimeSpan.Zero,
        };
        Registrar = new TrunkRegistrar(this, Options, Time);
        Registrar.StateChanged += (_, e) =>
        {
            lock (Changes)
            {
                Changes.Add(e);
            }
        };
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));

    public TrunkRegistrarOptions Options { get; }

    public TrunkRegistrar Registrar { get; }

    public List<TrunkRegisterRequest> Sent { get; } = [];

    public List<TrunkRegistrationState> Changes { get; } = [];

    public TrunkRegisterRequest Last
    {
        get
        {
            lock (Sent)
            {
                return Sent[^1];
            }
        }
    }

    public static ArsRoute Route(string name = "itsp", RouteRegistration? registration = null) =>
        new(name) { Registration = registration ?? new RouteRegistration("sip:acct@itsp.example", "203.0.113.5:5070", 60, 50, "acct", "secret") };

    public static ArsDefinition Definition(params ArsRoute[] routes) => new(routes.ToEquatableArray());

    public ValueTask SendAsync(TrunkRegisterRequest request, CancellationToken cancellationToken)
    {
        lock (Sent)
        {
            Sent.Add(request);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Answers the last REGISTER with a status and extra header lines.</summary>
    public bool Respond(int status, string reason, params string[] headers) => Respond(Last, status, reason, headers);

    public bool Respond(TrunkRegisterRequest request, int status, string reason, params string[] headers)
    {
        var text = Encoding.UTF8.GetString(request.Message.Span);
        var response = new StringBuilder($"SIP/2.0 {status} {reason}\r\n");
        foreach (var name in new[] { "Via", "From", "To", "Call-ID", "CSeq" })
        {
            var value = Header(text, name);
            response.Append(name).Append(": ").Append(value).Append(name == "To" ? ";tag=carrier" : "").Append("\r\n");
        }

        foreach (var header in headers)
        {
            response.Append(header).Append("\r\n");
        }

        response.Append("Content-Length: 0\r\n\r\n");
        var bytes = Encoding.UTF8.GetBytes(response.ToString());
        var index = new SipMessageIndex();
        SipParser.TryParseDatagram(bytes, index, out var message).Should().Be(OperationStatus.Done);
        return Registrar.TryHandleResponse(message);
    }

    public static string? Header(TrunkRegisterRequest request, string name) => Header(Encoding.UTF8.GetString(request.Message.Span), name);

    public static string RequestLine(TrunkRegisterRequest request)
    {
        var text = Encoding.UTF8.GetString(request.Message.Span);
        return text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
    }

    // The fake clock never moves by itself, so a de-registration would wait for ever: tests that dispose
    // with de-registration call Registrar.DisposeAsync themselves and answer or advance the clock.
    public ValueTask DisposeAsync()
    {
        Registrar.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string? Header(string text, string name)
    {
        foreach (var line in text.Split("\r\n"))
        {
            if (line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            {
                return line[(name.Length + 1)..].Trim();
            }
        }

        return null;
    }
}
