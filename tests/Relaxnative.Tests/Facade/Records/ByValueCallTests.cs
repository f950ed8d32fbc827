using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Facade.Records;

/// <summary>
/// Structs and unions by value through tests/native/records.c, one fixture per System V class (INTEGER, SSE, mixed,
/// MEMORY over 16 bytes, packed, arrays, unions, nested, argument registers exhausted), both ways: C computes from fields
/// .NET wrote, and .NET reads fields C wrote.
/// </summary>
public sealed class ByValueCallTests
{
    private static readonly Lazy<NativeModule> s_records = new(() => NativeFixtures.Load("records.c", IsolationMode.InProcess));

    private static NativeModule Records => s_records.Value;

    [Fact]
    public void Typed_EveryClass_PassesAndReturnsFields()
    {
        var add = Records["point_add"].AsDelegate<PointAdd>();
        Assert.Equal((4, 6), Tuple(add(new Point { X = 1, Y = 2 }, new Point { X = 3, Y = 4 })));

        var scale = Records["vector_scale"].AsDelegate<VectorScale>()(new Vector2 { X = 1.5f, Y = -2 }, 2);
        Assert.Equal((3f, -4f), (scale.X, scale.Y));

        Assert.Equal(12f, Records["rectangle_area"].AsDelegate<RectangleArea>()(new Rectangle { Width = 3, Height = 4 }));
        Assert.Equal(10_010, Records["draw_rectangle"].AsDelegate<DrawRectangle>()(
            new Rectangle { X = 1, Y = 2, Width = 3, Height = 4 }, new Color { R = 1, G = 2, B = 3, A = 4 }));

        var mixed = Records["mixed_make"].AsDelegate<MixedMake>()(1.5f, 7, 2.25);
        Assert.Equal((1.5f, 7, 2.25), (mixed.F, mixed.I, mixed.D));
        Assert.Equal(10.75, Records["mixed_sum"].AsDelegate<MixedSum>()(mixed));

        var swapped = Records["pair_swap"].AsDelegate<PairSwap>()(new Pair { A = 1.25, B = -8 });
        Assert.Equal((-8.0, 1.25), (swapped.A, swapped.B));
    }

    [Fact]
    public unsafe void Typed_MemoryClassPackedArraysUnionsNested_PassAndReturn()
    {
        var big = Records["big_make"].AsDelegate<BigMake>()(3, 0.5, 9);
        Assert.Equal((3, 0.5, 9, 10L, 20L), (big.C, big.D, big.I, big.L[0], big.L[1]));
        Assert.Equal(42.5, Records["big_sum"].AsDelegate<BigSum>()(big));

        var packed = Records["packed_make"].AsDelegate<PackedMake>()(1, 100_000, -7);
        Assert.Equal((1, 100_000, (short)-7), (packed.C, packed.I, packed.S));
        Assert.Equal(99_994, Records["packed_sum"].AsDelegate<PackedSum>()(packed));

        var withArray = new WithArray { N = 1 };
        withArray.V[0] = 0.5f;
        withArray.V[1] = 0.25f;
        withArray.V[2] = 2;
        Assert.Equal(3.75f, Records["with_array_sum"].AsDelegate<WithArraySum>()(withArray));

        var number = Records["number_from_double"].AsDelegate<NumberFromDouble>()(6.5);
        Assert.Equal(6.5, number.D);
        Assert.Equal(6.5, Records["number_as_double"].AsDelegate<NumberAsDouble>()(number));

        Assert.Equal(7, Records["tagged_value"].AsDelegate<TaggedValue>()(new Tagged { Kind = 1, F = 7.9f }));
        Assert.Equal(5, Records["tagged_value"].AsDelegate<TaggedValue>()(new Tagged { Kind = 0, I = 5 }));
        Assert.Equal(1 + 2 + 3 + 4 + 5, Records["nested_sum"].AsDelegate<NestedSum>()(
            new Nested { Tag = 1, P = new Point { X = 2, Y = 3 }, V = new Vector2 { X = 4, Y = 5 } }));
    }

    [Fact]
    public void Typed_ArgumentRegistersExhausted_RecordsSpillToTheStack()
    {
        var many = Records["many_points"].AsDelegate<ManyPoints>();
        static Point P(int x) => new() { X = x, Y = 100 * x };

        Assert.Equal(1 + 2 + 3 + 4 + 5 + 6 + 600, many(P(1), P(2), P(3), P(4), 5.9, P(6)));
    }

    [Fact]
    public void Untyped_UserStructsNativeStructsAndBytes_PassAndReturn()
    {
        var result = Records["point_add"].Invoke(new Point { X = 1, Y = 2 }, new Point { X = 10, Y = 20 });

        var record = Assert.IsType<NativeStruct>(result);
        Assert.Equal((11, 22), (record.Get<int>("x"), record["y"]));
        Assert.Equal("struct point { x = 11, y = 22 }", record.ToString());

        var typed = Records["point_add"].Invoke<Point>(record, new byte[] { 1, 0, 0, 0, 2, 0, 0, 0 });
        Assert.Equal((12, 24), Tuple(typed));

        var rectangle = NativeStruct.Create(Records.Layout("Rectangle"));
        rectangle["width"] = 2.5f;
        rectangle["height"] = 4;
        Assert.Equal(10f, Records["rectangle_area"].Invoke(rectangle));

        var mixed = Records["mixed_make"].Invoke<Mixed>(0.5f, 3, 1.0);
        Assert.Equal((0.5f, 3, 1.0), (mixed.F, mixed.I, mixed.D));
        Assert.Equal(42.5, Records["big_sum"].Invoke(Records["big_make"].Invoke((sbyte)3, 0.5, 9)));
        Assert.Equal(99_994, Records["packed_sum"].Invoke(Records["packed_make"].Invoke((sbyte)1, 100_000, (short)-7)));
        Assert.Equal(6.5, Records["number_as_double"].Invoke(Records["number_from_double"].Invoke(6.5)));
    }

