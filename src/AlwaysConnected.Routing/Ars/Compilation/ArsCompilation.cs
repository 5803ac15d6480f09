using System.Globalization;
using System.Text;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Ars.Registration;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Patterns;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Ars.Compilation;

/// <summary>One compilation run: walks routes and blocks, compiling fields and collecting diagnostics.</summary>
internal sealed partial class ArsCompilation
{
    private readonly ArsDefinition _definition;
    private readonly ArsOptions _options;
    private readonly List<RoutingDiagnostic> _diagnostics = [];

    // Where the field being compiled lives, for diagnostics.
    private string _route = "";
    private ArsRoute? _currentRoute;
    private ArsDirection? _direction;
    private int _block;

    public ArsCompilation(ArsDefinition definition, ArsOptions options)
    {
        _definition = definition;
        _options = options;
    }

    public IReadOnlyList<RoutingDiagnostic> Diagnostics => _diagnostics;

    public CompiledArs? Run(long version)
    {
        IReadOnlyList<ArsRoute> routes;
        try
        {
            routes = _definition.GetEffectiveRoutes();
        }
        catch (RoutingConfigurationException e)
        {
            _diagnostics.AddRange(e.Diagnostics);
            return null;
        }
        catch (ArgumentException e)
        {
            _diagnostics.Add(new RoutingDiagnostic(RoutingDiagnosticIds.ArsInvalidTemplate, RoutingDiagnosticSeverity.Error, e.Message));
            return null;
        }

        var inBlocks = new List<CompiledBlock>();
        var outBlocks = new List<CompiledBlock>();
        foreach (var route in routes)
        {
            var inboundSource = CompileInboundSource(route);
            foreach (var block in route.InBlocks)
            {
                if (CompileBlock(route, block, inboundSource) is { } compiled && route.Enabled && !block.Disabled)
                {
                    inBlocks.Add(compiled);
                }
            }

            foreach (var block in route.OutBlocks)
            {
                if (CompileBlock(route, block) is { } compiled && route.Enabled && !block.Disabled)
                {
                    outBlocks.Add(compiled);
                }
            }
        }

        // A stable sort keeps list order among equal priorities.
        var inOrdered = inBlocks.OrderBy(b => b.Priority).ToArray();
        var outOrdered = outBlocks.OrderBy(b => b.Priority).ToArray();
        return new CompiledArs(_definition, _options, version, new BlockTable(inOrdered), new BlockTable(outOrdered), _diagnostics.ToArray());
    }

    /// <summary>
    /// Reads what tells the route's registered trunk apart when the route accepts inbound calls only from it
    /// (<see cref="ArsInboundSource.RegisteredTrunk"/>); a route without a usable registration is an error.
    /// </summary>
    private RegisteredTrunkSource? CompileInboundSource(ArsRoute route)
    {
        if (route.InboundSource != ArsInboundSource.RegisteredTrunk)
        {
            return null;
        }

        _route = route.Name;
        _currentRoute = route;
        _direction = null;
        if (route.Registration is not { } registration)
        {
            Error(RoutingDiagnosticIds.ArsInboundSourceWithoutRegistration, "Inbound Source", "The route accepts inbound calls only from its registered trunk, but it has no Registration: add one, or accept inbound calls from any source.");
            return null;
        }

        // A template's registration names its row's account (sip:&v1@...): read it as the registrar does.
        registration = RegistrationVariables.Expand(registration, route, _definition);
        if (!RegisteredTrunkSource.TryCreate(registration, out var source, out var error))
        {
            Error(RoutingDiagnosticIds.ArsInboundSourceWithoutRegistration, "Inbound Source", $"The route accepts inbound calls only from its registered trunk, but its Registration names none: {error}");
            return null;
        }

        return source;
    }

