using System.Runtime.CompilerServices;

namespace AlwaysConnected.Routing.DialPlan.Evaluation;

/// <summary>Inline storage for the evaluated arguments of one function call (no heap array).</summary>
[InlineArray(MaxArguments)]
internal struct ValueRefBuffer
{
    /// <summary>The most arguments a dial plan function takes.</summary>
    public const int MaxArguments = 8;

#pragma warning disable IDE0044, IDE0051 // The single field is the inline array's element storage.
    private ValueRef _element;
#pragma warning restore IDE0044, IDE0051
}
