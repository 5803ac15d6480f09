using AlwaysConnected.Routing.Requests;
using System.Buffers;
using AlwaysConnected.Routing.DialPlan.Evaluation;

namespace AlwaysConnected.Routing.DialPlan.Functions.BuiltIns;

/// <summary>
/// <c>$registered</c>, <c>$regUri</c>, <c>$regaddr</c> / <c>$registeredaddr</c> (host registrar) and
/// <c>$alias.lookup</c> (host directory). Without an argument they ask about the Request-URI's user.
/// </summary>
internal static class RegistrarFunctions
{
    public static IEnumerable<DialPlanFunction> All()
    {
        yield return new("registered", 0, 1, Registered);
        yield return new("regUri", 0, 1, RegisteredUri);
        yield return new("regaddr", 0, 1, RegisteredAddress);
        yield return new("registeredaddr", 0, 1, RegisteredAddress);
        yield return new("alias.lookup", 1, 2, AliasLookup);
    }

    private static bool Registered(in DialPlanFunctionContext c, IBufferWriter<byte> result)
    {
        if (!TryGetUser(c, out var user))
        {
            return ValueWriter.Boolean(result, false);
        }

        Span<char> chars = stackalloc char[CharScratch.MaxLength];
        return ValueWriter.Boolean(result, CharScratch.TryDecode(user, chars, out var text) && c.Services.Registrar.GetContact(text) is not null);
    }

    private static bool RegisteredUri(in DialPlanFunctionContext c, IBufferWriter<byte> result)
    {
        var contact = FindContact(c);
        return contact is not null && ValueWriter.Text(result, contact);
    }

    private static bool RegisteredAddress(in DialPlanFunctionContext c, IBufferWriter<byte> result)
    {
        var contact = FindContact(c);
        if (contact is null)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[512];
        if (!System.Text.Encoding.UTF8.TryGetBytes(contact, bytes, out var written)
            || !RequestReader.TryGetHostPort(bytes[..written], out var host, out _))
        {
            return false;
        }

        return ValueWriter.Bytes(result, AddressText.Unbracket(host));
    }

    private static bool AliasLookup(in DialPlanFunctionContext c, IBufferWriter<byte> result)
    {
        Span<char> aliasChars = stackalloc char[CharScratch.MaxLength];
        Span<char> groupChars = stackalloc char[CharScratch.MaxLength];
        if (!c.TryGetArgument(0, out var alias) || !CharScratch.TryDecode(alias, aliasChars, out var aliasText))
        {
            return false;
        }

        scoped ReadOnlySpan<char> groupText = default;
        if (c.ArgumentCount > 1 && (!c.TryGetArgument(1, out var group) || !CharScratch.TryDecode(group, groupChars, out groupText)))
        {
            return false;
        }

        var entity = c.Services.Aliases.Lookup(aliasText, groupText);
        return entity is not null && ValueWriter.Text(result, entity);
    }

    private static string? FindContact(in DialPlanFunctionContext c)
    {
        Span<char> chars = stackalloc char[CharScratch.MaxLength];
        return TryGetUser(c, out var user) && CharScratch.TryDecode(user, chars, out var text)
            ? c.Services.Registrar.GetContact(text)
            : null;
    }

    /// <summary>
    /// The user asked about: the argument's user part (a header value or URI), a bare user name, or
    /// — without an argument — the Request-URI's user.
    /// </summary>
    private static bool TryGetUser(in DialPlanFunctionContext c, out ReadOnlySpan<byte> user)
    {
        if (c.ArgumentCount == 0)
        {
            return RequestReader.TryGetUser(c.Message.RequestUri, out user);
        }

        if (!c.TryGetArgument(0, out var value))
        {
            user = default;
            return false;
        }

        if (RequestReader.TryGetUser(value, out user))
        {
            return true;
        }

        user = value.Trim((byte)' ');
        return !user.IsEmpty && user.IndexOfAny(":@<"u8) < 0;
    }
}
