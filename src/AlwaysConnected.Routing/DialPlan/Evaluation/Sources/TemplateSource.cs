using System.Buffers;
using System.Text;

namespace AlwaysConnected.Routing.DialPlan.Evaluation.Sources;

/// <summary>
/// A value built from literal text and substitutions (<c>%1</c>, <c>%{12}</c>, <c>%{$func(args)}</c>),
/// as used in deploy values and quoted arguments. A null substitution contributes nothing.
/// </summary>
internal sealed class TemplateSource : ValueSource
{
    private readonly object[] _parts;
    private readonly string _text;

    // Literal text and %n captures append nothing to the arena when evaluated, so a template made of
    // only those can be written straight into the arena in one pass (the common `sip:%1@host`).
    private readonly bool _singlePass;

    // The single-pass parts, typed: a literal at i, or else a capture at i (no type test per part).
    private readonly byte[]?[] _literalParts;
    private readonly CaptureSource?[] _captureParts;
    private readonly ValueSource?[] _sourceParts;

    /// <param name="parts">Each part is a <see cref="byte"/> array of literal text or a <see cref="ValueSource"/>.</param>
    /// <param name="text">The template as written.</param>
    public TemplateSource(object[] parts, string text)
    {
        _parts = parts;
        _text = text;
        _singlePass = parts.All(static p => p is byte[] or CaptureSource);
        _literalParts = [.. parts.Select(static p => p as byte[])];
        _captureParts = [.. parts.Select(static p => p as CaptureSource)];
        _sourceParts = [.. parts.Select(static p => p as ValueSource)];
    }

    /// <summary>The highest capture number the template refers to, for load-time validation.</summary>
    public IEnumerable<ValueSource> Substitutions => _parts.OfType<ValueSource>();

    public override ValueRef Evaluate(ref EvaluationFrame frame)
    {
        if (_singlePass)
        {
            var first = frame.Arena.Length;
            var literals = _literalParts;
            for (var i = 0; i < literals.Length; i++)
            {
                frame.Arena.Append(literals[i] ?? frame.Resolve(_captureParts[i]!.Evaluate(ref frame)));
            }

            return ValueRef.FromArena(first, frame.Arena.Length - first);
        }

        // Substitutions are evaluated first (they may append to the arena themselves), then the
        // pieces are concatenated in one contiguous run at the end of the arena.
        var count = _parts.Length;
        var buffer = new ValueRefBuffer();
        ValueRef[]? rented = null;
        Span<ValueRef> values = count <= ValueRefBuffer.MaxArguments ? buffer : (rented = ArrayPool<ValueRef>.Shared.Rent(count));
        try
        {
            for (var i = 0; i < count; i++)
            {
                values[i] = _sourceParts[i]?.Evaluate(ref frame) ?? default;
            }

            var start = frame.Arena.Length;
            for (var i = 0; i < count; i++)
            {
                frame.Arena.Append(_literalParts[i] ?? frame.Resolve(values[i]));
            }

            return ValueRef.FromArena(start, frame.Arena.Length - start);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<ValueRef>.Shared.Return(rented);
            }
        }
    }

    public override string ToString() => _text;

    /// <summary>Builds a template, or a plain literal when there is nothing to substitute.</summary>
    public static ValueSource Create(List<object> parts, string text)
    {
        if (parts.Count == 0)
        {
            return new LiteralSource(string.Empty);
        }

        if (parts.TrueForAll(static p => p is byte[]))
        {
            return new LiteralSource(text.Length > 0 ? Encoding.UTF8.GetString(parts.SelectMany(p => (byte[])p).ToArray()) : string.Empty);
        }

        return parts.Count == 1 && parts[0] is ValueSource single ? single : new TemplateSource([.. parts], text);
    }
}