    [Fact]
    public void Dynamic_RecordsByValue_Work()
    {
        dynamic records = Records.AsDynamic();

        NativeStruct v = records.vector_scale(new Vector2 { X = 1, Y = 2 }, 3f);

        Assert.Equal(6f, v.Get<float>("y"));
    }

    [Fact]
    public async Task Worker_AsyncRecordsByValue_Work()
    {
        using var module = Native.Load(NativeFixtures.SourcePath("records.c"), new LoadOptions
        {
            Isolation = IsolationMode.Worker,
            DefaultMode = ExecutionMode.Async,
            Build = new BuildOptions { CacheDirectory = Path.Combine(Path.GetTempPath(), "relaxnative-test-fixtures") },
        });

        var sum = await module["mixed_sum"].InvokeAsync<double>(new Mixed { F = 1, I = 2, D = 3.5 });

        Assert.Equal(6.5, sum);
    }

    [Fact]
    public void Bind_WrongFieldType_ThrowsAtBindTimeWithBothLayouts()
    {
        var error = Assert.Throws<NativeBindingException>(() => Records["point_add"].AsDelegate<PointAddWrong>());

        var message = error.Message;
        Assert.Contains("C struct point (8 bytes)", message, StringComparison.Ordinal);
        Assert.Contains("C# PointWithFloatY (8 bytes)", message, StringComparison.Ordinal);
        Assert.Contains("+4 int32 y", message, StringComparison.Ordinal);
        Assert.Contains("+4 float32 Y", message, StringComparison.Ordinal);
        Assert.Contains("<<", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_WrongSize_ThrowsNamingBothSizes()
    {
        var error = Assert.Throws<NativeBindingException>(() => Records["point_add"].AsDelegate<PointAddSmall>());

        Assert.Contains("PointTooSmall is 4 bytes but C 'struct point' is 8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_WrongStruct_ThrowsLayoutMismatch()
    {
        var error = Assert.Throws<NativeLayoutMismatchException>(() => Records["point_add"].Invoke(new PointWithFloatY(), new Point()));

        Assert.Equal("struct point", error.RecordName);
        Assert.Equal(typeof(PointWithFloatY), error.ManagedType);
    }

    [Fact]
    public void Invoke_BytesOfWrongSize_ThrowsNamingBothSizes()
    {
        var error = Assert.Throws<ArgumentException>(() => Records["point_add"].Invoke(new byte[7], new Point()));

        Assert.Contains("7 bytes; pass exactly 8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_LibcWithHeaders_CallsDivAndClockGettime()
    {
        using var libc = Native.Open("libc.so.6", new OpenOptions { Headers = ["stdlib.h", "time.h"] });

        var div = libc["div"].Invoke<DivT>(17, 5);
        Assert.Equal((3, 2), (div.Quot, div.Rem));
        Assert.Equal(-3, libc["div"].Invoke<NativeStruct>(-17, 5).Get<int>("quot"));

        using var spec = Native.Alloc(libc.Layout("struct timespec").Size);
        Assert.Equal(0, libc["clock_gettime"].Invoke(0, spec));
        var now = NativeStruct.Over(spec, libc.Layout("struct timespec")).As<TimeSpec>();
        Assert.InRange(now.Seconds, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        Assert.InRange(now.Nanoseconds, 0, 999_999_999);
    }

    [Fact]
    public void Load_ProcessIsolation_SkipsRecordFunctionsWithReason()
    {
        using var module = NativeFixtures.Load("records.c", IsolationMode.Process);

        var skipped = Assert.Single(module.Skipped, s => s.Name == "point_add");
        Assert.Contains("IsolationMode.Process", skipped.Reason, StringComparison.Ordinal);
        Assert.True(module.TryGetFunction("record_sizes", out _));
    }

    [Fact]
    public void Load_CallbackWithRecordByValue_Binds()
    {
        Assert.DoesNotContain(Records.Skipped, s => s.Name is "point_apply" or "vector_via" or "vector_transform" or "big_roundtrip");
        Assert.True(Records.TryGetFunction("point_apply", out _));
        Assert.True(Records.TryGetFunction("point_make_via", out _));
    }

    [Fact]
    public void Bind_RecordWithoutDefinition_SaysWhereDefinitionsComeFrom()
    {
        using var plain = Native.Open(NativeFixtures.Build("records.c"));

        var error = Assert.Throws<NativeBindingException>(() => plain.Bind("struct point point_add(struct point a, struct point b)"));

        Assert.Contains("no definition of it is known here", error.Message, StringComparison.Ordinal);
    }

    private static (int, int) Tuple(Point p) => (p.X, p.Y);
}
