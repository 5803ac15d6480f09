using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing;

/// <summary>Builds one numbered IN or OUT pattern block of an ARS route.</summary>
public sealed class ArsBlockBuilder
{
    private readonly List<PluginSlot> _plugins = [];
    private readonly List<string> _custom = [];
    private ArsPatternBlock _block;

    private bool _built;

    internal ArsBlockBuilder(int number, ArsDirection direction) => _block = new ArsPatternBlock(number, direction);

    /// <summary>The block's priority (lower wins; default 100).</summary>
    public ArsBlockBuilder Priority(int priority)
    {
        ThrowIfBuilt();
        _block = _block with { Priority = priority };
        return this;
    }

    /// <summary>The most sessions the block carries at once (-1 = unlimited).</summary>
    public ArsBlockBuilder MaxSessions(int maxSessions)
    {
        ThrowIfBuilt();
        _block = _block with { MaxSessions = maxSessions };
        return this;
    }

    /// <summary>Keeps the block but skips it.</summary>
    public ArsBlockBuilder Disable()
    {
        ThrowIfBuilt();
        _block = _block with { Disabled = true };
        return this;
    }

    /// <summary>The To pattern (tested against the To header's URI).</summary>
    public ArsBlockBuilder MatchTo(string pattern)
    {
        ThrowIfBuilt();
        _block = _block with { MatchTo = pattern };
        return this;
    }

    /// <summary>The From pattern (tested against the From header's URI).</summary>
    public ArsBlockBuilder MatchFrom(string pattern)
    {
        ThrowIfBuilt();
        _block = _block with { MatchFrom = pattern };
        return this;
    }

    /// <summary>Adds a plug-in slot: <c>Plugin N</c> / <c>Param N</c> / <c>Return N</c>.</summary>
    /// <param name="plugin">The plug-in's name (<c>sipheader</c>, <c>prop</c>, or a host plug-in).</param>
    /// <param name="param">Its parameter.</param>
    /// <param name="returnPattern">The pattern its result must match.</param>
    public ArsBlockBuilder Plugin(string plugin, string? param, string? returnPattern)
    {
        ThrowIfBuilt();
        _plugins.Add(new PluginSlot(_plugins.Count + 1, plugin, param, returnPattern));
        return this;
    }

    /// <summary>Deploys To (a URI, <c>sip:user@</c>, or a bare user).</summary>
    public ArsBlockBuilder DeployTo(string value)
    {
        ThrowIfBuilt();
        _block = _block with { DeployTo = value };
        return this;
    }

    /// <summary>Deploys From (a URI, <c>sip:user@</c>, or a bare user).</summary>
    public ArsBlockBuilder DeployFrom(string value)
    {
        ThrowIfBuilt();
        _block = _block with { DeployFrom = value };
        return this;
    }

    /// <summary>Adds a Custom line: <c>Header=value</c> or <c>&amp;property=value</c>.</summary>
    public ArsBlockBuilder Custom(string line)
    {
        ThrowIfBuilt();
        ArgumentException.ThrowIfNullOrEmpty(line);
        if (!ArsPatternBlock.IsValidCustom(line))
        {
            throw new ArgumentException($"'{line}' is not a Custom line (Header=value or &property=value).", nameof(line));
        }

        _custom.Add(line);
        return this;
    }

    /// <summary>Sets the trunk an OUT block sends to.</summary>
    public ArsBlockBuilder Trunk(string target, TimeSpan? responseTimeout = null, TimeSpan? recoveryTime = null, FailoverPolicy? failover = null)
    {
        ThrowIfBuilt();
        _block = _block with { Trunk = new TrunkConnection(target, responseTimeout, recoveryTime, failover) };
        return this;
    }

    /// <summary>Freezes the builder: it is used only inside its configure callback, so a later change would reach nothing.</summary>
    internal ArsPatternBlock Build()
    {
        _built = true;
        return _block with
        {
            Plugins = _plugins.ToEquatableArray(),
            Custom = _custom.ToEquatableArray(),
        };
    }

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException(
                "This block builder was used after its configure callback returned; the block is already built. Configure it inside the callback.");
        }
    }
}
