using System.Text;
using AlwaysConnected.Routing.Presets;

namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>The router and INVITE the pipeline benchmarks share.</summary>
internal static class PipelineSetup
{
    public static SipRouter Router() => Builder().Build();

    /// <summary>The same router with its run-time state kept elsewhere (e.g. shared on Redis).</summary>
    public static SipRouter Router(SipRouterOptions options, Services.RoutingServices services) =>
        Builder().WithOptions(options).WithServices(services).Build();

    private static SipRouterBuilder Builder() => new SipRouterBuilder()
        .UseAlwaysConnected(o =>
        {
            o.ItspDomain = "itsp.example.net";
            o.Account = "0312345678";
            o.RequiresAuthentication = true;
            o.TrunkTarget = "itsp.example.net:5060";
            o.Password = "s3cret";
        });

    public static byte[] Invite() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "media-server-invite.sip"));

    /// <summary>Runs the flow once and checks it reached the trunk, so a broken setup fails loudly instead of measuring nothing.</summary>
    public static void Verify(PipelineWorker worker)
    {
        if (worker.Run() == 0)
        {
            throw new InvalidOperationException("The pipeline did not reach the trunk.");
        }

        var text = Encoding.ASCII.GetString(worker.Output);
        if (!text.StartsWith("INVITE sip:09012345678@itsp.example.net", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Unexpected request to the trunk:\n" + text);
        }
    }
}
