using System.Runtime.InteropServices;
using System.Text;
using AlwaysConnected.Routing.Sip.Responses;

namespace AlwaysConnected.Routing;

/// <summary>
/// The result of routing one request: the outcome, the next hop, the status to answer with, and the
/// edits to apply to the outgoing request.
/// </summary>
/// <remarks>
/// <para>
/// A decision is a reusable object the host owns, one per worker: the router fills it, the host
/// reads it and hands it to the request writer, then the next request reuses it. Its values live in
/// internal buffers that grow on demand and are then reused, which is how routing allocates nothing
/// per request. The spans it returns stay valid until the next <see cref="Reset"/> or routing call.
/// </para>
/// <para>Not thread-safe: a decision belongs to one request at a time.</para>
/// </remarks>
public sealed class RoutingDecision
{
    private readonly ByteArena _arena = new();
    private readonly List<HeaderEditEntry> _headerEdits = new(8);
    private readonly List<ValueEntry> _variables = new(4);
    private readonly List<ValueEntry> _environment = new(4);
    private readonly List<(int Start, int Length, bool Success)> _captures = new(8);
    private readonly List<string> _appliedRules = new(4);
    private (int Start, int Length) _target = (-1, 0);
    private (int Start, int Length) _requestUri = (-1, 0);
    private string? _reasonPhrase;

    /// <summary>What the host should do.</summary>
    public RoutingOutcome Outcome { get; internal set; }

    /// <summary>The stage that decided.</summary>
    public RoutingStage Stage { get; internal set; }

    /// <summary>The status to answer with for <see cref="RoutingOutcome.Reject"/> and <see cref="RoutingOutcome.Block"/>; 0 otherwise.</summary>
    public int StatusCode { get; internal set; }

    /// <summary>The reason phrase to answer with: set whenever <see cref="StatusCode"/> is (so for every <see cref="RoutingOutcome.Reject"/> and <see cref="RoutingOutcome.Block"/>); null when there is no status.</summary>
    /// <remarks>
    /// The standard phrase of the status (RFC 3261 §21), so a host needs no table of its own; a request refused by
    /// validation gets a phrase that names the problem, e.g. <c>Bad Request (missing Call-ID)</c>.
    /// </remarks>
    public string? ReasonPhrase => _reasonPhrase ?? (StatusCode == 0 ? null : SipReasonPhrases.Get(StatusCode));

    /// <summary>
    /// Why the request was refused before any rule ran (<see cref="RoutingStage.Validation"/>); no error otherwise.
    /// Its offset and header say where the problem is.
    /// </summary>
    public Sip.SipParseError ValidationError { get; private set; }

    /// <summary>Whether the decision names a next hop.</summary>
    public bool HasTarget => _target.Start >= 0;

    /// <summary>
    /// The next hop as the rules wrote it (<c>host[:port][;transport=x]</c>, a SIP URI, or a
    /// comma-separated failover list); empty when the host should route by Request-URI.
    /// </summary>
    public ReadOnlySpan<byte> Target => HasTarget ? _arena.Slice(_target.Start, _target.Length) : default;

    /// <summary>
    /// The next hops of <see cref="Target"/>, in the order to try them: typed (host, port, transport,
    /// parameters) and read in place without allocating. Empty when the decision names no next hop.
    /// </summary>
    public NextHopList NextHops => new(Target);

    /// <summary>Whether the decision rewrites the Request-URI.</summary>
    public bool HasRequestUri => _requestUri.Start >= 0;

    /// <summary>The new Request-URI; empty when it is unchanged.</summary>
    public ReadOnlySpan<byte> RequestUri => HasRequestUri ? _arena.Slice(_requestUri.Start, _requestUri.Length) : default;

    /// <summary>The number of header edits, in the order they apply.</summary>
    public int HeaderEditCount => _headerEdits.Count;

    /// <summary>The number of handling variables set (<c>$nat</c>, <c>$routename</c>, ...).</summary>
    public int VariableCount => _variables.Count;

    /// <summary>The number of environment variables set (<c>&amp;name</c>).</summary>
    public int EnvironmentCount => _environment.Count;

    /// <summary>The number of capture groups of the deciding rule (<c>%1</c>..).</summary>
    public int CaptureCount => _captures.Count;

    /// <summary>The names of the rules (or ARS patterns) applied, in order.</summary>
    public IReadOnlyList<string> AppliedRules => _appliedRules;

