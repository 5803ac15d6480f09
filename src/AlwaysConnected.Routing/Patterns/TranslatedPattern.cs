namespace AlwaysConnected.Routing.Patterns;

/// <summary>A pattern rewritten from the Java dialect into .NET regex syntax.</summary>
/// <param name="DotNetPattern">The .NET regex text.</param>
/// <param name="SourceColumns">For each char of <paramref name="DotNetPattern"/>, the source column it came from.</param>
/// <param name="GroupCount">Number of capturing groups, numbered left to right as Java does.</param>
/// <param name="HasInlineOptions">Whether the pattern sets inline options such as <c>(?i)</c>.</param>
internal sealed record TranslatedPattern(string DotNetPattern, int[] SourceColumns, int GroupCount, bool HasInlineOptions)
{
    /// <summary>Maps an offset in <see cref="DotNetPattern"/> back to a column of the source pattern.</summary>
    public int SourceColumnAt(int offset, int sourceLength)
    {
        if (SourceColumns.Length == 0)
        {
            return Math.Min(offset, sourceLength);
        }

        return offset >= SourceColumns.Length ? sourceLength : SourceColumns[Math.Max(0, offset)];
    }
}
