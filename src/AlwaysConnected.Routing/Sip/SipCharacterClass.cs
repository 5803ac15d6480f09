using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AlwaysConnected.Routing.Sip;

/// <summary>
/// One table lookup per byte for the single-pass readers: short header values are cheaper to walk byte by byte
/// than to search ten times, because every vectorised search has a fixed start-up cost.
/// </summary>
internal static class SipCharacterClass
{
    /// <summary>RFC 3261 <c>token</c> (same set as <see cref="SipCharacters.Token"/>).</summary>
    public const byte Token = 1;

    /// <summary>A host name or IPv4 address byte (same set as <see cref="SipCharacters.HostName"/>).</summary>
    public const byte HostName = 2;

    /// <summary>A byte that sends a reader off its fast path (same set as <see cref="SipCharacters.ParameterListUnusual"/>).</summary>
    public const byte Unusual = 4;

    /// <summary>A byte a URI never holds unescaped (same set as <see cref="SipCharacters.UriForbidden"/>).</summary>
    public const byte UriForbidden = 8;

    private static readonly byte[] Table = Build();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Of(byte b) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Table), (nint)b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Is(byte b, byte classes) => (Of(b) & classes) != 0;

    private static byte[] Build()
    {
        var table = new byte[256];
        for (int b = 0; b < 256; b++)
        {
            byte value = 0;
            if (SipCharacters.Token.Contains((byte)b))
            {
                value |= Token;
            }

            if (SipCharacters.HostName.Contains((byte)b))
            {
                value |= HostName;
            }

            if (SipCharacters.ParameterListUnusual.Contains((byte)b))
            {
                value |= Unusual;
            }

            if (SipCharacters.UriForbidden.Contains((byte)b))
            {
                value |= UriForbidden;
            }

            table[b] = value;
        }

        return table;
    }
}
