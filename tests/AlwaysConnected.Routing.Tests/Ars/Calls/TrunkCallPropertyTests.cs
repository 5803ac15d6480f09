using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Calls;
using static AlwaysConnected.Routing.Tests.Ars.Calls.TrunkCallHarness;

namespace AlwaysConnected.Routing.Tests.Ars.Calls;

/// <summary>
/// Random sequences of call events (seeded, so a failure replays) never leak a session or give one back twice:
/// after every event each block counts exactly the calls that hold its session, never more than its Max Sessions
/// and never below zero, and everything is back to zero at the end.
/// </summary>
public class TrunkCallPropertyTests
{
    private static readonly int[] Statuses = [100, 180, 183, 200, 401, 407, 408, 486, 487, 500, 503];

    private static readonly string[] Challenges =
    [
        "WWW-Authenticate: Digest realm=\"itsp.example\", nonce=\"n\", qop=\"auth\"",
        "Proxy-Authenticate: Digest realm=\"itsp.example\", nonce=\"p\"",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void No_sequence_of_events_leaks_or_double_releases_a_session(int seed)
    {
        var random = new Random(seed);
        var harness = new TrunkCallHarness();
        var pool = harness.NewPool(capacity: 4);
        var calls = new List<TrunkCall>();
        var oldAttempts = new List<long>();
        for (var step = 0; step < 600; step++)
        {
            if (calls.Count < 5 && random.Next(4) == 0)
            {
                calls.Add(random.Next(2) == 0 ? pool.Rent() : harness.NewCall());
            }

            if (calls.Count == 0)
            {
                continue;
            }

            var call = calls[random.Next(calls.Count)];
            switch (random.Next(9))
            {
                case 0 or 1:
                    if (call.State is TrunkCallState.Idle or TrunkCallState.Ended)
                    {
                        harness.Start(call, Invite(callId: $"c{step}"));
                    }

                    break;
                case 2 or 3 or 4:
                    if (call.State is not (TrunkCallState.Idle))
                    {
                        var status = Statuses[random.Next(Statuses.Length)];
                        var attempt = random.Next(5) == 0 && oldAttempts.Count > 0 ? oldAttempts[random.Next(oldAttempts.Count)] : call.Attempt;
                        oldAttempts.Add(call.Attempt);
                        Respond(call, attempt, status, status is 401 or 407 ? Challenges[status == 401 ? 0 : 1] : "X-Test: 1");
                    }

                    break;
                case 5:
                    harness.Time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 9000)));
                    foreach (var timedOut in harness.TimedOut.ToArray())
                    {
                        timedOut.OnResponseTimeout();
                    }

                    harness.TimedOut.Clear();
                    break;
                case 6:
                    call.OnCancel();
                    break;
                case 7:
                    call.End();
                    break;
                default:
                    call.Dispose();
                    calls.Remove(call);
                    break;
            }

            AssertCountsMatch(harness, calls, step, seed);
        }

        foreach (var call in calls)
        {
            call.Dispose();
        }

        harness.SessionsA.Should().Be(0);
        harness.SessionsB.Should().Be(0);
    }

    private static void AssertCountsMatch(TrunkCallHarness harness, List<TrunkCall> calls, int step, int seed)
    {
        var holdingA = calls.Count(c => c.HoldsSession && c.RouteName == "TRUNK_A");
        var holdingB = calls.Count(c => c.HoldsSession && c.RouteName == "TRUNK_B");
        harness.SessionsA.Should().Be(holdingA, $"seed {seed}, step {step}: TRUNK_A counts exactly the calls holding its session");
        harness.SessionsB.Should().Be(holdingB, $"seed {seed}, step {step}: TRUNK_B counts exactly the calls holding its session");
        harness.SessionsA.Should().BeInRange(0, 2, "TRUNK_A's Max Sessions is 2");
        calls.Where(c => c.HoldsSession).All(c => c.State is TrunkCallState.Calling or TrunkCallState.Authenticating or TrunkCallState.Established)
            .Should().BeTrue($"seed {seed}, step {step}: only a call in progress holds a session");
    }
}
