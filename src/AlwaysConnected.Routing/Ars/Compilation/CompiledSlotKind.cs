namespace AlwaysConnected.Routing.Ars.Compilation;

/// <summary>
/// How a plug-in slot runs. The built-ins with a constant Param are read in place (no virtual call, no
/// Param expansion, no name decoding per call); any other plug-in goes through <see cref="Plugins.ArsPlugin.TryInvoke"/>.
/// </summary>
internal enum CompiledSlotKind
{
    /// <summary>A plug-in called through <see cref="Plugins.ArsPlugin.TryInvoke"/>.</summary>
    Plugin,

    /// <summary>The built-in <c>sipheader</c> with a constant header name.</summary>
    Header,

    /// <summary>The built-in <c>prop</c> with a constant property name.</summary>
    Property,

    /// <summary>An <see cref="Plugins.AsyncArsPlugin"/>: awaited by the async front door, waited for by the synchronous one.</summary>
    Async,
}
