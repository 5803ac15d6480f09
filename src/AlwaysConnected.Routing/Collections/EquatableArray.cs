using System.Collections;
using System.Collections.Immutable;

namespace AlwaysConnected.Routing.Collections;

/// <summary>
/// An immutable array with value equality, so that rule models built from text, JSON or the fluent
/// builder compare equal when they hold equal items in the same order.
/// </summary>
/// <typeparam name="T">The item type; it should itself have value equality.</typeparam>
/// <remarks>
/// <see cref="ImmutableArray{T}"/> compares by reference, which would make two records holding equal
/// rule lists unequal. This wrapper keeps the array and compares item by item.
/// </remarks>
[System.Runtime.CompilerServices.CollectionBuilder(typeof(EquatableArray), nameof(EquatableArray.Create))]
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    private readonly ImmutableArray<T> _items;

    /// <summary>Wraps an immutable array.</summary>
    /// <param name="items">The items; a default array is treated as empty.</param>
    public EquatableArray(ImmutableArray<T> items) => _items = items.IsDefault ? ImmutableArray<T>.Empty : items;

    /// <summary>An empty array.</summary>
    public static EquatableArray<T> Empty => new(ImmutableArray<T>.Empty);

    /// <summary>The wrapped items.</summary>
    public ImmutableArray<T> AsImmutableArray() => _items.IsDefault ? ImmutableArray<T>.Empty : _items;

    /// <inheritdoc />
    public int Count => _items.IsDefault ? 0 : _items.Length;

    /// <inheritdoc />
    public T this[int index] => AsImmutableArray()[index];

    /// <summary>Returns the items as a read-only span.</summary>
    public ReadOnlySpan<T> AsSpan() => AsImmutableArray().AsSpan();

    /// <inheritdoc />
    public bool Equals(EquatableArray<T> other) => AsSpan().SequenceEqual(other.AsSpan(), EqualityComparer<T>.Default);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in AsSpan())
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>Returns an enumerator over the items.</summary>
    public ImmutableArray<T>.Enumerator GetEnumerator() => AsImmutableArray().GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)AsImmutableArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)AsImmutableArray()).GetEnumerator();

    /// <summary>Compares two arrays item by item.</summary>
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    /// <summary>Compares two arrays item by item.</summary>
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    /// <summary>Wraps an immutable array.</summary>
    public static implicit operator EquatableArray<T>(ImmutableArray<T> items) => new(items);

    /// <summary>Wraps an immutable array.</summary>
    public static EquatableArray<T> FromImmutableArray(ImmutableArray<T> items) => new(items);
}

/// <summary>Factory methods for <see cref="EquatableArray{T}"/>.</summary>
public static class EquatableArray
{
    /// <summary>Creates an array from the given items.</summary>
    public static EquatableArray<T> Create<T>(params ReadOnlySpan<T> items) => new([.. items]);

    /// <summary>Creates an array from a sequence.</summary>
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) => new([.. items]);
}