    private CompiledBlock? CompileBlock(ArsRoute route, ArsPatternBlock block, RegisteredTrunkSource? inboundSource = null)
    {
        _route = route.Name;
        _currentRoute = route;
        _direction = block.Direction;
        _block = block.Number;
        var errorsBefore = ErrorCount;

        var to = CompilePattern(block.MatchTo, "To");
        var from = CompilePattern(block.MatchFrom, "From");
        var toGroups = to?.GroupCount ?? 0;
        var fromGroups = from?.GroupCount ?? 0;

        var slots = new List<CompiledSlot>();
        var pluginGroups = 0;
        foreach (var slot in block.Plugins)
        {
            var field = $"Plugin {slot.Slot}";
            var param = CompileTemplate(slot.Param ?? "", $"Param {slot.Slot}", toGroups, fromGroups, pluginGroups);
            var returnPattern = CompilePattern(slot.Return, $"Return {slot.Slot}");
            if (!_options.Plugins.TryGet(slot.Plugin, out var plugin))
            {
                Error(RoutingDiagnosticIds.ArsUnknownPlugin, field, $"Unknown plug-in '{slot.Plugin}'. Registered: {string.Join(", ", _options.Plugins.Names)}.");
                continue;
            }

            var label = $"Plugin {slot.Slot} ({plugin.Name}{(slot.Param is null ? "" : " " + slot.Param)})";
            slots.Add(new CompiledSlot(slot.Slot, plugin, param, returnPattern, pluginGroups, label));
            pluginGroups += returnPattern?.GroupCount ?? 0;
        }

        var deployTo = block.DeployTo is null ? null : CompileTemplate(block.DeployTo, "Deploy To", toGroups, fromGroups, pluginGroups);
        var deployFrom = block.DeployFrom is null ? null : CompileTemplate(block.DeployFrom, "Deploy From", toGroups, fromGroups, pluginGroups);
        var custom = new List<CompiledCustom>();
        for (var i = 0; i < block.Custom.Count; i++)
        {
            custom.Add(CompileCustom(block.Custom[i], $"Custom {i + 1}", toGroups, fromGroups, pluginGroups));
        }

        byte[]? target = null, hostPort = null, host = null;
        if (block.Trunk is { } trunk)
        {
            var targetText = ExpandVariables(trunk.Target, "Target");
            if (!TryParseTarget(targetText, out hostPort, out host))
            {
                Error(RoutingDiagnosticIds.ArsInvalidTarget, "Target", $"Trunk target '{targetText}' is not host[:port][;params] or a SIP URI.");
            }

            target = Encoding.UTF8.GetBytes(targetText);
        }
        else if (block.Direction == ArsDirection.Out && block.DeployTo is null)
        {
            Warning(RoutingDiagnosticIds.ArsNoTrunk, null, "The OUT block has neither a trunk Target nor a deploy To: the request keeps its Request-URI and the host routes it.");
        }

        if (ErrorCount != errorsBefore)
        {
            return null;
        }

        return new CompiledBlock
        {
            Route = route,
            Block = block,
            Label = string.Create(CultureInfo.InvariantCulture, $"{route.Name} {(block.Direction == ArsDirection.In ? "IN" : "OUT")} {block.Number}"),
            To = to,
            From = from,
            Slots = [.. slots],
            PluginGroupCount = pluginGroups,
            DeployTo = deployTo,
            DeployFrom = deployFrom,
            Custom = [.. custom],
            Target = target,
            TrunkHostPort = hostPort,
            TrunkHost = host,
            Credentials = route.EffectiveCredentials,
            InboundSource = block.Direction == ArsDirection.In ? inboundSource : null,
            State = _options.States.Get(route.Name, block.Direction, block.Number),
            IndexKey = to is null || block.MatchTo is null ? null : IndexKeyOf(ExpandVariables(block.MatchTo, null), to),
        };
    }

    private int ErrorCount => _diagnostics.Count(d => d.Severity == RoutingDiagnosticSeverity.Error);

    private CompiledPattern? CompilePattern(string? text, string field)
    {
        if (text is null)
        {
            return null;
        }

        var expanded = ExpandVariables(text, field);
        if (!CompiledPattern.TryCompile(expanded, _options.Patterns, out var compiled, out var error))
        {
            Error(RoutingDiagnosticIds.ArsInvalidPattern, field, error.Message);
            return null;
        }

        if (compiled.Engine == PatternEngine.RegexBacktracking)
        {
            Add(RoutingDiagnosticIds.ArsBacktrackingPattern, RoutingDiagnosticSeverity.Warning, field, $"'{expanded}' needs the backtracking regex engine; it runs with a {_options.Patterns.BacktrackingTimeout.TotalMilliseconds} ms timeout.");
        }

        return compiled;
    }

