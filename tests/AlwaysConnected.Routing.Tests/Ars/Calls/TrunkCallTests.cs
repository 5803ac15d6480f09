using AlwaysConnected.Routing.Ars.Authentication;
using AlwaysConnected.Routing.Ars.Calls;
using static AlwaysConnected.Routing.Tests.Ars.Calls.TrunkCallHarness;

namespace AlwaysConnected.Routing.Tests.Ars.Calls;

/// <summary>Every transition of a trunk call, on a fake clock, with the sessions read through the router.</summary>
public class TrunkCallTests
{
    private const string Challenge = "WWW-Authenticate: Digest realm=\"itsp.example\", nonce=\"n-1\", qop=\"auth\", algorithm=MD5";
    private const string ProxyChallenge = "Proxy-Authenticate: Digest realm=\"itsp.example\", nonce=\"p-1\", qop=\"auth\"";

    [Fact]
    public void Start_selects_the_first_trunk_takes_its_session_and_writes_the_request_for_it()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();

        harness.Start(call).Should().Be(TrunkCallAction.Send);

        call.State.Should().Be(TrunkCallState.Calling);
        Text(call.Target).Should().Be("127.0.0.1:5070");
        call.RouteName.Should().Be("TRUNK_A");
        Header(call.Request, "To").Should().Be("<sip:0312345678@itsp.example>");
        Text(call.Request).Should().StartWith("INVITE sip:0312345678@itsp.example SIP/2.0\r\n");
        harness.SessionsA.Should().Be(1);
        call.HoldsSession.Should().BeTrue();
        call.ResponseDeadline.Should().Be(harness.Time.GetUtcNow() + TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void A_provisional_response_is_relayed_and_stops_the_response_timeout()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();
        harness.Start(call);

        Respond(call, 180).Should().Be(TrunkCallAction.Relay);
        harness.Time.Advance(TimeSpan.FromSeconds(10));

        harness.TimedOut.Should().BeEmpty();
        call.OnResponseTimeout().Should().Be(TrunkCallAction.None);
        call.State.Should().Be(TrunkCallState.Calling);
        call.ResponseDeadline.Should().Be(DateTimeOffset.MaxValue);
    }

    [Fact]
    public void A_2xx_establishes_the_call_which_keeps_its_session_until_it_ends()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();
        harness.Start(call);

        Respond(call, 200).Should().Be(TrunkCallAction.Relay);
        call.State.Should().Be(TrunkCallState.Established);
        harness.SessionsA.Should().Be(1);
        Respond(call, 200).Should().Be(TrunkCallAction.Relay, "a retransmitted 2xx is acknowledged by the caller again");
        call.OnCancel().Should().Be(TrunkCallAction.None, "a CANCEL after the final answer does nothing");
        harness.SessionsA.Should().Be(1);

        call.End();

