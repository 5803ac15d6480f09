namespace AlwaysConnected.Routing.DialPlan.Compilation;

/// <summary>What a deploy line does, decided at load time from its name.</summary>
internal enum DeployAction
{
    /// <summary>Set, add or (with an empty value) remove a header.</summary>
    Header,

    /// <summary><c>To = sip:user@host</c>: the destination (routing, Request-URI and To rewrite).</summary>
    To,

    /// <summary>
    /// <c>From = sip:user@host</c>: a bare URI replaces only the URI, keeping the display name and the
    /// parameters (the dialog's tag); a full name-addr value replaces the header.
    /// </summary>
    From,

    /// <summary><c>$target</c>: the next hop.</summary>
    Target,

    /// <summary><c>$action</c> / <c>$response</c>: answer with a status (or <c>block</c>).</summary>
    Respond,

    /// <summary><c>$continue = true</c>: go on with the next rule.</summary>
    Continue,

    /// <summary><c>$replaceurl = false</c>: change only the next hop, not the URIs in the request.</summary>
    ReplaceUrl,

    /// <summary>Any other <c>$variable</c>: carried in the decision for the host.</summary>
    Variable,

    /// <summary><c>&amp;name</c>: an environment variable.</summary>
    Environment,
}
