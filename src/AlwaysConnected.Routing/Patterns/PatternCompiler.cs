using System.Text.RegularExpressions;

namespace AlwaysConnected.Routing.Patterns;

/// <summary>Chooses the engine for a pattern: a specialised matcher when the shape allows, a regex otherwise.</summary>
internal static class PatternCompiler
{
    public static CompiledPattern Compile(string pattern, PatternOptions options)
    {
        if (options.BacktrackingTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BacktrackingTimeout, "BacktrackingTimeout must be positive.");
        }

        if (pattern.Length > options.MaxPatternLength)
        {
            throw new PatternSyntaxException(pattern, options.MaxPatternLength, $"pattern longer than {options.MaxPatternLength} chars", "shorten it or raise SipRouterOptions.MaxPatternLength");
        }

        var negated = pattern.StartsWith('!');
        var translated = JavaDialectTranslator.Translate(pattern, negated ? 1 : 0);
        if (!translated.HasInlineOptions && ShapeParser.TryParse(translated.DotNetPattern) is { } shape
            && TrySpecialise(pattern, negated, options, shape) is { } specialised)
        {
            return specialised;
        }

        return CreateRegex(pattern, negated, options, translated);
    }

    internal static CompiledPattern? TrySpecialise(string source, bool negated, PatternOptions options, ParsedShape shape)
    {
        if (shape.Alternatives is { } alternatives)
        {
            return new LiteralAlternationPattern(source, negated, options, [.. alternatives], shape.AnchorStart, shape.AnchorEnd, shape.AlternationCaptured);
        }

        shape = DropTrailingOptionalRuns(shape);
        var items = MergeLiterals(shape);
        if (shape.Groups.Count == 0)
        {
            var bothAnchors = shape.AnchorStart && shape.AnchorEnd;
            if (items.Length == 0 && !bothAnchors)
            {
                return new AlwaysPattern(source, negated, options);
            }

            if (items.Length == 1 && !bothAnchors && !items[0].IsLiteral && items[0].Min == 0 && items[0].Max == ShapeItem.Unbounded
                && ReferenceEquals(items[0].Class, ByteClass.Dot))
            {
                return new AlwaysPattern(source, negated, options);
            }

            if (items.Length == 0 || (items.Length == 1 && items[0].IsLiteral))
            {
                var literal = items.Length == 0 ? [] : items[0].Literal!;
                var position = (shape.AnchorStart, shape.AnchorEnd) switch
                {
                    (true, true) => LiteralPosition.Whole,
                    (true, false) => LiteralPosition.Start,
                    (false, true) => LiteralPosition.End,
                    _ => LiteralPosition.Anywhere,
                };
                return new LiteralPattern(source, negated, options, literal, position);
            }
        }

        var remapped = shape with { Groups = RemapGroups(shape, items.Length) };
        return SequencePattern.TryCreate(source, negated, options, remapped, items);
    }

    /// <summary>
    /// Removes trailing <c>X*</c>-style elements outside every group when the end is not anchored: they
    /// can always match empty after the earlier elements made their (greedy) choices, so they change
    /// neither the outcome nor any capture. The TT idiom <c>@gw1[ >;]*</c> thus becomes a literal.
    /// </summary>
    private static ParsedShape DropTrailingOptionalRuns(ParsedShape shape)
    {
        if (shape.AnchorEnd)
        {
            return shape;
        }

        var count = shape.Items.Count;
        while (count > 0 && !shape.Items[count - 1].IsLiteral && shape.Items[count - 1].Min == 0
            && shape.Groups.All(g => g.EndItem < count))
        {
            count--;
        }

        return count == shape.Items.Count ? shape : shape with { Items = [.. shape.Items.Take(count)] };
    }

    /// <summary>Joins adjacent literal elements unless a group starts or ends between them.</summary>
    private static ShapeItem[] MergeLiterals(ParsedShape shape)
    {
        var merged = new List<ShapeItem>();
        for (var i = 0; i < shape.Items.Count; i++)
        {
            var item = shape.Items[i];
            if (merged.Count > 0 && merged[^1].IsLiteral && item.IsLiteral && !IsGroupBoundary(shape, i))
            {
                merged[^1] = ShapeItem.FromLiteral([.. merged[^1].Literal!, .. item.Literal!]);
            }
            else
            {
                merged.Add(item);
            }
        }

        return [.. merged];
    }

    private static bool IsGroupBoundary(ParsedShape shape, int item) =>
        shape.Groups.Any(g => g.FirstItem == item || g.EndItem == item);

    /// <summary>Re-expresses group spans in terms of merged element indices.</summary>
    private static GroupSpan[] RemapGroups(ParsedShape shape, int mergedCount)
    {
        // Element i of the original list lands in merged element newIndex[i]; boundaries are preserved.
        var newIndex = new int[shape.Items.Count + 1];
        var current = -1;
        for (var i = 0; i < shape.Items.Count; i++)
        {
            var mergesIntoPrevious = i > 0 && shape.Items[i].IsLiteral && shape.Items[i - 1].IsLiteral && !IsGroupBoundary(shape, i);
            if (!mergesIntoPrevious)
            {
                current++;
            }

            newIndex[i] = current;
        }

        newIndex[shape.Items.Count] = mergedCount;
        return [.. shape.Groups.Select(g => new GroupSpan(g.Number, newIndex[g.FirstItem], g.EndItem == shape.Items.Count ? mergedCount : newIndex[g.EndItem]))];
    }

    private static RegexPattern CreateRegex(string pattern, bool negated, PatternOptions options, TranslatedPattern translated)
    {
        var text = translated.DotNetPattern;
        try
        {
            var regex = new Regex(text, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            return new RegexPattern(pattern, negated, options, regex, translated.GroupCount, backtracking: false);
        }
        catch (NotSupportedException unsupported)
        {
            if (!options.AllowBacktracking)
            {
                throw new PatternSyntaxException(pattern, negated ? 1 : 0, "construct that needs the backtracking engine (back-reference, look-around, atomic group or \\G)",
                    "backtracking is disabled by SipRouterOptions.AllowBacktracking", unsupported);
            }
        }
        catch (RegexParseException parse)
        {
            throw Translate(pattern, translated, parse);
        }

        try
        {
            var regex = new Regex(text, RegexOptions.CultureInvariant, options.BacktrackingTimeout);
            return new RegexPattern(pattern, negated, options, regex, translated.GroupCount, backtracking: true);
        }
        catch (RegexParseException parse)
        {
            throw Translate(pattern, translated, parse);
        }
    }

    private static PatternSyntaxException Translate(string pattern, TranslatedPattern translated, RegexParseException parse)
    {
        // .NET reports the offset just past the offending token; point at the token itself.
        var offset = Math.Max(0, parse.Offset - 1);
        var column = translated.SourceColumnAt(offset, pattern.Length);
        return new PatternSyntaxException(pattern, column, "invalid regular expression (" + parse.Error + ")", parse.Message, parse);
    }
}
