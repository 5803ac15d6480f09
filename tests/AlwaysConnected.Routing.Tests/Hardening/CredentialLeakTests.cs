using System.Text.Json;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Presets;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Tests.Support;
using Microsoft.Extensions.Logging;

namespace AlwaysConnected.Routing.Tests.Hardening;

/// <summary>A configured trunk password never shows in ToString, explain output, diagnostics, logs or exception messages.</summary>
public class CredentialLeakTests
{
    private const string Password = "Pw-7f3c9e1a-never-show";

    private static AlwaysConnectedOptions Case2(AlwaysConnectedOptions o)
    {
        o.ItspDomain = "itsp.example.net";
        o.Account = "0312345678";
        o.RequiresAuthentication = true;
        o.TrunkTarget = "itsp.example.net:5060";
        o.AuthenticationUser = "auth-user";
        o.Password = Password;
        return o;
    }

    [Fact]
    public void The_model_its_text_form_and_the_explain_traces_never_show_the_password()
    {
        var logger = new ListLogger();
        var model = new SipRouterBuilder().UseAlwaysConnected(o => Case2(o)).BuildModel();
        var router = new SipRouter(model, logger: logger);
        var index = new SipMessageIndex();
        var message = ParsedRequest.Parse(SeedMessages.MediaServerInvite(), index);
        var decision = new RoutingDecision();

        router.Route(message, SeedMessages.FromMediaServer, decision);
        var traces = new object[]
        {
            router.Explain(message, SeedMessages.FromMediaServer, decision),
            router.ExplainIn(message, SeedMessages.FromMediaServer, decision),
            router.ExplainOut(message, SeedMessages.FromMediaServer, decision),
        };

        var shown = new List<string?> { model.ToString(), model.Ars.ToString(), string.Join("\n", router.Diagnostics) };
        shown.AddRange(model.Ars.Routes.Select(r => r.ToString()));
        shown.AddRange(model.Ars.Routes.SelectMany(r => r.OutBlocks.Concat(r.InBlocks)).Select(b => b.ToString()));
        shown.AddRange(traces.Select(t => t.ToString()));
        shown.AddRange(traces.Select(t => JsonSerializer.Serialize(t, t.GetType())));
        shown.Add(decision.ErrorMessage);
        for (int i = 0; i < decision.VariableCount; i++)
        {
            shown.Add(System.Text.Encoding.UTF8.GetString(decision.GetVariableValue(i)));
        }

        router.TryReload(new SipRouterBuilder().AddDialPlanText("[Rule r]\n[Matching Patterns]\n$nosuch(To) = x\n[Deploy Patterns]\nX = 1\n").BuildModel(), out var errors);
        shown.AddRange(errors.Select(e => e.ToString()));
        shown.AddRange(logger.Lines);

        model.Ars.Routes.Should().Contain(r => r.EffectiveCredentials != null && r.EffectiveCredentials.Password == Password, "the test must configure the password it looks for");
        shown.Should().NotContain(s => s != null && s.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public void The_ars_text_form_of_a_trunk_with_a_password_is_the_only_place_it_is_written()
    {
        var model = new SipRouterBuilder().UseAlwaysConnected(o => Case2(o)).BuildModel();
        var text = ArsTextWriter.Write(model.Ars);

        // Writing the rules back out is a deliberate export of the configuration: the password is kept so the
        // text reads back to the same routes. Everything else (above) masks it.
        text.Should().Contain(Password);
    }

    [Fact]
    public void Refused_credentials_name_the_field_not_the_value()
    {
        var act = () => new SipRouterBuilder().UseAlwaysConnected(o =>
        {
            Case2(o);
            o.Password = Password + "\r\nX-Injected: 1";
        }).Build();

        var thrown = act.Should().Throw<Exception>().Which;
        string all = thrown.ToString() + string.Join("\n", (thrown as RoutingConfigurationException)?.Diagnostics.Select(d => d.ToString()) ?? []);
        all.Should().NotContain(Password);
        all.Should().Contain("Password");
    }

    private sealed class ListLogger : ILogger<SipRouter>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add(formatter(state, exception) + exception);
            }
        }
    }
}
