using System.Text;
using AlwaysConnected.Routing.DialPlan.Evaluation.Sources;
using AlwaysConnected.Routing.Requests;

namespace AlwaysConnected.Routing.DialPlan.Compilation;

/// <summary>A deploy line ready to run.</summary>
internal sealed class CompiledDeployLine(DeployAction action, string name, ValueSource value, string text)
{
    public DeployAction Action { get; } = action;

    /// <summary>The name as written (header name, <c>$variable</c> or <c>&amp;variable</c>).</summary>
    public string Name { get; } = name;

    /// <summary>The header name as UTF-8, for header edits.</summary>
    public byte[] NameBytes { get; } = Encoding.UTF8.GetBytes(name);

    /// <summary>The known-header id of the name, looked up once here rather than per decision.</summary>
    public Sip.SipHeaderId HeaderId { get; } = Sip.SipHeaderNameLookup.GetId(Encoding.UTF8.GetBytes(name));

    /// <summary>
    /// A constant value free of CR, LF and NUL: the per-decision injection check can skip it (a constant
    /// that holds one is checked, and refused, at evaluation like any other value).
    /// </summary>
    public bool IsSafeConstant { get; } = value is Evaluation.Sources.LiteralSource constant && InjectionGuard.IsSafe(constant.Text);

    public ValueSource Value { get; } = value;

    public string Text { get; } = text;

    /// <summary>
    /// For a constant value, whether it is a bare URI once trimmed, decided once at load instead of on
    /// every request; null when the value is computed per request.
    /// </summary>
    public bool? ConstantIsBareUri { get; } = value is Evaluation.Sources.LiteralSource literal
        ? UriText.IsBareUri(Encoding.UTF8.GetBytes(literal.Text).AsSpan().Trim((byte)' '))
        : null;
}
