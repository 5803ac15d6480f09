using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Registration;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Tests.Ars.Registration;

public class TrunkRegistrarTests
{
    private const string Challenge = "WWW-Authenticate: Digest realm=\"itsp.example\", nonce=\"n-1\", algorithm=MD5";

    [Fact]
    public async Task First_REGISTER_names_the_account_the_host_and_the_route_expiry()
    {
        await using var h = new RegistrarHarness();

        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));

        h.Sent.Should().ContainSingle();
        var request = h.Last;
        request.Host.Should().Be("203.0.113.5");
        request.Port.Should().Be(5070);
        request.RouteName.Should().Be("itsp");
        RegistrarHarness.RequestLine(request).Should().Be("REGISTER sip:itsp.example SIP/2.0");
        RegistrarHarness.Header(request, "To").Should().Be("<sip:acct@itsp.example>");
        RegistrarHarness.Header(request, "From").Should().StartWith("<sip:acct@itsp.example>;tag=");
        RegistrarHarness.Header(request, "Contact").Should().Be("<sip:acct@192.0.2.10:5060>");
        RegistrarHarness.Header(request, "Via").Should().StartWith("SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK");
        RegistrarHarness.Header(request, "Expires").Should().Be("60");
        RegistrarHarness.Header(request, "CSeq").Should().Be("1 REGISTER");
        RegistrarHarness.Header(request, "Call-ID").Should().Be(request.CallId);
        SipParser.TryParseDatagram(request.Message.Span, new SipMessageIndex(), out _).Should().Be(OperationStatus.Done);
        h.Registrar.GetState("itsp")!.Status.Should().Be(TrunkRegistrationStatus.Registering);
    }

    [Fact]
    public async Task Challenge_is_answered_once_with_the_registration_credentials_then_the_binding_is_registered()
    {
        await using var h = new RegistrarHarness();
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));
        var first = h.Last;

        h.Respond(401, "Unauthorized", Challenge).Should().BeTrue();

        h.Sent.Should().HaveCount(2);
        var answer = h.Last;
        answer.CallId.Should().Be(first.CallId);
        RegistrarHarness.Header(answer, "CSeq").Should().Be("2 REGISTER");
        RegistrarHarness.Header(answer, "From").Should().Be(RegistrarHarness.Header(first, "From"));
        var expected = Md5($"{Md5("acct:itsp.example:secret")}:n-1:{Md5("REGISTER:sip:itsp.example")}");
        RegistrarHarness.Header(answer, "Authorization").Should()
            .Contain("username=\"acct\"").And.Contain("uri=\"sip:itsp.example\"").And.Contain($"response=\"{expected}\"");

        h.Respond(200, "OK", "Contact: <sip:acct@192.0.2.10:5060>;expires=40", "Expires: 3600").Should().BeTrue();

        var state = h.Registrar.GetState("itsp")!;
        state.Status.Should().Be(TrunkRegistrationStatus.Registered);
        state.ExpiresAt.Should().Be(h.Time.GetUtcNow().AddSeconds(40), "the Contact's expires parameter of our binding wins over the Expires header");
        state.NextAttemptAt.Should().Be(h.Time.GetUtcNow().AddSeconds(20), "the route refreshes at 50 % of the granted expiry");
        h.Changes.Select(c => c.Status).Should().Equal(TrunkRegistrationStatus.Registering, TrunkRegistrationStatus.Registered);
    }

    [Fact]
    public async Task Refresh_keeps_the_Call_ID_increments_the_CSeq_and_comes_at_the_update_percentage()
    {
        await using var h = new RegistrarHarness();
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));
        h.Respond(200, "OK", "Expires: 30", "Contact: <sip:other@198.51.100.1>;expires=999");

        h.Time.Advance(TimeSpan.FromSeconds(14.9));
        h.Sent.Should().ContainSingle("the refresh is due at 50 % of the 30 s the Expires header granted");
        h.Time.Advance(TimeSpan.FromSeconds(0.1));

        h.Sent.Should().HaveCount(2);
        h.Last.CallId.Should().Be(h.Sent[0].CallId);
        RegistrarHarness.Header(h.Last, "CSeq").Should().Be("2 REGISTER");
        h.Registrar.GetState("itsp")!.Status.Should().Be(TrunkRegistrationStatus.Registered, "a refresh does not drop an active binding");

        h.Respond(200, "OK", "Contact: <sip:acct@192.0.2.10:5060>;expires=30");
        h.Registrar.GetState("itsp")!.ExpiresAt.Should().Be(h.Time.GetUtcNow().AddSeconds(30));
    }

    [Fact]
    public async Task Same_nonce_twice_is_a_failure_and_the_next_attempt_waits_the_backoff()
    {
        await using var h = new RegistrarHarness();
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));
        h.Respond(401, "Unauthorized", Challenge);

        h.Respond(401, "Unauthorized", Challenge);

        h.Sent.Should().HaveCount(2, "the same challenge is not answered twice");
        var state = h.Registrar.GetState("itsp")!;
        state.Status.Should().Be(TrunkRegistrationStatus.Failed);
        state.StatusCode.Should().Be(401);
        state.Reason.Should().Contain("same nonce");
        state.NextAttemptAt.Should().Be(h.Time.GetUtcNow() + h.Options.InitialRetryDelay);

        h.Time.Advance(h.Options.InitialRetryDelay);
        h.Sent.Should().HaveCount(3);
        RegistrarHarness.Header(h.Last, "Authorization").Should().BeNull("a new attempt starts without credentials");
        h.Registrar.GetState("itsp")!.Status.Should().Be(TrunkRegistrationStatus.Registering);
    }

    [Fact]
    public async Task Forbidden_is_a_failure_with_its_status()
    {
        await using var h = new RegistrarHarness();
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));
        h.Respond(401, "Unauthorized", Challenge);

        h.Respond(403, "Forbidden");

        var state = h.Registrar.GetState("itsp")!;
        state.Status.Should().Be(TrunkRegistrationStatus.Failed);
        state.StatusCode.Should().Be(403);
        state.Reason.Should().StartWith("Forbidden");
    }

    [Fact]
    public async Task Challenge_without_credentials_is_a_failure()
    {
        await using var h = new RegistrarHarness();
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route(registration: new RouteRegistration("sip:acct@itsp.example"))));

        h.Respond(401, "Unauthorized", Challenge);

        h.Sent.Should().ContainSingle();
        h.Registrar.GetState("itsp")!.Reason.Should().Contain("no User");
    }

    [Fact]
    public async Task Interval_too_brief_is_sent_again_at_once_with_the_Min_Expires()
    {
        await using var h = new RegistrarHarness();
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));

        h.Respond(423, "Interval Too Brief", "Min-Expires: 120");

        h.Sent.Should().HaveCount(2);
        RegistrarHarness.Header(h.Last, "Expires").Should().Be("120");
        h.Respond(200, "OK", "Contact: <sip:acct@192.0.2.10:5060>;expires=120");
        h.Registrar.GetState("itsp")!.ExpiresAt.Should().Be(h.Time.GetUtcNow().AddSeconds(120));

        h.Time.Advance(TimeSpan.FromSeconds(60));
        RegistrarHarness.Header(h.Last, "Expires").Should().Be("120", "the refresh keeps asking for what the registrar accepts");
    }

    [Fact]
    public async Task Interval_too_brief_without_a_longer_Min_Expires_is_a_failure()
    {
        await using var h = new RegistrarHarness();
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));

        h.Respond(423, "Interval Too Brief", "Min-Expires: 30");

        h.Sent.Should().ContainSingle();
        h.Registrar.GetState("itsp")!.StatusCode.Should().Be(423);
    }

    [Fact]
    public async Task Retry_After_sets_the_next_attempt()
    {
        await using var h = new RegistrarHarness();
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));

        h.Respond(503, "Service Unavailable", "Retry-After: 30 (maintenance);duration=60");

        var state = h.Registrar.GetState("itsp")!;
        state.Status.Should().Be(TrunkRegistrationStatus.Failed);
        state.StatusCode.Should().Be(503);
        state.NextAttemptAt.Should().Be(h.Time.GetUtcNow().AddSeconds(30));
        h.Time.Advance(TimeSpan.FromSeconds(29));
        h.Sent.Should().ContainSingle();
        h.Time.Advance(TimeSpan.FromSeconds(1));
        h.Sent.Should().HaveCount(2);
    }

    [Fact]
    public async Task Failures_in_a_row_back_off_exponentially_up_to_the_bound_and_success_resets_it()
    {
        await using var h = new RegistrarHarness(new TrunkRegistrarOptions
        {
            ContactAddress = "192.0.2.10:5060",
            RetryJitter = 0,
            RetransmitInterval = TimeSpan.Zero,
            InitialRetryDelay = TimeSpan.FromSeconds(1),
            MaxRetryDelay = TimeSpan.FromSeconds(5),
        });
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            h.Respond(500, "Server Internal Error");
            var state = h.Registrar.GetState("itsp")!;
            delays.Add(state.NextAttemptAt!.Value - h.Time.GetUtcNow());
            h.Time.Advance(delays[^1]);
        }

        delays.Should().Equal(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        h.Respond(200, "OK", "Expires: 60");
        h.Time.Advance(TimeSpan.FromSeconds(30));
        h.Respond(500, "Server Internal Error");
        (h.Registrar.GetState("itsp")!.NextAttemptAt - h.Time.GetUtcNow()).Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Jitter_spreads_the_delay_within_its_fraction()
    {
        await using var h = new RegistrarHarness(new TrunkRegistrarOptions
        {
            ContactAddress = "192.0.2.10:5060",
            RetryJitter = 0.5,
            RetransmitInterval = TimeSpan.Zero,
            InitialRetryDelay = TimeSpan.FromSeconds(10),
            MaxRetryDelay = TimeSpan.FromSeconds(100),
        });
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));

        h.Respond(500, "Server Internal Error");

        (h.Registrar.GetState("itsp")!.NextAttemptAt - h.Time.GetUtcNow()).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(5)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task No_answer_retransmits_over_UDP_then_fails_with_408()
    {
        await using var h = new RegistrarHarness(new TrunkRegistrarOptions
        {
            ContactAddress = "192.0.2.10:5060",
            RetryJitter = 0,
            RetransmitInterval = TimeSpan.FromMilliseconds(500),
            ResponseTimeout = TimeSpan.FromSeconds(8),
        });
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));

        h.Time.Advance(TimeSpan.FromSeconds(7.9));
        h.Sent.Should().HaveCount(5, "retransmissions at 0.5, 1.5, 3.5 and 7.5 s");
        h.Sent.Select(s => RegistrarHarness.Header(s, "CSeq")).Distinct().Should().ContainSingle("a retransmission is the same request");
        h.Time.Advance(TimeSpan.FromSeconds(0.1));

        var state = h.Registrar.GetState("itsp")!;
        state.Status.Should().Be(TrunkRegistrationStatus.Failed);
        state.StatusCode.Should().Be(408);
    }

    [Fact]
    public async Task Responses_to_other_Call_IDs_are_not_taken_and_stale_answers_are_ignored()
    {
        await using var h = new RegistrarHarness();
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));
        var first = h.Last;
        h.Respond(401, "Unauthorized", Challenge);

        h.Respond(first, 200, "OK", "Expires: 60").Should().BeTrue("the Call-ID is the registration's");
        h.Registrar.GetState("itsp")!.Status.Should().Be(TrunkRegistrationStatus.Registering, "an answer to CSeq 1 does not answer CSeq 2");

        var other = Encoding.UTF8.GetBytes("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bKx\r\nCall-ID: someone-else\r\nCSeq: 1 INVITE\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nContent-Length: 0\r\n\r\n");
        var index = new SipMessageIndex();
        SipParser.TryParseDatagram(other, index, out var message).Should().Be(OperationStatus.Done);
        h.Registrar.TryHandleResponse(message).Should().BeFalse();
    }

    [Fact]
    public async Task Offering_a_call_response_allocates_nothing()
    {
        await using var h = new RegistrarHarness();
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));
        var other = Encoding.UTF8.GetBytes("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bKx\r\nCall-ID: a-call-of-the-proxy@192.0.2.10\r\nCSeq: 1 INVITE\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nContent-Length: 0\r\n\r\n");
        var index = new SipMessageIndex();
        SipParser.TryParseDatagram(other, index, out var message).Should().Be(OperationStatus.Done);
        h.Registrar.TryHandleResponse(message);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            h.Registrar.TryHandleResponse(message);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Fact]
    public async Task Reload_with_the_same_registration_keeps_the_binding()
    {
        await using var h = new RegistrarHarness();
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));
        h.Respond(200, "OK", "Expires: 60");
        var registered = h.Registrar.GetState("itsp");

        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route(), new ArsRoute("other")));

        h.Sent.Should().ContainSingle("nothing changed for the route");
        h.Registrar.GetState("itsp").Should().Be(registered);
        h.Registrar.States.Should().ContainSingle();
    }

    [Fact]
    public async Task Reload_with_a_changed_registration_de_registers_the_old_binding_then_registers_the_new()
    {
        await using var h = new RegistrarHarness();
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));
        h.Respond(200, "OK", "Expires: 60");
        var old = h.Last;

        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route(registration: new RouteRegistration("sip:acct2@itsp.example", "203.0.113.5:5070", 120, 50, "acct2", "secret2"))));

        h.Sent.Should().HaveCount(2);
        h.Last.CallId.Should().Be(old.CallId);
        RegistrarHarness.Header(h.Last, "Expires").Should().Be("0");
        h.Registrar.GetState("itsp")!.Status.Should().Be(TrunkRegistrationStatus.Unregistered, "the new registration waits for the old binding to go");

        h.Respond(200, "OK").Should().BeTrue();

        // The new registration starts once the old one has stopped, on a continuation.
        SpinWait.SpinUntil(() => h.Sent.Count == 3, TimeSpan.FromSeconds(5)).Should().BeTrue();
        h.Last.CallId.Should().NotBe(old.CallId);
        RegistrarHarness.Header(h.Last, "To").Should().Be("<sip:acct2@itsp.example>");
        RegistrarHarness.Header(h.Last, "Expires").Should().Be("120");
        h.Registrar.GetState("itsp")!.Status.Should().Be(TrunkRegistrationStatus.Registering);
    }

    [Fact]
    public async Task Reload_without_the_route_de_registers_it_and_answers_a_challenge_to_do_so()
    {
        await using var h = new RegistrarHarness();
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));
        h.Respond(200, "OK", "Expires: 60");

        h.Registrar.Apply(RegistrarHarness.Definition(new ArsRoute("other")));

        RegistrarHarness.Header(h.Last, "Expires").Should().Be("0");
        h.Registrar.GetState("itsp").Should().BeNull();
        h.Respond(401, "Unauthorized", Challenge).Should().BeTrue();
        RegistrarHarness.Header(h.Last, "Expires").Should().Be("0");
        RegistrarHarness.Header(h.Last, "Authorization").Should().Contain("username=\"acct\"");
        h.Respond(200, "OK").Should().BeTrue();
        h.Changes[^1].Status.Should().Be(TrunkRegistrationStatus.Unregistered);

        h.Time.Advance(TimeSpan.FromHours(1));
        h.Sent.Should().HaveCount(3, "a removed route sends nothing more");
    }

    [Fact]
    public async Task Disabled_routes_and_routes_without_registration_are_not_registered()
    {
        await using var h = new RegistrarHarness();

        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route() with { Enabled = false }, new ArsRoute("plain")));

        h.Sent.Should().BeEmpty();
        h.Registrar.States.Should().BeEmpty();
    }

    [Fact]
    public async Task A_registration_that_cannot_be_written_is_failed_with_the_reason_and_never_sent()
    {
        await using var h = new RegistrarHarness();

        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route(registration: new RouteRegistration("tel:+331234"))));

        h.Sent.Should().BeEmpty();
        var state = h.Registrar.GetState("itsp")!;
        state.Status.Should().Be(TrunkRegistrationStatus.Failed);
        state.Reason.Should().Contain("tel:+331234");
        h.Time.Advance(TimeSpan.FromHours(1));
        h.Sent.Should().BeEmpty();
    }

    [Fact]
    public async Task Dispose_de_registers_waits_for_the_answer_and_leaves_nothing_running()
    {
        var h = new RegistrarHarness();
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));
        h.Respond(200, "OK", "Expires: 60");

        var disposing = h.Registrar.DisposeAsync().AsTask();

        RegistrarHarness.Header(h.Last, "Expires").Should().Be("0");
        RegistrarHarness.Header(h.Last, "Contact").Should().Be("<sip:acct@192.0.2.10:5060>");
        disposing.IsCompleted.Should().BeFalse("the registrar waits for the registrar's answer");
        h.Respond(200, "OK").Should().BeTrue();
        await disposing.WaitAsync(TimeSpan.FromSeconds(5));
        h.Registrar.GetState("itsp")!.Status.Should().Be(TrunkRegistrationStatus.Unregistered);

        var sent = h.Sent.Count;
        h.Time.Advance(TimeSpan.FromDays(1));
        h.Sent.Should().HaveCount(sent, "no timer is left");
        h.Registrar.Invoking(r => r.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()))).Should().Throw<ObjectDisposedException>();
        await h.Registrar.Invoking(r => r.DisposeAsync().AsTask()).Should().NotThrowAsync("disposing twice is harmless");
        h.Registrar.Invoking(r => r.Dispose()).Should().NotThrow();
    }

    [Fact]
    public async Task Each_template_row_registers_its_own_account_at_its_own_registrar_with_its_own_password()
    {
        await using var h = new RegistrarHarness();
        h.Registrar.Apply(ArsDefinition.Parse("""
            [Template itsp]
            [Registration]
            Register URI: sip:&v1@itsp.example
            Proxy: &v2:5070
            User: &v1
            Password: &v3
            [Row 1]
            &v1: acct1
            &v2: 192.0.2.31
            &v3: secret1
            [Row 2]
            &v1: acct2
            &v2: 192.0.2.32
            &v3: secret2
            Patterns - OUT 1
            [Deploy Patterns]
            Target: itsp.example
            """));

        h.Sent.Should().HaveCount(2);
        var byRoute = h.Sent.ToDictionary(r => r.RouteName);
        RegistrarHarness.Header(byRoute["itsp*1"], "To").Should().Be("<sip:acct1@itsp.example>");
        (byRoute["itsp*1"].Host, byRoute["itsp*1"].Port).Should().Be(("192.0.2.31", 5070));
        RegistrarHarness.Header(byRoute["itsp*2"], "To").Should().Be("<sip:acct2@itsp.example>");
        (byRoute["itsp*2"].Host, byRoute["itsp*2"].Port).Should().Be(("192.0.2.32", 5070));

        h.Respond(byRoute["itsp*2"], 401, "Unauthorized", "WWW-Authenticate: Digest realm=\"itsp.example\", nonce=\"n2\"").Should().BeTrue();
        var answer = RegistrarHarness.Header(h.Last, "Authorization");
        answer.Should().Contain("username=\"acct2\"");
        var expected = Md5($"{Md5("acct2:itsp.example:secret2")}:n2:{Md5("REGISTER:sip:itsp.example")}");
        answer.Should().Contain($"response=\"{expected}\"", "the row's own password answers the challenge");
    }

    [Fact]
    public async Task Dispose_during_a_refresh_waits_for_its_answer_before_de_registering()
    {
        var h = new RegistrarHarness();
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));
        h.Respond(200, "OK", "Expires: 60");
        h.Time.Advance(TimeSpan.FromSeconds(30));
        h.Sent.Should().HaveCount(2, "the refresh is in flight");
        var refresh = h.Last;

        var disposing = h.Registrar.DisposeAsync().AsTask();

        h.Sent.Should().HaveCount(2, "RFC 3261 10.2: no new REGISTER before the one in flight is answered");
        h.Respond(refresh, 401, "Unauthorized", "WWW-Authenticate: Digest realm=\"itsp.example\", nonce=\"n1\"").Should().BeTrue();
        h.Sent.Should().HaveCount(3);
        RegistrarHarness.Header(h.Last, "Expires").Should().Be("0", "the binding from the first REGISTER is still active");
        RegistrarHarness.Header(h.Last, "Authorization").Should().BeNull("the challenge to the refresh is not answered; the de-registration's own is");
        h.Respond(200, "OK").Should().BeTrue();
        await disposing.WaitAsync(TimeSpan.FromSeconds(5));
        h.Registrar.GetState("itsp")!.Status.Should().Be(TrunkRegistrationStatus.Unregistered);
    }

    [Fact]
    public async Task Dispose_during_the_first_REGISTER_de_registers_only_what_its_answer_granted()
    {
        var refused = new RegistrarHarness();
        refused.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));
        var disposing = refused.Registrar.DisposeAsync().AsTask();
        refused.Respond(403, "Forbidden").Should().BeTrue();
        await disposing.WaitAsync(TimeSpan.FromSeconds(5));
        refused.Sent.Should().ContainSingle("no binding exists, so there is nothing to remove");

        var granted = new RegistrarHarness();
        granted.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));
        disposing = granted.Registrar.DisposeAsync().AsTask();
        granted.Respond(200, "OK", "Expires: 60").Should().BeTrue();
        RegistrarHarness.Header(granted.Last, "Expires").Should().Be("0");
        granted.Respond(200, "OK").Should().BeTrue();
        await disposing.WaitAsync(TimeSpan.FromSeconds(5));
        granted.Sent.Should().HaveCount(2);

        var silent = new RegistrarHarness();
        silent.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));
        disposing = silent.Registrar.DisposeAsync().AsTask();
        silent.Time.Advance(silent.Options.ResponseTimeout);
        RegistrarHarness.Header(silent.Last, "Expires").Should().Be("0", "an unanswered REGISTER may have created a binding");
        silent.Time.Advance(silent.Options.ResponseTimeout);
        await disposing.WaitAsync(TimeSpan.FromSeconds(5));
        silent.Time.Advance(TimeSpan.FromDays(1));
        silent.Sent.Should().HaveCount(2, "no timer is left");
    }

    [Fact]
    public async Task Dispose_without_an_answer_gives_up_after_the_response_timeout()
    {
        var h = new RegistrarHarness();
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));
        h.Respond(200, "OK", "Expires: 60");

        var disposing = h.Registrar.DisposeAsync().AsTask();
        h.Time.Advance(h.Options.ResponseTimeout);

        await disposing.WaitAsync(TimeSpan.FromSeconds(5));
        h.Registrar.GetState("itsp")!.Status.Should().Be(TrunkRegistrationStatus.Unregistered);
        h.Registrar.GetState("itsp")!.StatusCode.Should().Be(408);
        var sent = h.Sent.Count;
        h.Time.Advance(TimeSpan.FromDays(1));
        h.Sent.Should().HaveCount(sent);
    }

    [Fact]
    public async Task Dispose_of_an_unregistered_trunk_sends_nothing_and_sync_Dispose_stops_at_once()
    {
        var h = new RegistrarHarness();
        h.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));
        h.Respond(500, "Server Internal Error");

        await h.Registrar.DisposeAsync();

        h.Sent.Should().ContainSingle("no binding was ever granted");
        h.Time.Advance(TimeSpan.FromDays(1));
        h.Sent.Should().ContainSingle();

        var second = new RegistrarHarness();
        second.Registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));
        second.Respond(200, "OK", "Expires: 60");
        second.Registrar.Dispose();
        second.Time.Advance(TimeSpan.FromDays(1));
        second.Sent.Should().ContainSingle("Dispose neither refreshes nor de-registers");
    }

    [Fact]
    public async Task Attach_follows_the_router_reloads()
    {
        await using var h = new RegistrarHarness();
        var router = new SipRouter(new RoutingModel(AlwaysConnected.Routing.DialPlan.DialPlanDefinition.Empty, RegistrarHarness.Definition(RegistrarHarness.Route())));

        h.Registrar.Attach(router);
        h.Sent.Should().ContainSingle();
        h.Respond(200, "OK", "Expires: 60");

        router.TryReload(new RoutingModel(AlwaysConnected.Routing.DialPlan.DialPlanDefinition.Empty, ArsDefinition.Empty), out _).Should().BeTrue();

        RegistrarHarness.Header(h.Last, "Expires").Should().Be("0");
        h.Registrar.GetState("itsp").Should().BeNull();
    }

    [Fact]
    public async Task A_sender_fault_is_a_failed_attempt_with_status_0()
    {
        var h = new RegistrarHarness();
        await using var registrar = new TrunkRegistrar(new FaultySender(), h.Options, h.Time);

        registrar.Apply(RegistrarHarness.Definition(RegistrarHarness.Route()));

        var state = registrar.GetState("itsp")!;
        state.Status.Should().Be(TrunkRegistrationStatus.Failed);
        state.StatusCode.Should().Be(0);
        state.Reason.Should().Contain("network down");
        await h.DisposeAsync();
    }

    [Fact]
    public void Options_without_a_contact_address_are_refused()
    {
        var create = () => new TrunkRegistrar(new FaultySender(), new TrunkRegistrarOptions());

        create.Should().Throw<ArgumentException>().WithMessage("*ContactAddress*");
    }

    private static string Md5(string text) =>
#pragma warning disable CA5351 // the digest under test is MD5
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    private sealed class FaultySender : ITrunkRegistrationSender
    {
        public ValueTask SendAsync(TrunkRegisterRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromException(new IOException("network down"));
    }
}
