using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Ars.Compilation;

/// <summary>A pattern block compiled for evaluation; immutable apart from its shared run-time state.</summary>
internal sealed class CompiledBlock
{
    public required ArsRoute Route { get; init; }

    private readonly ArsPatternBlock _block = null!;

    public required ArsPatternBlock Block
    {
        get => _block;
        init
        {
            // Copied out of the model once: the evaluator reads them for every candidate.
            _block = value;
            Number = value.Number;
            Priority = value.Priority;
            MaxSessions = value.MaxSessions;
            Direction = value.Direction;
        }
    }

    /// <summary>The label decisions and traces carry, e.g. <c>route-2 OUT 1</c>.</summary>
    public required string Label { get; init; }

    public required CompiledPattern? To { get; init; }

    public required CompiledPattern? From { get; init; }

    public required CompiledSlot[] Slots { get; init; }

    public required int PluginGroupCount { get; init; }

    public required ValueTemplate? DeployTo { get; init; }

    public required ValueTemplate? DeployFrom { get; init; }

    public required CompiledCustom[] Custom { get; init; }

    /// <summary>The trunk target as written (after variables), or null.</summary>
    public required byte[]? Target { get; init; }

    /// <summary>The trunk's <c>host[:port]</c>, the Request-URI's new host part.</summary>
    public required byte[]? TrunkHostPort { get; init; }

    /// <summary>The trunk's host alone, the To URI's new host part.</summary>
    public required byte[]? TrunkHost { get; init; }

    public required TrunkCredentials? Credentials { get; init; }

    /// <summary>For an IN block of a route that accepts inbound calls only from its registered trunk: what tells that trunk apart; else null.</summary>
    public RegisteredTrunkSource? InboundSource { get; init; }

    public required BlockState State { get; init; }

    /// <summary>The To pattern's literal user prefix (after <c>sip:</c>) used by the index, or null.</summary>
    public required byte[]? IndexKey { get; init; }

    public string RouteName => Route.Name;

    public int Number { get; private init; }

    public int Priority { get; private init; }

    public int MaxSessions { get; private init; }

    public ArsDirection Direction { get; private init; }

    public TrunkConnection? Trunk => Block.Trunk;

    public FailoverPolicy Failover => Block.Trunk?.Failover ?? FailoverPolicy.Default;

    public TimeSpan RecoveryTime => Block.Trunk?.RecoveryTime ?? TrunkConnection.DefaultRecoveryTime;
}