    /// <summary>The version of the rule snapshot that made this decision.</summary>
    public long SnapshotVersion { get; internal set; }

    /// <summary>Why the outcome is <see cref="RoutingOutcome.Error"/>; <see cref="RoutingErrorCode.None"/> otherwise.</summary>
    public RoutingErrorCode ErrorCode { get; private set; }

    /// <summary>A description of the error (which rule, which line, which value); null without error.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Returns one header edit.</summary>
    public HeaderEdit GetHeaderEdit(int index)
    {
        var entry = _headerEdits[index];
        var value = entry.ValueStart >= 0 ? _arena.Slice(entry.ValueStart, entry.ValueLength) : default;
        return new HeaderEdit(entry.Name, entry.Kind, value);
    }

    // Name and value by index, as IDataRecord's GetName/GetValue: the value is a view into this decision's
    // buffer, so a pair type for it would have to be a ref struct of its own; two methods need no type.

    /// <summary>Returns the name of one handling variable, with its <c>$</c>, as written in the rule.</summary>
    /// <param name="index">From 0 to <see cref="VariableCount"/> - 1.</param>
    public string GetVariableName(int index) => _variables[index].Name;

    /// <summary>Returns the UTF-8 value of one handling variable: valid until the decision is reset or reused.</summary>
    /// <param name="index">From 0 to <see cref="VariableCount"/> - 1.</param>
    public ReadOnlySpan<byte> GetVariableValue(int index) => ValueOf(_variables[index]);

    /// <summary>Returns the name of one environment variable, with its <c>&amp;</c>, as written in the rule.</summary>
    /// <param name="index">From 0 to <see cref="EnvironmentCount"/> - 1.</param>
    public string GetEnvironmentName(int index) => _environment[index].Name;

    /// <summary>Returns the UTF-8 value of one environment variable: valid until the decision is reset or reused.</summary>
    /// <param name="index">From 0 to <see cref="EnvironmentCount"/> - 1.</param>
    public ReadOnlySpan<byte> GetEnvironmentValue(int index) => ValueOf(_environment[index]);

    /// <summary>Looks up a handling variable by name (with its <c>$</c>, case-insensitive).</summary>
    public bool TryGetVariable(ReadOnlySpan<char> name, out ReadOnlySpan<byte> value) => TryFind(_variables, name, StringComparison.OrdinalIgnoreCase, out value);

    /// <summary>Looks up an environment variable by name (with its <c>&amp;</c>, case-sensitive).</summary>
    public bool TryGetEnvironment(ReadOnlySpan<char> name, out ReadOnlySpan<byte> value) => TryFind(_environment, name, StringComparison.Ordinal, out value);

