using System.Buffers;
using System.Globalization;

namespace AlwaysConnected.Routing.Requests;

/// <summary>
/// Writes small values (booleans, integers, text) into a byte buffer without allocating: the built-in
/// functions' results and the engines' computed values (a next hop's port) alike.
/// </summary>
internal static class ValueWriter
{
    public static bool Boolean(IBufferWriter<byte> result, bool value)
    {
        result.Write(value ? "true"u8 : "false"u8);
        return true;
    }

    public static bool Bytes(IBufferWriter<byte> result, ReadOnlySpan<byte> value)
    {
        result.Write(value);
        return true;
    }

    public static bool Integer(IBufferWriter<byte> result, long value)
    {
        var span = result.GetSpan(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        result.Advance(written);
        return true;
    }

    public static bool Text(IBufferWriter<byte> result, string value)
    {
        var span = result.GetSpan(System.Text.Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = System.Text.Encoding.UTF8.GetBytes(value, span);
        result.Advance(written);
        return true;
    }

    /// <summary>Parses a decimal integer argument; surrounding spaces are ignored.</summary>
    public static bool TryParseInteger(ReadOnlySpan<byte> value, out long number) =>
        long.TryParse(value.Trim((byte)' '), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
}
