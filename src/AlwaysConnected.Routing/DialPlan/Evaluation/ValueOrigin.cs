namespace AlwaysConnected.Routing.DialPlan.Evaluation;

/// <summary>Where the bytes of a <see cref="ValueRef"/> live.</summary>
internal enum ValueOrigin : byte
{
    /// <summary>No value: an absent header or a function that returned null.</summary>
    Null,

    /// <summary>A slice of the request's own bytes.</summary>
    Message,

    /// <summary>A slice of the decision's arena (a computed value).</summary>
    Arena,
}