    /// <summary>
    /// Returns capture group <paramref name="number"/> (1-based) of the deciding rule; empty when it did
    /// not take part. Groups are extracted when the rule's own lines or deploy values use them, or when
    /// the decision comes from an explanation; otherwise they read as empty (extraction is skipped on
    /// the hot path because a regex capture pass can cost far more than the match).
    /// </summary>
    public ReadOnlySpan<byte> GetCapture(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, _captures.Count);
        var (start, length, _) = _captures[number - 1];
        return _arena.Slice(start, length);
    }

    /// <summary>The target as a string (allocates; for logs and tools).</summary>
    public string? GetTargetString() => HasTarget ? Encoding.UTF8.GetString(Target) : null;

    /// <summary>The Request-URI as a string (allocates; for logs and tools).</summary>
    public string? GetRequestUriString() => HasRequestUri ? Encoding.UTF8.GetString(RequestUri) : null;

    /// <summary>
    /// The decision in one line for logs and the debugger: outcome, stage, rules applied, next hop and
    /// Request-URI, or status, or error. Allocates; routing never calls it.
    /// </summary>
    /// <returns>For example <c>Forward by DialPlan, rule 'to-pbx-core', target 127.0.0.1:5052, Request-URI sip:1001@127.0.0.1 (version 3)</c>.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Outcome.ToString());
        if (Stage != RoutingStage.None)
        {
            text.Append(" by ").Append(Stage.ToString());
        }

        if (_appliedRules.Count > 0)
        {
            text.Append(_appliedRules.Count == 1 ? ", rule '" : ", rules '").AppendJoin("', '", _appliedRules).Append('\'');
        }

        switch (Outcome)
        {
            case RoutingOutcome.Forward:
                text.Append(", target ").Append(GetTargetString() ?? "(by Request-URI)");
                if (HasRequestUri)
                {
                    text.Append(", Request-URI ").Append(GetRequestUriString());
                }

                break;
            case RoutingOutcome.Reject or RoutingOutcome.Block:
                text.Append(", status ").Append(StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (ReasonPhrase is { } reason)
                {
                    text.Append(' ').Append(reason);
                }

                break;
            case RoutingOutcome.Error:
                text.Append(", ").Append(ErrorCode.ToString());
                if (ErrorMessage is { } message)
                {
                    text.Append(": ").Append(message);
                }

                break;
        }

        if (SnapshotVersion > 0)
        {
            text.Append(" (version ").Append(SnapshotVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(')');
        }

        return text.ToString();
    }

    /// <summary>Clears the decision so it can be reused for the next request.</summary>
    public void Reset()
    {
        Outcome = RoutingOutcome.NoMatch;
        Stage = RoutingStage.None;
        StatusCode = 0;
        SnapshotVersion = 0;
        ErrorCode = RoutingErrorCode.None;
        ErrorMessage = null;
        _reasonPhrase = null;
        ValidationError = default;
        _arena.Reset();
        ClearFromEnd(_headerEdits);
        ClearFromEnd(_variables);
        ClearFromEnd(_environment);
        _captures.Clear();
        ClearFromEnd(_appliedRules);
        _target = (-1, 0);
        _requestUri = (-1, 0);
        RequestUriVerified = false;
    }

    /// <summary>The writer for values built while deciding (internal: the engines write here).</summary>
    internal ByteArena Arena => _arena;

    /// <summary>Working tables the engines reuse from request to request (each engine its own, by type).</summary>
    internal Requests.DecisionScratch Scratch { get; } = new();

    internal void SetTarget(int start, int length) => _target = (start, length);

    internal void ClearTarget() => _target = (-1, 0);

    /// <summary>Sets the new Request-URI.</summary>
    /// <param name="start">Where it starts in the arena.</param>
    /// <param name="length">Its length.</param>
    /// <param name="verified">Whether the engine has already checked it with the writer's own Request-URI test, so the writer need not repeat it.</param>
    internal void SetRequestUri(int start, int length, bool verified = false)
    {
        _requestUri = (start, length);
        RequestUriVerified = verified;
    }

    /// <summary>Whether the Request-URI passed the writer's syntax test when it was set.</summary>
    internal bool RequestUriVerified { get; private set; }

    /// <summary>Records that the request failed validation: <see cref="RoutingOutcome.Reject"/> with the suggested status.</summary>
    /// <param name="error">What the validator found.</param>
    /// <param name="snapshotVersion">The version of the snapshot that would have routed it.</param>
    internal void SetValidationFailure(Sip.SipParseError error, long snapshotVersion)
    {
        Reset();
        Outcome = RoutingOutcome.Reject;
        Stage = RoutingStage.Validation;
        StatusCode = error.SuggestedStatusCode;
        ValidationError = error;
        _reasonPhrase = error.GetReasonPhrase();
        SnapshotVersion = snapshotVersion;
    }

    internal void AddAppliedRule(string name) => _appliedRules.Add(name);

    internal void SetError(RoutingErrorCode code, string message)
    {
        Outcome = RoutingOutcome.Error;
        ErrorCode = code;
        ErrorMessage = message;
    }

    /// <summary>
    /// Records the edit of a header. A whole-header edit (set or remove) supersedes every earlier edit
    /// of that header; a partial edit (URI or display name) supersedes the earlier one of its kind.
    /// </summary>
    /// <summary>Adds a header edit; a whole-header edit replaces earlier edits of the same name.</summary>
    /// <param name="name">The header name.</param>
    /// <param name="kind">What the edit does.</param>
    /// <param name="valueStart">Where the value starts in the arena (-1 for none).</param>
    /// <param name="valueLength">The value's length.</param>
    /// <param name="verified">Whether the engine has already refused CR, LF and NUL in the value and checked the name is a token, so the writer need not repeat it.</param>
    internal void SetHeaderEdit(byte[] name, HeaderEditKind kind, int valueStart, int valueLength, bool verified = false) =>
        SetHeaderEdit(name, Sip.SipHeaderNameLookup.GetId(name), kind, valueStart, valueLength, verified);

    /// <summary>Adds a header edit whose name's id the caller looked up once, ahead of time.</summary>
    /// <param name="name">The header name.</param>
    /// <param name="id">The known-header id of <paramref name="name"/>.</param>
    /// <param name="kind">What the edit does.</param>
    /// <param name="valueStart">Where the value starts in the arena (-1 for none).</param>
    /// <param name="valueLength">The value's length.</param>
    /// <param name="verified">See the other overload.</param>
    internal void SetHeaderEdit(byte[] name, Sip.SipHeaderId id, HeaderEditKind kind, int valueStart, int valueLength, bool verified)
    {
        var wholeHeader = kind is HeaderEditKind.Set or HeaderEditKind.Remove;
        for (var i = _headerEdits.Count - 1; i >= 0; i--)
        {
            var existing = _headerEdits[i];
            if ((wholeHeader || existing.Kind == kind) && Ascii.EqualsIgnoreCase(existing.Name, name))
            {
                _headerEdits.RemoveAt(i);
            }
        }

        // The header's id is looked up once here, so a writer matches edits to header lines by id
        // (compact and long forms alike) without a name lookup per line.
        _headerEdits.Add(new HeaderEditEntry(name, id, kind, valueStart, valueLength, verified));
    }

    /// <summary>Finds the effective edit of a header (for later rules that read it).</summary>
    /// <summary>The known-header id of edit <paramref name="index"/>'s name (<see cref="Sip.SipHeaderId.Extension"/> for other names).</summary>
    internal Sip.SipHeaderId GetHeaderEditId(int index) => _headerEdits[index].Id;

    /// <summary>Whether edit <paramref name="index"/> was checked for injection when it was set.</summary>
    internal bool IsHeaderEditVerified(int index) => _headerEdits[index].Verified;

    internal bool TryGetHeaderEdit(ReadOnlySpan<byte> name, out HeaderEditKind kind, out ReadOnlySpan<byte> value)
    {
        for (var i = _headerEdits.Count - 1; i >= 0; i--)
        {
            var entry = _headerEdits[i];
            if (entry.Kind is HeaderEditKind.Set or HeaderEditKind.Remove && Ascii.EqualsIgnoreCase(entry.Name, name))
            {
                kind = entry.Kind;
                value = entry.ValueStart >= 0 ? _arena.Slice(entry.ValueStart, entry.ValueLength) : default;
                return true;
            }
        }

        kind = default;
        value = default;
        return false;
    }

    internal void SetVariable(string name, int start, int length) => Upsert(_variables, name, start, length, StringComparison.OrdinalIgnoreCase);

    internal void SetEnvironment(string name, int start, int length) => Upsert(_environment, name, start, length, StringComparison.Ordinal);

    /// <summary>Makes room for <paramref name="count"/> captures and returns them for the engine to fill in place.</summary>
    internal Span<(int Start, int Length, bool Success)> SetCaptureCount(int count)
    {
        CollectionsMarshal.SetCount(_captures, count);
        return CollectionsMarshal.AsSpan(_captures);
    }

    /// <summary>
    /// Empties a list of (or with) references. <see cref="List{T}.Clear"/> goes through the general
    /// <see cref="Array.Clear(Array, int, int)"/>, which costs more than the one to four entries a decision usually
    /// holds; removing from the end clears each slot directly and still drops the references. A long list
    /// is cleared in one call.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void ClearFromEnd<T>(List<T> list)
    {
        if (list.Count > 8)
        {
            list.Clear();
            return;
        }

        for (var i = list.Count - 1; i >= 0; i--)
        {
            list.RemoveAt(i);
        }
    }

    private static void Upsert(List<ValueEntry> list, string name, int start, int length, StringComparison comparison)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i].Name, name, comparison))
            {
                list[i] = new ValueEntry(list[i].Name, start, length);
                return;
            }
        }

        list.Add(new ValueEntry(name, start, length));
    }

    private bool TryFind(List<ValueEntry> list, ReadOnlySpan<char> name, StringComparison comparison, out ReadOnlySpan<byte> value)
    {
        foreach (var entry in list)
        {
            if (name.Equals(entry.Name, comparison))
            {
                value = _arena.Slice(entry.Start, entry.Length);
                return true;
            }
        }

        value = default;
        return false;
    }

    private ReadOnlySpan<byte> ValueOf(ValueEntry entry) => _arena.Slice(entry.Start, entry.Length);

    private readonly record struct HeaderEditEntry(byte[] Name, Sip.SipHeaderId Id, HeaderEditKind Kind, int ValueStart, int ValueLength, bool Verified);

    private readonly record struct ValueEntry(string Name, int Start, int Length);
}
