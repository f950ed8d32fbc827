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
    public void Typed_EveryClass_PassesAndReturnsFields() => TypedRecordChecks.EveryClass(Records);

    [Fact]
    public void Typed_MemoryClassPackedArraysUnionsNested_PassAndReturn() => TypedRecordChecks.MemoryClassPackedArraysUnionsNested(Records);

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
