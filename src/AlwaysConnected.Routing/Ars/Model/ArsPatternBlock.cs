using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Ars;

/// <summary>
/// One numbered IN or OUT pattern block of a route: its selection settings, matching conditions, deploy
/// values and, for OUT blocks, the trunk it sends to.
/// </summary>
/// <remarks>
/// Blank text fields are stored as null and mean "no condition" (matching) or "unchanged" (deploy).
/// </remarks>
public sealed record ArsPatternBlock
{
    /// <summary>The vendor's default priority.</summary>
    public const int DefaultPriority = 100;

    /// <summary>The Max Sessions value meaning "no limit".</summary>
    public const int UnlimitedSessions = -1;

    private readonly int _number;
    private readonly int _priority;
    private readonly int _maxSessions;
    private readonly string? _matchTo;
    private readonly string? _matchFrom;
    private readonly EquatableArray<PluginSlot> _plugins;
    private readonly string? _deployTo;
    private readonly string? _deployFrom;
    private readonly EquatableArray<string> _custom;
    private readonly TrunkConnection? _trunk;

    /// <summary>Creates a pattern block with defaults (priority 100, unlimited sessions, enabled, no conditions).</summary>
    /// <param name="number">The block's number within its route and direction, from 1.</param>
    /// <param name="direction">IN or OUT.</param>
    public ArsPatternBlock(int number, ArsDirection direction)
    {
        Number = number;
        Direction = direction;
        Priority = DefaultPriority;
        MaxSessions = UnlimitedSessions;
    }

    /// <summary>The block's number within its route and direction, from 1 ("OUT - 2" is number 2).</summary>
    public int Number { get => _number; init => _number = ArsModelGuard.AtLeast(value, 1, nameof(Number)); }

    /// <summary>IN or OUT.</summary>
    public ArsDirection Direction
    {
        get;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(Direction), value, "Unknown direction.");
            }

            if (value == ArsDirection.In && _trunk is not null)
            {
                throw new ArgumentException("Only OUT blocks carry a trunk connection.", nameof(Direction));
            }

            field = value;
        }
    }

    /// <summary>The priority; lower wins, ties keep list order. Zero or more; default 100.</summary>
    public int Priority { get => _priority; init => _priority = ArsModelGuard.AtLeast(value, 0, nameof(Priority)); }

    /// <summary>The most concurrent sessions through this block; -1 (default) is unlimited.</summary>
    public int MaxSessions { get => _maxSessions; init => _maxSessions = ArsModelGuard.AtLeast(value, UnlimitedSessions, nameof(MaxSessions)); }

    /// <summary>Whether the block is switched off.</summary>
    public bool Disabled { get; init; }

    /// <summary>The regular expression the To URI must contain (find semantics), or null for no condition.</summary>
    public string? MatchTo { get => _matchTo; init => _matchTo = ArsModelGuard.Optional(value, nameof(MatchTo)); }

    /// <summary>The regular expression the From URI must contain (find semantics), or null for no condition.</summary>
    public string? MatchFrom { get => _matchFrom; init => _matchFrom = ArsModelGuard.Optional(value, nameof(MatchFrom)); }

    /// <summary>The plug-in conditions, in strictly increasing slot order.</summary>
    public EquatableArray<PluginSlot> Plugins
    {
        get => _plugins;
        init
        {
            var previous = 0;
            foreach (var slot in value)
            {
                if (slot is null)
                {
                    throw new ArgumentException("The plug-in list must not contain null.", nameof(Plugins));
                }

                if (slot.Slot <= previous)
                {
                    throw new ArgumentException("Plug-in slots must be unique and in increasing order.", nameof(Plugins));
                }

                previous = slot.Slot;
            }

            _plugins = value;
        }
    }

    /// <summary>The deploy To value (references allowed), or null to leave To unchanged.</summary>
    public string? DeployTo { get => _deployTo; init => _deployTo = ArsModelGuard.Optional(value, nameof(DeployTo)); }

    /// <summary>The deploy From value (references allowed), or null to leave From unchanged.</summary>
    public string? DeployFrom { get => _deployFrom; init => _deployFrom = ArsModelGuard.Optional(value, nameof(DeployFrom)); }

    /// <summary>
    /// The Custom assignments in order, each <c>Header=value</c> (sets a header on the outgoing request) or
    /// <c>&amp;name=value</c> (sets a per-call property).
    /// </summary>
    public EquatableArray<string> Custom
    {
        get => _custom;
        init
        {
            foreach (var entry in value)
            {
                if (!IsValidCustom(entry))
                {
                    throw new ArgumentException("Each Custom entry is 'Header=value' or '&name=value' with a non-empty name.", nameof(Custom));
                }
            }

            _custom = value.Select(entry => entry.Trim()).ToEquatableArray();
        }
    }

    /// <summary>The trunk an OUT block sends to, or null (IN blocks, or an OUT block routed by its deploy To).</summary>
    public TrunkConnection? Trunk
    {
        get => _trunk;
        init
        {
            if (value is not null && Direction == ArsDirection.In)
            {
                throw new ArgumentException("Only OUT blocks carry a trunk connection.", nameof(Trunk));
            }

            _trunk = value;
        }
    }

    /// <summary>Tells whether a Custom entry has the form <c>Header=value</c> or <c>&amp;name=value</c>.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>True when the entry is well formed.</returns>
    public static bool IsValidCustom(string? entry)
    {
        if (entry is null || entry.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            return false;
        }

        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return false;
        }

        var name = entry.AsSpan(0, equals).Trim();
        if (name.StartsWith('&'))
        {
            name = name[1..];
        }

        if (name.IsEmpty)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || c == ':' || c == '&')
            {
                return false;
            }
        }

        return true;
    }
}
