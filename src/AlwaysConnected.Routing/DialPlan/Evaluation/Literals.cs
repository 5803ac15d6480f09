namespace AlwaysConnected.Routing.DialPlan.Evaluation;

/// <summary>Shared literal values, so boolean and common results never allocate.</summary>
internal static class Literals
{
    public static readonly byte[] True = "true"u8.ToArray();
    public static readonly byte[] False = "false"u8.ToArray();
    public static readonly byte[] Empty = [];
}
