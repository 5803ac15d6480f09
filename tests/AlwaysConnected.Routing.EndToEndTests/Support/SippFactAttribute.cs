namespace AlwaysConnected.Routing.EndToEndTests.Support;

/// <summary>A fact that is skipped, with the reason shown, when sipp is not installed (xunit 2.9 has no dynamic skip).</summary>
public sealed class SippFactAttribute : FactAttribute
{
    public SippFactAttribute()
    {
        if (Sipp.Path is null)
        {
            Skip = "sipp is not installed (Debian package sip-tester: apt-get install -y sip-tester)";
        }
    }
}
