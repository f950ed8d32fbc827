namespace Relaxnative.Tests.Facade.Records;

/// <summary>
/// The typed by-value checks of tests/native/records.c, one per group of System V classes, run against a module in any
/// isolation mode: the same values must come back whether the call runs here or in the helper process.
/// </summary>
internal static class TypedRecordChecks
{
    internal static void EveryClass(NativeModule records)
    {
        var add = records["point_add"].AsDelegate<PointAdd>()(new Point { X = 1, Y = 2 }, new Point { X = 3, Y = 4 });
        Assert.Equal((4, 6), (add.X, add.Y));

        var scale = records["vector_scale"].AsDelegate<VectorScale>()(new Vector2 { X = 1.5f, Y = -2 }, 2);
        Assert.Equal((3f, -4f), (scale.X, scale.Y));

        Assert.Equal(12f, records["rectangle_area"].AsDelegate<RectangleArea>()(new Rectangle { Width = 3, Height = 4 }));
        Assert.Equal(10_010, records["draw_rectangle"].AsDelegate<DrawRectangle>()(
            new Rectangle { X = 1, Y = 2, Width = 3, Height = 4 }, new Color { R = 1, G = 2, B = 3, A = 4 }));

        var mixed = records["mixed_make"].AsDelegate<MixedMake>()(1.5f, 7, 2.25);
        Assert.Equal((1.5f, 7, 2.25), (mixed.F, mixed.I, mixed.D));
        Assert.Equal(10.75, records["mixed_sum"].AsDelegate<MixedSum>()(mixed));

        var swapped = records["pair_swap"].AsDelegate<PairSwap>()(new Pair { A = 1.25, B = -8 });
        Assert.Equal((-8.0, 1.25), (swapped.A, swapped.B));
    }

    internal static unsafe void MemoryClassPackedArraysUnionsNested(NativeModule records)
    {
        var big = records["big_make"].AsDelegate<BigMake>()(3, 0.5, 9);
        Assert.Equal((3, 0.5, 9, 10L, 20L), (big.C, big.D, big.I, big.L[0], big.L[1]));
        Assert.Equal(42.5, records["big_sum"].AsDelegate<BigSum>()(big));

        var packed = records["packed_make"].AsDelegate<PackedMake>()(1, 100_000, -7);
        Assert.Equal((1, 100_000, (short)-7), (packed.C, packed.I, packed.S));
        Assert.Equal(99_994, records["packed_sum"].AsDelegate<PackedSum>()(packed));

        var withArray = new WithArray { N = 1 };
        withArray.V[0] = 0.5f;
        withArray.V[1] = 0.25f;
        withArray.V[2] = 2;
        Assert.Equal(3.75f, records["with_array_sum"].AsDelegate<WithArraySum>()(withArray));

        var number = records["number_from_double"].AsDelegate<NumberFromDouble>()(6.5);
        Assert.Equal(6.5, number.D);
        Assert.Equal(6.5, records["number_as_double"].AsDelegate<NumberAsDouble>()(number));

        Assert.Equal(7, records["tagged_value"].AsDelegate<TaggedValue>()(new Tagged { Kind = 1, F = 7.9f }));
        Assert.Equal(5, records["tagged_value"].AsDelegate<TaggedValue>()(new Tagged { Kind = 0, I = 5 }));
        Assert.Equal(1 + 2 + 3 + 4 + 5, records["nested_sum"].AsDelegate<NestedSum>()(
            new Nested { Tag = 1, P = new Point { X = 2, Y = 3 }, V = new Vector2 { X = 4, Y = 5 } }));
    }
}