        call.State.Should().Be(TrunkCallState.Ended);
        harness.SessionsA.Should().Be(0);
        call.End();
        harness.SessionsA.Should().Be(0);
    }

    [Fact]
    public void A_401_is_answered_with_the_routes_credentials_and_the_next_CSeq()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();
        harness.Start(call);
        var first = call.Attempt;

        Respond(call, 401, Challenge).Should().Be(TrunkCallAction.Send);

        call.State.Should().Be(TrunkCallState.Authenticating);
        call.Attempt.Should().NotBe(first);
        call.CSeqOffset.Should().Be(1);
        Header(call.Request, "CSeq").Should().Be("2 INVITE");
        Text(call.Target).Should().Be("127.0.0.1:5070");
        var authorization = Header(call.Request, "Authorization");
        authorization.Should().Contain("username=\"acct\"").And.Contain("realm=\"itsp.example\"").And.Contain("uri=\"sip:0312345678@itsp.example\"").And.Contain("nc=00000001");
        DigestIsValid(authorization!, "acct", "secret", "INVITE").Should().BeTrue();
        harness.SessionsA.Should().Be(1, "the challenge keeps the session");

        Respond(call, 200).Should().Be(TrunkCallAction.Relay);
        call.State.Should().Be(TrunkCallState.Established);
        call.End();
        harness.SessionsA.Should().Be(0);
    }

    [Fact]
    public void A_407_is_answered_with_Proxy_Authorization()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();
        harness.Start(call);

        Respond(call, 407, ProxyChallenge).Should().Be(TrunkCallAction.Send);

        Header(call.Request, "Authorization").Should().BeNull();
        DigestIsValid(Header(call.Request, "Proxy-Authorization")!, "acct", "secret", "INVITE").Should().BeTrue();
    }

    [Fact]
    public void A_407_then_a_401_are_both_answered_and_the_request_carries_both_headers()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();
        harness.Start(call);

        Respond(call, 407, ProxyChallenge).Should().Be(TrunkCallAction.Send);
        Respond(call, 401, Challenge).Should().Be(TrunkCallAction.Send);

        Header(call.Request, "CSeq").Should().Be("3 INVITE");
        call.CSeqOffset.Should().Be(2);
        Header(call.Request, "Proxy-Authorization").Should().NotBeNull();
        Header(call.Request, "Authorization").Should().NotBeNull();
    }

    [Fact]
    public void A_second_challenge_for_the_same_credentials_fails_the_call_instead_of_looping()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();
        harness.Start(call);
        Respond(call, 401, Challenge);

        Respond(call, 401, Challenge).Should().Be(TrunkCallAction.Answer);

        call.AnswerStatus.Should().Be(403);
        call.AnswerReason.Should().Contain("refused the route's credentials");
        call.State.Should().Be(TrunkCallState.Ended);
        harness.SessionsA.Should().Be(0);
        harness.Router.IsInRecovery("TRUNK_A", Routing.Ars.ArsDirection.Out, 1).Should().BeFalse("refused credentials are not a trunk outage");
    }

    [Fact]
    public void A_challenge_for_another_realm_is_not_answered()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();
        harness.Start(call);

        Respond(call, 401, "WWW-Authenticate: Digest realm=\"elsewhere\", nonce=\"n\"").Should().Be(TrunkCallAction.Answer);

        call.AnswerStatus.Should().Be(403);
        call.AnswerReason.Should().Contain("realm");
        harness.SessionsA.Should().Be(0);
    }

    [Fact]
    public void Every_challenge_header_is_read_and_SHA_256_is_preferred_over_MD5()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();
        harness.Start(call);

        Respond(
            call,
            401,
            "WWW-Authenticate: Basic realm=\"itsp.example\"",
            "WWW-Authenticate: Digest realm=\"other\", nonce=\"x\", algorithm=SHA-256",
            "WWW-Authenticate: Digest realm=\"itsp.example\", nonce=\"md5\", algorithm=MD5, qop=\"auth\"",
            "WWW-Authenticate: Digest realm=\"itsp.example\", nonce=\"sha\", algorithm=SHA-256, qop=\"auth\"")
            .Should().Be(TrunkCallAction.Send);

        var authorization = Header(call.Request, "Authorization")!;
        authorization.Should().Contain("algorithm=SHA-256").And.Contain("nonce=\"sha\"");
        DigestIsValid(authorization, "acct", "secret", "INVITE").Should().BeTrue();
    }

    [Fact]
    public void The_nonce_count_is_kept_across_calls_sharing_the_authenticator()
    {
        var harness = new TrunkCallHarness();
        using var first = harness.NewCall();
        using var second = harness.NewCall();
        harness.Start(first);
        harness.Start(second);

        Respond(first, 401, Challenge);
        Respond(second, 401, Challenge);

        Header(first.Request, "Authorization").Should().Contain("nc=00000001");
        Header(second.Request, "Authorization").Should().Contain("nc=00000002");
    }

    [Fact]
    public void A_challenge_without_route_credentials_is_not_answered()
    {
        var harness = new TrunkCallHarness(TrunkCallHarness.Routes.Replace("[Credentials]\nUser: acct\nPassword: secret\nRealm: itsp.example\n", "", StringComparison.Ordinal));
        using var call = harness.NewCall();
        harness.Start(call);

        Respond(call, 401, Challenge).Should().Be(TrunkCallAction.Answer);

        call.AnswerReason.Should().Contain("credentials the route does not have");
        harness.SessionsA.Should().Be(0);
    }

    [Fact]
    public void A_failover_status_moves_the_call_to_the_next_trunk_written_afresh_and_the_first_recovers_later()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();
        harness.Start(call);
        Respond(call, 401, Challenge);

        Respond(call, 503).Should().Be(TrunkCallAction.Send);

        call.RouteName.Should().Be("TRUNK_B");
        Text(call.Target).Should().Be("127.0.0.1:5080");
        Header(call.Request, "To").Should().Be("<sip:0312345678@backup.example>");
        Header(call.Request, "Authorization").Should().BeNull("the next trunk gets the request written afresh");
        Header(call.Request, "CSeq").Should().Be("1 INVITE");
        call.CSeqOffset.Should().Be(0);
        harness.SessionsA.Should().Be(0);
        harness.SessionsB.Should().Be(1);
        harness.Router.IsInRecovery("TRUNK_A", Routing.Ars.ArsDirection.Out, 1).Should().BeTrue();

        using var next = harness.NewCall();
        harness.Start(next, Invite(callId: "call-2"));
        next.RouteName.Should().Be("TRUNK_B", "the failed trunk is passed over during its recovery time");

        harness.Time.Advance(TimeSpan.FromSeconds(30));
        using var later = harness.NewCall();
        harness.Start(later, Invite(callId: "call-3"));
        later.RouteName.Should().Be("TRUNK_A", "the recovery time has passed");
    }

    [Fact]
    public void A_status_that_does_not_fail_over_is_the_callers_final_answer()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();
        harness.Start(call);

        Respond(call, 486).Should().Be(TrunkCallAction.Relay);

        call.State.Should().Be(TrunkCallState.Ended);
        harness.SessionsA.Should().Be(0);
        harness.Router.IsInRecovery("TRUNK_A", Routing.Ars.ArsDirection.Out, 1).Should().BeFalse();
        Respond(call, 486).Should().Be(TrunkCallAction.Relay, "a retransmitted final answer still goes to the caller");
        harness.SessionsA.Should().Be(0);
    }

    [Fact]
    public void When_the_last_trunk_fails_over_its_answer_is_relayed()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();
        harness.Start(call);
        Respond(call, 503);

        Respond(call, 503).Should().Be(TrunkCallAction.Relay);

        call.State.Should().Be(TrunkCallState.Ended);
        harness.SessionsA.Should().Be(0);
        harness.SessionsB.Should().Be(0);
    }

    [Fact]
    public void The_response_timeout_moves_the_call_to_the_next_trunk()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();
        harness.Start(call);

        harness.Time.Advance(TimeSpan.FromMilliseconds(2999));
        harness.TimedOut.Should().BeEmpty();
        call.OnResponseTimeout().Should().Be(TrunkCallAction.None, "the deadline has not passed");
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));

        harness.TimedOut.Should().ContainSingle().Which.Should().BeSameAs(call);
        call.OnResponseTimeout().Should().Be(TrunkCallAction.Send);
        call.RouteName.Should().Be("TRUNK_B");
        harness.SessionsA.Should().Be(0);
        harness.SessionsB.Should().Be(1);
        harness.Router.IsInRecovery("TRUNK_A", Routing.Ars.ArsDirection.Out, 1).Should().BeTrue();
        call.OnResponseTimeout().Should().Be(TrunkCallAction.None, "a repeated timeout event is ignored");
    }

    [Fact]
    public void A_timeout_on_a_trunk_that_does_not_fail_over_on_timeouts_answers_408()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();
        harness.Start(call);
        harness.Time.Advance(TimeSpan.FromSeconds(3));
        call.OnResponseTimeout().Should().Be(TrunkCallAction.Send);

        harness.Time.Advance(TimeSpan.FromSeconds(8));

        harness.TimedOut.Should().HaveCount(2);
        call.OnResponseTimeout().Should().Be(TrunkCallAction.Answer);
        call.AnswerStatus.Should().Be(408);
        harness.SessionsB.Should().Be(0);
        harness.Router.IsInRecovery("TRUNK_B", Routing.Ars.ArsDirection.Out, 1).Should().BeFalse();
    }

    [Fact]
    public void A_2xx_arriving_after_the_timeout_was_declared_is_a_stray_dialog_to_close()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();
        harness.Start(call);
        var first = call.Attempt;
        harness.Time.Advance(TimeSpan.FromSeconds(3));
        call.OnResponseTimeout().Should().Be(TrunkCallAction.Send);

        Respond(call, first, 180).Should().Be(TrunkCallAction.None);
        Respond(call, first, 200).Should().Be(TrunkCallAction.CloseStrayDialog);

        call.State.Should().Be(TrunkCallState.Calling);
        call.RouteName.Should().Be("TRUNK_B");
        harness.SessionsA.Should().Be(0);
        harness.SessionsB.Should().Be(1);
        Respond(call, 200).Should().Be(TrunkCallAction.Relay);
        call.State.Should().Be(TrunkCallState.Established);
    }

    [Fact]
    public void A_response_to_another_method_is_not_an_event_of_the_call()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();
        harness.Start(call);
        var bytes = System.Text.Encoding.UTF8.GetBytes(Text(Response(200, 1)).Replace("1 INVITE", "1 CANCEL", StringComparison.Ordinal));
        var index = new Routing.Sip.SipMessageIndex();
        Routing.Sip.SipParser.TryParseDatagram(bytes, index, out var response);

        call.OnResponse(call.Attempt, response).Should().Be(TrunkCallAction.None);
        call.State.Should().Be(TrunkCallState.Calling);
    }

    [Fact]
    public void A_CANCEL_while_calling_ends_the_session_and_the_trunks_487_goes_to_the_caller()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();
        harness.Start(call);
        Respond(call, 180);

        call.OnCancel().Should().Be(TrunkCallAction.Cancel);

        harness.SessionsA.Should().Be(0);
        call.State.Should().Be(TrunkCallState.Ended);
        call.OnCancel().Should().Be(TrunkCallAction.None);
        Respond(call, 487).Should().Be(TrunkCallAction.Relay);
        harness.SessionsA.Should().Be(0);
        harness.Router.IsInRecovery("TRUNK_A", Routing.Ars.ArsDirection.Out, 1).Should().BeFalse();
    }

    [Fact]
    public void A_CANCEL_during_a_challenge_cancels_the_request_with_credentials()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();
        harness.Start(call);
        Respond(call, 401, Challenge);
        var retry = call.Attempt;

        call.OnCancel().Should().Be(TrunkCallAction.Cancel);

        call.Attempt.Should().Be(retry, "the CANCEL follows the request as it now is");
        Header(call.Request, "CSeq").Should().Be("2 INVITE");
        harness.SessionsA.Should().Be(0);
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        harness.TimedOut.Should().BeEmpty();
        Respond(call, 401, Challenge).Should().Be(TrunkCallAction.Relay, "the trunk's final answer after the CANCEL goes to the caller");
        harness.SessionsA.Should().Be(0);
    }

    [Fact]
    public void Max_Sessions_passes_a_full_trunk_over_for_the_next()
    {
        var harness = new TrunkCallHarness();
        using var one = harness.NewCall();
        using var two = harness.NewCall();
        using var three = harness.NewCall();

        harness.Start(one);
        harness.Start(two, Invite(callId: "call-2"));
        harness.Start(three, Invite(callId: "call-3"));

        one.RouteName.Should().Be("TRUNK_A");
        two.RouteName.Should().Be("TRUNK_A");
        three.RouteName.Should().Be("TRUNK_B");
        harness.SessionsA.Should().Be(2);
        harness.SessionsB.Should().Be(1);

        one.End();
        two.Dispose();
        three.OnCancel();
        harness.SessionsA.Should().Be(0);
        harness.SessionsB.Should().Be(0);
    }

    [Fact]
    public void When_every_trunk_is_full_the_caller_gets_the_all_busy_status()
    {
        var harness = new TrunkCallHarness(TrunkCallHarness.Routes.Replace("Priority: 2", "Priority: 2\nMax Sessions: 0", StringComparison.Ordinal));
        using var one = harness.NewCall();
        using var two = harness.NewCall();
        using var three = harness.NewCall();
        harness.Start(one);
        harness.Start(two, Invite(callId: "call-2"));

        harness.Start(three, Invite(callId: "call-3")).Should().Be(TrunkCallAction.Answer);

        three.AnswerStatus.Should().Be(503);
        three.HoldsSession.Should().BeFalse();
        harness.SessionsA.Should().Be(2);
    }

    [Fact]
    public void A_request_no_route_matches_is_answered_404()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();

        harness.Start(call, Invite(number: "alice")).Should().Be(TrunkCallAction.Answer);

        call.AnswerStatus.Should().Be(404);
        call.State.Should().Be(TrunkCallState.Ended);
    }

    [Fact]
    public void Starting_a_call_in_progress_is_refused_and_an_ended_call_starts_again()
    {
        var harness = new TrunkCallHarness();
        using var call = harness.NewCall();
        harness.Start(call);

        var again = () => harness.Start(call);

        again.Should().Throw<InvalidOperationException>();
        harness.SessionsA.Should().Be(1);
        call.End();
        harness.Start(call).Should().Be(TrunkCallAction.Send);
        harness.SessionsA.Should().Be(1);
    }

    [Theory]
    [InlineData("idle")]
    [InlineData("calling")]
    [InlineData("ringing")]
    [InlineData("authenticating")]
    [InlineData("failed-over")]
    [InlineData("established")]
    [InlineData("cancelled")]
    [InlineData("answered")]
    [InlineData("ended")]
    public void Disposing_at_any_state_gives_the_session_back_once(string state)
    {
        var harness = new TrunkCallHarness();
        using var other = harness.NewCall();
        harness.Start(other, Invite(callId: "other"));
        var call = harness.NewCall();
        if (state != "idle")
        {
            harness.Start(call);
        }

        switch (state)
        {
            case "ringing": Respond(call, 180); break;
            case "authenticating": Respond(call, 401, Challenge); break;
            case "failed-over": Respond(call, 503); break;
            case "established": Respond(call, 200); break;
            case "cancelled": call.OnCancel(); break;
            case "answered": Respond(call, 486); break;
            case "ended": Respond(call, 200); call.End(); break;
        }

        call.Dispose();
        call.Dispose();

        call.HoldsSession.Should().BeFalse();
        harness.SessionsA.Should().Be(1, "only the other call's session is left");
        harness.SessionsB.Should().Be(0);
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        harness.TimedOut.Should().ContainSingle("only the other call still waits for a response").Which.Should().BeSameAs(other);
    }

    [Fact]
    public void An_exception_while_handling_an_event_gives_the_session_back()
    {
        var harness = new TrunkCallHarness();
        using var call = new TrunkCall(harness.Router, responseTimedOut: null, new DigestAuthenticator(new ThrowingCnonce()), pool: null);
        harness.Start(call);

        var respond = () => Respond(call, 401, Challenge);

        respond.Should().Throw<InvalidOperationException>();
        call.State.Should().Be(TrunkCallState.Ended);
        harness.SessionsA.Should().Be(0);
    }

    [Fact]
    public void Without_a_timeout_callback_the_host_calls_at_the_deadline()
    {
        var harness = new TrunkCallHarness();
        using var call = new TrunkCall(harness.Router);
        harness.Start(call);

        harness.Time.Advance(call.ResponseDeadline - harness.Time.GetUtcNow());

        call.OnResponseTimeout().Should().Be(TrunkCallAction.Send);
        call.RouteName.Should().Be("TRUNK_B");
    }

    [Fact]
    public void A_pooled_call_returns_on_dispose_and_ignores_responses_to_its_previous_use()
    {
        var harness = new TrunkCallHarness();
        var pool = harness.NewPool();
        var call = pool.Rent();
        harness.Start(call);
        var old = call.Attempt;
        call.Dispose();

        var reused = pool.Rent();

        reused.Should().BeSameAs(call);
        reused.State.Should().Be(TrunkCallState.Idle);
        harness.Start(reused);
        Respond(reused, old, 200).Should().Be(TrunkCallAction.CloseStrayDialog);
        reused.State.Should().Be(TrunkCallState.Calling);
        harness.SessionsA.Should().Be(1);
        reused.Dispose();
        reused.Dispose();
        harness.SessionsA.Should().Be(0);
        pool.Rent().Should().BeSameAs(call);
        pool.Rent().Should().NotBeSameAs(call, "a call disposed twice is pooled once");
    }

    private sealed class ThrowingCnonce : ICnonceSource
    {
        public string NextCnonce() => throw new InvalidOperationException("no randomness");
    }
}
