using AlwaysConnected.Routing.Requests;
using System.Text;
using System.Buffers;

namespace AlwaysConnected.Routing.DialPlan.Functions.BuiltIns;

/// <summary><c>$math.*</c> on decimal integers and <c>$str.lowercase</c> / <c>$str.uppercase</c> (ASCII).</summary>
internal static class MathAndStringFunctions
{
    public static IEnumerable<DialPlanFunction> All()
    {
        yield return new("math.lt", 2, 2, static (in c, r) => Compare(c, r, static (a, b) => a < b));
        yield return new("math.le", 2, 2, static (in c, r) => Compare(c, r, static (a, b) => a <= b));
        yield return new("math.gt", 2, 2, static (in c, r) => Compare(c, r, static (a, b) => a > b));
        yield return new("math.ge", 2, 2, static (in c, r) => Compare(c, r, static (a, b) => a >= b));
        yield return new("math.eq", 2, 2, static (in c, r) => Compare(c, r, static (a, b) => a == b));
        yield return new("math.min", 2, 3, static (in c, r) => Fold(c, r, Math.Min));
        yield return new("math.max", 2, 3, static (in c, r) => Fold(c, r, Math.Max));
        yield return new("math.inc", 1, 1, static (in c, r) => TryGetNumber(c, 0, out var n) && n < long.MaxValue && ValueWriter.Integer(r, n + 1));
        yield return new("math.dec", 1, 1, static (in c, r) => TryGetNumber(c, 0, out var n) && n > long.MinValue && ValueWriter.Integer(r, n - 1));
        yield return new("math.range", 3, 3, Range);
        yield return new("math.rand", 2, 2, Random);
        yield return new("str.lowercase", 1, 1, static (in c, r) => Case(c, r, upper: false));
        yield return new("str.uppercase", 1, 1, static (in c, r) => Case(c, r, upper: true));
    }

    private static bool TryGetNumber(in DialPlanFunctionContext c, int index, out long number)
    {
        number = 0;
        return c.TryGetArgument(index, out var value) && ValueWriter.TryParseInteger(value, out number);
    }

    private static bool Compare(in DialPlanFunctionContext c, IBufferWriter<byte> result, Func<long, long, bool> comparison) =>
        TryGetNumber(c, 0, out var a) && TryGetNumber(c, 1, out var b) && ValueWriter.Boolean(result, comparison(a, b));

    private static bool Fold(in DialPlanFunctionContext c, IBufferWriter<byte> result, Func<long, long, long> fold)
    {
        if (!TryGetNumber(c, 0, out var acc))
        {
            return false;
        }

        for (var i = 1; i < c.ArgumentCount; i++)
        {
            if (!TryGetNumber(c, i, out var next))
            {
                return false;
            }

            acc = fold(acc, next);
        }

        return ValueWriter.Integer(result, acc);
    }

    private static bool Range(in DialPlanFunctionContext c, IBufferWriter<byte> result) =>
        TryGetNumber(c, 0, out var low) && TryGetNumber(c, 1, out var high) && TryGetNumber(c, 2, out var value)
        && ValueWriter.Boolean(result, value >= low && value <= high);

    private static bool Random(in DialPlanFunctionContext c, IBufferWriter<byte> result)
    {
        if (!TryGetNumber(c, 0, out var low) || !TryGetNumber(c, 1, out var high) || high < low || high == long.MaxValue)
        {
            return false;
        }

        return ValueWriter.Integer(result, System.Random.Shared.NextInt64(low, high + 1));
    }

    private static bool Case(in DialPlanFunctionContext c, IBufferWriter<byte> result, bool upper)
    {
        if (!c.TryGetArgument(0, out var value))
        {
            return false;
        }

        var span = result.GetSpan(value.Length);
        var status = upper ? Ascii.ToUpper(value, span, out var written) : Ascii.ToLower(value, span, out written);
        if (status != System.Buffers.OperationStatus.Done)
        {
            // Non-ASCII bytes are kept as they are: only ASCII letters change case.
            value.CopyTo(span);
            for (var i = 0; i < value.Length; i++)
            {
                var b = span[i];
                span[i] = upper ? (b is >= (byte)'a' and <= (byte)'z' ? (byte)(b - 32) : b) : (b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b);
            }

            written = value.Length;
        }

        result.Advance(written);
        return true;
    }
}
