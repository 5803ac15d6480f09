using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Tests.Collections;

public class EquatableArrayTests
{
    [Fact]
    public void Arrays_with_equal_items_in_the_same_order_are_equal()
    {
        var left = EquatableArray.Create("a", "b");
        var right = new[] { "a", "b" }.ToEquatableArray();

        left.Equals(right).Should().BeTrue();
        (left == right).Should().BeTrue();
        left.GetHashCode().Should().Be(right.GetHashCode());
    }

    [Fact]
    public void Order_matters()
    {
        EquatableArray.Create("a", "b").Equals(EquatableArray.Create("b", "a")).Should().BeFalse();
    }

    [Fact]
    public void A_default_array_behaves_as_empty()
    {
        default(EquatableArray<int>).Count.Should().Be(0);
        default(EquatableArray<int>).Equals(EquatableArray<int>.Empty).Should().BeTrue();
    }
}
