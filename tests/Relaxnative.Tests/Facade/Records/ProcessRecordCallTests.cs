using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Facade.Records;

/// <summary>
/// Structs and unions by value in IsolationMode.Process, through tests/native/records.c: the record's bytes cross in
/// shared memory and the helper calls with the emitted value type of the record's shape, so every System V class
/// (INTEGER, SSE, mixed, MEMORY over 16 bytes, packed, arrays, unions, nested, stack spill) passes and returns as in
/// this process. Each test checks values both ways: C computes from fields .NET wrote, .NET reads fields C wrote.
/// </summary>
public sealed class ProcessRecordCallTests
{
    private static NativeModule LoadInHelper() => NativeFixtures.Load("records.c", IsolationMode.Process);

    [Fact]
    public void Typed_EveryClass_PassesAndReturnsFieldsInHelper()
    {
        using var records = LoadInHelper();
        Assert.True(records["point_add"].IsRemote);

        TypedRecordChecks.EveryClass(records);
    }

    [Fact]
    public void Typed_MemoryClassPackedArraysUnionsNestedAndSpill_PassAndReturnInHelper()
    {
        using var records = LoadInHelper();

        TypedRecordChecks.MemoryClassPackedArraysUnionsNested(records);
        static Point P(int x) => new() { X = x, Y = 100 * x };
        Assert.Equal(1 + 2 + 3 + 4 + 5 + 6 + 600, records["many_points"].AsDelegate<ManyPoints>()(P(1), P(2), P(3), P(4), 5.9, P(6)));
    }

    [Fact]
    public void PointersToAnonymousRecords_CrossToTheHelperAndBack()
    {
        using var records = LoadInHelper();
        using var a = Native.Alloc(8);
        using var b = Native.Alloc(8);
        a.Write(0, 1.5f);
        a.Write(4, 2f);
        b.Write(0, 4f);
        b.Write(4, -3f);

        Assert.Equal(1.5f * 4f + 2f * -3f, records["vector_dot"].Invoke<float>(a, b));
        records["vector_negate"].Invoke(a);
        Assert.Equal((-1.5f, -2f), (a.Read<float>(0), a.Read<float>(4)));
    }

    [Fact]
    public void Untyped_UserStructsNativeStructsAndBytes_PassAndReturnInHelper()
    {
        using var records = LoadInHelper();

        var record = Assert.IsType<NativeStruct>(records["point_add"].Invoke(new Point { X = 1, Y = 2 }, new Point { X = 10, Y = 20 }));
        Assert.Equal("struct point { x = 11, y = 22 }", record.ToString());

        var typed = records["point_add"].Invoke<Point>(record, new byte[] { 1, 0, 0, 0, 2, 0, 0, 0 });
        Assert.Equal((12, 24), (typed.X, typed.Y));

        var rectangle = NativeStruct.Create(records.Layout("Rectangle"));
        rectangle["width"] = 2.5f;
        rectangle["height"] = 4;
        Assert.Equal(10f, records["rectangle_area"].Invoke(rectangle));

        using var color = Native.Alloc(4);
        color.Write(new byte[] { 1, 2, 3, 4 });
        Assert.Equal(0x01020304u, records["color_pack"].Invoke(color));

        var mixed = records["mixed_make"].Invoke<Mixed>(0.5f, 3, 1.0);
        Assert.Equal((0.5f, 3, 1.0), (mixed.F, mixed.I, mixed.D));
        Assert.Equal(42.5, records["big_sum"].Invoke(records["big_make"].Invoke((sbyte)3, 0.5, 9)));
        Assert.Equal(99_994, records["packed_sum"].Invoke(records["packed_make"].Invoke((sbyte)1, 100_000, (short)-7)));
        Assert.Equal(6.5, records["number_as_double"].Invoke(records["number_from_double"].Invoke(6.5)));
        Assert.Equal(new byte[] { 2, 0, 0, 0, 1, 0, 0, 0 }, records["point_add"].Invoke<byte[]>(new Point { X = 1 }, new Point { X = 1, Y = 1 }));
    }

    [Fact]
    public async Task InvokeAsync_RecordResult_ConvertsToCallersStruct()
    {
        using var records = LoadInHelper();

        var swapped = await records["pair_swap"].InvokeAsync<Pair>(new Pair { A = 2, B = 3 });

        Assert.Equal((3.0, 2.0), (swapped.A, swapped.B));
    }

    [Fact]
    public void Invoke_CrashInRecordFunction_ThrowsNativeCrashAndNextCallWorks()
    {
        using var records = LoadInHelper();
        var crash = records["point_crash_if_negative"];
        Assert.Equal(7, crash.Invoke(new Point { X = 3, Y = 4 }));

        var e = Assert.Throws<NativeCrashException>(() => crash.Invoke(new Point { X = -1, Y = 9 }));

        Assert.Equal("SIGSEGV", e.Signal);
        Assert.Equal("point_crash_if_negative", e.FunctionName);
        var sum = records["point_add"].Invoke<Point>(new Point { X = 5 }, new Point { Y = 6 });
        Assert.Equal((5, 6), (sum.X, sum.Y));
    }

    [Fact]
    public void Load_ProcessIsolation_BindsRecordFunctions()
    {
        using var records = LoadInHelper();

        Assert.DoesNotContain(records.Skipped, s => s.Name is "point_add" or "big_make" or "number_from_double" or "packed_sum" or "point_apply");
    }

    [Fact]
    public void Bind_WrongFieldTypeInHelperModule_ThrowsAtBindTimeWithBothLayouts()
    {
        using var records = LoadInHelper();

        var error = Assert.Throws<NativeBindingException>(() => records["point_add"].AsDelegate<PointAddWrong>());

        Assert.Contains("C struct point (8 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Contains("C# PointWithFloatY (8 bytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_BytesOfWrongSizeInHelperModule_ThrowsBeforeCrossing()
    {
        using var records = LoadInHelper();

        var error = Assert.Throws<ArgumentException>(() => records["point_add"].Invoke(new byte[7], new Point()));

        Assert.Contains("7 bytes; pass exactly 8", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, records["point_crash_if_negative"].Invoke(new Point { X = 1, Y = 2 }));
    }

    [Fact]
    public void Invoke_WrongStructInHelperModule_ThrowsLayoutMismatch()
    {
        using var records = LoadInHelper();

        var error = Assert.Throws<NativeLayoutMismatchException>(() => records["point_add"].Invoke(new PointWithFloatY(), new Point()));

        Assert.Equal("struct point", error.RecordName);
        Assert.Equal(typeof(PointWithFloatY), error.ManagedType);
    }
}
