using System.Runtime.CompilerServices;

namespace AlwaysConnected.Routing.Requests;

/// <summary>
/// The working tables an engine reuses from request to request, kept by the decision (one per worker)
/// so that routing allocates nothing once they have grown. The decision knows no engine: each engine
/// asks for its own tables by type; they are created on its first use and then reused.
/// </summary>
/// <remarks>Not thread-safe, like the decision that owns it.</remarks>
internal sealed class DecisionScratch
{
    // The first engine's tables are one type test away (the hot path); any further engine's are found
    // in a short list, which stays empty today (ARS keeps its working tables in its selection).
    private object? _first;
    private object[] _others = [];

    /// <summary>The tables of type <typeparamref name="T"/>, created on first use.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Get<T>()
        where T : class, new() => _first as T ?? GetOther<T>();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private T GetOther<T>()
        where T : class, new()
    {
        if (_first is null)
        {
            var first = new T();
            _first = first;
            return first;
        }

        foreach (var other in _others)
        {
            if (other is T found)
            {
                return found;
            }
        }

        var tables = new T();
        _others = [.. _others, tables];
        return tables;
    }
}
