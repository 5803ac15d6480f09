using System.Collections.Concurrent;
using System.Net;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.SipProxy.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AlwaysConnected.Routing.EndToEndTests;

/// <summary>What the sample tells its operator: one line per call decision (capped under load), and a configuration file that stops parsing.</summary>
public class SampleLoggingTests
{
    private static readonly IPEndPoint MediaServer = new(IPAddress.Loopback, 5056);

    [Fact]
    public void Each_call_decision_is_one_information_line_capped_per_second_with_the_rest_counted()
    {
        var log = new Capture(LogLevel.Information);
        var time = new FakeTimeProvider();
        var calls = new CallDecisionLog(log, time);
        var decision = new RoutingDecision();

        for (var i = 0; i < CallDecisionLog.LinesPerSecond + 5; i++)
        {
            calls.Decided("SIP server", SipMethod.Invite, MediaServer, decision);
        }

        calls.Decided("SIP server", SipMethod.Options, MediaServer, decision);
        log.Lines.Should().HaveCount(CallDecisionLog.LinesPerSecond, "the sixth to the 25th call in one second are only counted; OPTIONS is not a call");
        log.Lines.First().Should().Be("SIP server: call from 127.0.0.1:5056: NoMatch");

        time.Advance(TimeSpan.FromSeconds(1));
        calls.Decided("PBX core", SipMethod.Invite, MediaServer, decision);

        log.Lines.Skip(CallDecisionLog.LinesPerSecond).Should().Equal(
            "5 more call decisions were not logged (at most 20 lines per second)",
            "PBX core: call from 127.0.0.1:5056: NoMatch");
    }

    [Fact]
    public void With_information_off_nothing_is_formatted()
    {
        var log = new Capture(LogLevel.Warning);
        new CallDecisionLog(log, new FakeTimeProvider()).Decided("SIP server", SipMethod.Invite, MediaServer, new RoutingDecision());

        log.Lines.Should().BeEmpty();
    }

    [Fact]
    public void A_configuration_file_that_stops_parsing_is_a_warning_with_the_file_line_and_byte()
    {
        var directory = Directory.CreateTempSubdirectory("sip-proxy-config-");
        var file = Path.Combine(directory.FullName, "appsettings.json");
        File.WriteAllText(file, """{ "Routing": { "LocalAddresses": [ "192.0.2.1" ] } }""");
        try
        {
            var builder = new ConfigurationBuilder().SetBasePath(directory.FullName).AddJsonFile("appsettings.json", optional: false, reloadOnChange: false);
            var errors = new ConfigurationFileErrors();
            errors.Watch(builder);
            var configuration = builder.Build();
            var log = new Capture(LogLevel.Information);
            errors.Attach(log);

            File.WriteAllText(file, "{\n  \"Routing\": { \"LocalAddresses\": [ \"192.0.2.1\" \n");
            configuration.Reload();

            log.Lines.Should().ContainSingle().Which.Should().StartWith($"Configuration not reloaded: file '{file}', line 3, byte 1:");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private sealed class Capture(LogLevel minimum) : ILogger<CallDecisionLog>
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Lines.Enqueue(formatter(state, exception));
            }
        }
    }
}
