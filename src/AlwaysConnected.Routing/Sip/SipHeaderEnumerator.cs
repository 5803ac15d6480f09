using System.Text;

namespace AlwaysConnected.Routing.Sip;

/// <summary>Enumerates the headers of a message that share an id (or an extension name), in message order.</summary>
public ref struct SipHeaderEnumerator
{
    private readonly SipMessage _message;
    private readonly SipHeaderId _id;
    private readonly ReadOnlySpan<byte> _name;
    private int _next;

    internal SipHeaderEnumerator(SipMessage message, SipHeaderId id, ReadOnlySpan<byte> name)
    {
        _message = message;
        _id = id;
        _name = name;
        var index = message.IndexOrNull;

        // Headers with the same id are found by scanning forward from the first one the index recorded.
        int first = index is null ? -1 : index.FirstIndexOf(id);
        _next = first < 0 ? int.MaxValue : first;
        Current = default;
    }

    /// <summary>The current header.</summary>
    public SipHeader Current { get; private set; }

    /// <summary>The message the headers belong to (to read names and values).</summary>
    public readonly SipMessage Message => _message;

    /// <summary>Returns this enumerator, so that it works in <c>foreach</c>.</summary>
    /// <returns>This enumerator.</returns>
    public readonly SipHeaderEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next matching header.</summary>
    /// <returns>Whether there is one.</returns>
    public bool MoveNext()
    {
        int count = _message.HeaderCount;
        while (_next < count)
        {
            var header = _message.GetHeader(_next++);
            if (header.Id != _id)
            {
                continue;
            }

            if (_id == SipHeaderId.Extension && !_name.IsEmpty && !Ascii.EqualsIgnoreCase(_message.GetName(header), _name))
            {
                continue;
            }

            Current = header;
            return true;
        }

        _next = int.MaxValue;
        return false;
    }
}
