using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Facade.Records;

/// <summary>
/// Function pointers C hands back whose functions take and return records by value (tests/native/records.c
/// point_op, vector_op): module.FromPointer resolves the records from the module's own definitions, in every isolation
/// mode, typed and untyped.
/// </summary>
public sealed class RecordFunctionPointerTests
{
    [Theory]
    [InlineData(IsolationMode.InProcess)]
    [InlineData(IsolationMode.Worker)]
    [InlineData(IsolationMode.Process)]
    public void FromPointer_RecordsByValue_CallsTypedAndUntyped(IsolationMode isolation)
    {
        using var records = NativeFixtures.Load("records.c", isolation);
        var add = records.FromPointer(records["point_op"].Invoke<NativePointer>(), "point_binop");

        var sum = add.AsDelegate<Func<Point, Point, Point>>()(new Point { X = 1, Y = 2 }, new Point { X = 10, Y = 20 });
        Assert.Equal((11, 22), (sum.X, sum.Y));

        var untyped = Assert.IsType<NativeStruct>(add.Invoke(new Point { X = 3, Y = 4 }, new Point { X = 30, Y = 40 }));
        Assert.Equal("struct point { x = 33, y = 44 }", untyped.ToString());
        Assert.Equal(isolation == IsolationMode.Process, add.IsRemote);
    }

    [Theory]
    [InlineData(IsolationMode.InProcess)]
    [InlineData(IsolationMode.Process)]
    public void FromPointer_SseRecordFromReturnedSignature_Calls(IsolationMode isolation)
    {
        using var records = NativeFixtures.Load("records.c", isolation);
        var getter = records["vector_op"];
        var scale = records.FromPointer(getter.Invoke<NativePointer>(), getter.Signature.ReturnType.Function!);

        var scaled = scale.Invoke<Vector2>(new Vector2 { X = 1.5f, Y = -2f }, 4f);
        Assert.Equal((6f, -8f), (scaled.X, scaled.Y));
    }

    [Fact]
    public void NativeFunctionFromPointer_RecordWithoutModule_ThrowsNamingTheRecord()
    {
        using var records = NativeFixtures.Load("records.c", IsolationMode.InProcess);
        var pointer = records["point_op"].Invoke<NativePointer>();

        var e = Assert.Throws<NativeBindingException>(() => NativeFunction.FromPointer(pointer, "struct point (*)(struct point, struct point)"));
        Assert.Contains("'struct point' passed by value", e.Message, StringComparison.Ordinal);
    }
}
