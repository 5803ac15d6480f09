using System.Globalization;
using AlwaysConnected.Routing.DialPlan;

namespace AlwaysConnected.Routing;

/// <summary>
/// Builds one dial plan rule: its matching lines (<see cref="When"/>) and deploy lines
/// (<see cref="Deploy"/> and the named shortcuts). Each call is the same line the vendor's text
/// notation would hold, so <c>.When("$request", "^INVITE")</c> is <c>$request = ^INVITE</c>.
/// </summary>
public sealed class DialPlanRuleBuilder
{
    private readonly List<MatchingLine> _matching = [];
    private readonly List<DeployLine> _deploy = [];
    private string? _description;
    private bool _disabled;

    private bool _built;

    internal DialPlanRuleBuilder(string name) => Name = name;

    /// <summary>The rule's name.</summary>
    public string Name { get; }

    /// <summary>Adds a matching line: <paramref name="name"/> (header, <c>$function(...)</c>, <c>&amp;variable</c>) must match <paramref name="pattern"/>.</summary>
    public DialPlanRuleBuilder When(string name, string pattern)
    {
        ThrowIfBuilt();
        _matching.Add(new MatchingLine(name, pattern));
        return this;
    }

    /// <summary>Adds a negated matching line (<c>NAME = !PATTERN</c>): holds when the value does not match, or is absent.</summary>
    public DialPlanRuleBuilder WhenNot(string name, string pattern)
    {
        ThrowIfBuilt();
        ArgumentNullException.ThrowIfNull(pattern);
        return When(name, "!" + pattern);
    }

    /// <summary>Adds a deploy line as written in the vendor notation (<c>NAME = VALUE</c>).</summary>
    public DialPlanRuleBuilder Deploy(string name, string value)
    {
        ThrowIfBuilt();
        _deploy.Add(new DeployLine(name, value));
        return this;
    }

    /// <summary>Sets (replaces or adds) a header: <c>HEADER = value</c>.</summary>
    public DialPlanRuleBuilder SetHeader(string header, string value)
    {
        ThrowIfBuilt();
        ArgumentException.ThrowIfNullOrEmpty(value);
        return Deploy(header, value);
    }

    /// <summary>Removes every instance of a header: <c>HEADER =</c>.</summary>
    public DialPlanRuleBuilder RemoveHeader(string header) => Deploy(header, string.Empty);

    /// <summary>Routes to a URI and rewrites the Request-URI and To: <c>To = sip:user@host</c>.</summary>
    public DialPlanRuleBuilder RouteTo(string uri) => Deploy("To", uri);

    /// <summary>Sets the next hop: <c>$target = host[:port]</c>.</summary>
    public DialPlanRuleBuilder Target(string target) => Deploy("$target", target);

    /// <summary>Answers with a status and does not route: <c>$action = NNN</c>.</summary>
    public DialPlanRuleBuilder Reject(int statusCode)
    {
        ThrowIfBuilt();
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        return Deploy("$action", statusCode.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Answers 403 and blocks the source address: <c>$action = block</c>.</summary>
    public DialPlanRuleBuilder Block() => Deploy("$action", "block");

    /// <summary>Goes on with the next rule after this one: <c>$continue = true</c>.</summary>
    public DialPlanRuleBuilder Continue() => Deploy("$continue", "true");

    /// <summary>Sets a handling variable for the host (<c>$nat</c>, <c>$routename</c>, ...).</summary>
    public DialPlanRuleBuilder SetVariable(string name, string value)
    {
        ThrowIfBuilt();
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Deploy(name.StartsWith('$') ? name : "$" + name, value);
    }

    /// <summary>Sets an environment variable (<c>&amp;name</c>) for later rules and the host.</summary>
    public DialPlanRuleBuilder SetEnvironment(string name, string value)
    {
        ThrowIfBuilt();
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Deploy(name.StartsWith('&') ? name : "&" + name, value);
    }

    /// <summary>Describes the rule.</summary>
    public DialPlanRuleBuilder Description(string description)
    {
        ThrowIfBuilt();
        _description = description;
        return this;
    }

    /// <summary>Keeps the rule but skips it.</summary>
    public DialPlanRuleBuilder Disable()
    {
        ThrowIfBuilt();
        _disabled = true;
        return this;
    }

    /// <summary>Freezes the builder: it is used only inside its configure callback, so a later change would reach nothing.</summary>
    internal DialPlanRule Build()
    {
        _built = true;
        return new(Name, [.. _matching], [.. _deploy], _description, _disabled);
    }

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException(
                "This rule builder was used after its configure callback returned; the rule is already built. Configure it inside the callback.");
        }
    }
}