    private CompiledCustom CompileCustom(string entry, string field, int toGroups, int fromGroups, int pluginGroups)
    {
        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        var name = entry[..equals].Trim();
        var value = CompileTemplate(entry[(equals + 1)..].Trim(), field, toGroups, fromGroups, pluginGroups);
        if (name.StartsWith('&'))
        {
            // Interned: the prop plug-in and &name references of any compilation then find it by reference.
            var property = string.Intern(name[1..]);
            return new CompiledCustom(null, property, "&" + property, value, field);
        }

        return new CompiledCustom(Encoding.UTF8.GetBytes(name), null, null, value, field);
    }

    /// <summary>Reads <c>host[:port][;params]</c> or a SIP URI into the host part a rewritten URI gets.</summary>
    internal static bool TryParseTarget(string target, out byte[]? hostPort, out byte[]? host)
    {
        hostPort = null;
        host = null;
        var bytes = Encoding.UTF8.GetBytes(target);
        ReadOnlySpan<byte> hostSpan;
        int port;
        if (target.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || target.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            if (!SipUri.TryParse(bytes, out var uri) || uri.Host.IsEmpty)
            {
                return false;
            }

            hostSpan = uri.Host;
            port = uri.Port;
        }
        else
        {
            var text = bytes.AsSpan();
            var semicolon = text.IndexOf((byte)';');
            var hostAndPort = semicolon >= 0 ? text[..semicolon] : text;
            byte[] withScheme = [.. "sip:"u8, .. hostAndPort];
            if (!SipUri.TryParse(withScheme, out var uri) || uri.Host.IsEmpty || uri.HasUser)
            {
                return false;
            }

            hostSpan = uri.Host;
            port = uri.Port;
        }

        host = hostSpan.ToArray();
        hostPort = port > 0 ? [.. hostSpan, .. Encoding.ASCII.GetBytes(":" + port.ToString(CultureInfo.InvariantCulture))] : host;
        return true;
    }

    /// <summary>
    /// The bytes after <c>sip:</c> of the literal a To pattern starts with (e.g. <c>0312</c> for
    /// <c>^sip:0312([0-9]+)@</c>); null when the pattern has no such literal.
    /// </summary>
    private static byte[]? IndexKeyOf(string pattern, CompiledPattern compiled)
    {
        if (compiled.IsNegated)
        {
            return null;
        }

        try
        {
            var translated = JavaDialectTranslator.Translate(pattern, 0);
            if (translated.HasInlineOptions || ShapeParser.TryParse(translated.DotNetPattern) is not { Alternatives: null } shape)
            {
                return null;
            }

            var literal = new List<byte>();
            foreach (var item in shape.Items)
            {
                if (!item.IsLiteral)
                {
                    break;
                }

                literal.AddRange(item.Literal!);
            }

            return literal.Count > 4 && literal.Take(4).SequenceEqual("sip:"u8.ToArray()) ? [.. literal.Skip(4)] : null;
        }
        catch (PatternSyntaxException)
        {
            return null;
        }
    }

    private void Error(string id, string? field, string message) => Add(id, RoutingDiagnosticSeverity.Error, field, message);

    private void Warning(string id, string? field, string message) => Add(id, RoutingDiagnosticSeverity.Warning, field, message);

    private void Add(string id, RoutingDiagnosticSeverity severity, string? field, string message) =>
        _diagnostics.Add(new RoutingDiagnostic(id, severity, message)
        {
            Route = _route,
            Section = _direction is { } direction ? ArsBlockName(direction, _block) : null,
            Field = field,
        });

    /// <summary>A block as the notation names it: <c>IN 1</c>, <c>OUT 2</c>.</summary>
    internal static string ArsBlockName(ArsDirection direction, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{(direction == ArsDirection.In ? "IN" : "OUT")} {number}");
}
