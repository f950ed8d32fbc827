using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Facade.Records;

/// <summary>
/// Callbacks that take and return structs and unions by value, through tests/native/records.c: C calls .NET with a
/// record of every System V class (INTEGER, SSE, mixed, MEMORY over 16 bytes, packed, union, spilled to the stack), the
/// handler asserts the fields C wrote, and C computes from the record the handler returned.
/// </summary>
public sealed class CallbackRecordsTests
{
    private static readonly Lazy<NativeModule> s_records = new(() => NativeFixtures.Load("records.c", IsolationMode.InProcess));

    private static NativeModule Records => s_records.Value;

    [Fact]
    public void Invoke_SseRecordCallback_PassesAndReturnsFields()
    {
        (float X, float Y, float K) seen = default;
        Func<Vector2, float, Vector2> scale = (v, k) =>
        {
            seen = (v.X, v.Y, k);
            return new Vector2 { X = v.X * k, Y = v.Y * k };
        };

        var result = Records["vector_transform"].Invoke<Vector2>(scale, new Vector2 { X = 1.5f, Y = -2 }, 4f);

        Assert.Equal((1.5f, -2f, 4f), seen);
        Assert.Equal((6f, -7.5f), (result.X, result.Y));
        Assert.Equal(4f, Records["vector_via"].Invoke<Vector2>((Func<Vector2, Vector2>)(v => new Vector2 { X = v.Y, Y = v.X }), new Vector2 { X = 2, Y = 3 }).X);
    }

    [Fact]
    public unsafe void Invoke_FortyByteRecordCallback_PassesAndReturnsFields()
    {
        (sbyte C, double D, int I, long L0, long L1) seen = default;
        Func<Big, Big> echo = b =>
        {
            seen = (b.C, b.D, b.I, b.L[0], b.L[1]);
            b.D *= 2;
            b.L[0] = -5;
            return b;
        };
        var given = new Big { C = 7, D = 1.25, I = -3 };
        given.L[0] = 100;
        given.L[1] = long.MaxValue - 1;

        var result = Records["big_roundtrip"].Invoke<Big>(echo, given);

        Assert.Equal(((sbyte)7, 1.25, -3, 100L, long.MaxValue - 1), seen);
        Assert.Equal((7, 2.5, -3, -5L, long.MaxValue), (result.C, result.D, result.I, result.L[0], result.L[1]));
    }

    [Fact]
    public void Invoke_IntegerMixedPairUnionAndPackedCallbacks_PassAndReturnFields()
    {
        Assert.Equal(20, Records["point_apply"].Invoke(new Point { X = 3, Y = 7 }, (Func<Point, int>)(p => p.X + p.Y)));

        Mixed seenMixed = default;
        int seenExtra = 0;
        var mixed = Records["mixed_via"].Invoke<double>((Func<Mixed, int, Mixed>)((m, extra) =>
        {
            (seenMixed, seenExtra) = (m, extra);
            return new Mixed { F = m.F + 1, I = m.I * extra, D = m.D / 2 };
        }), 0.5f, 2, 9.0);
        Assert.Equal((0.5f, 2, 9.0, 3), (seenMixed.F, seenMixed.I, seenMixed.D, seenExtra));
        Assert.Equal((150 + 60) + 4.5, mixed);

        var pair = Records["pair_via"].Invoke<Pair>((Func<Pair, Pair>)(p => new Pair { A = p.B, B = p.A }), 1.25, -8.0);
        Assert.Equal((-16.0, 1.25), (pair.A, pair.B));

        Assert.Equal(-3.5, Records["number_via"].Invoke((Func<Number, Number>)(n => new Number { D = -n.D }), 3.5));

        Packed seenPacked = default;
        var packed = Records["packed_via"].Invoke((Func<Packed, Packed>)(p =>
        {
            seenPacked = p;
            return new Packed { C = (sbyte)(p.C + 1), I = p.I * 2, S = (short)(p.S - 1) };
        }), (sbyte)1, 100_000, (short)-7);
        Assert.Equal((1, 100_000, (short)-7), (seenPacked.C, seenPacked.I, seenPacked.S));
        Assert.Equal(2 + 200_000 - 8, packed);
    }

    [Fact]
    public void Invoke_CallbackRecordsPastTheArgumentRegisters_ArriveFromTheStack()
    {
        var sum = Records["many_points_via"].Invoke((Func<Point, Point, Point, Point, double, Point, Point, Mixed, int>)((a, b, c, d, x, e, g, m) =>
            a.X + b.X + c.X + d.X + (int)(x * 10) + e.X + e.Y + a.Y + d.Y + g.X + g.Y + m.I + (int)(m.F * 4) + (int)m.D));

        Assert.Equal(1 + 2 + 3 + 4 + 55 + 6 + 60 + 10 + 40 + 7 + 70 + 9 + 1 + 100, sum);
    }

    [Fact]
    public void Invoke_HandlerWithNativeStructAndBytes_GetsCopiesOfTheRecord()
    {
        var transformed = Records["vector_transform"].Invoke<Vector2>((Func<NativeStruct, float, NativeStruct>)((v, k) =>
        {
            Assert.Equal("Vector2", v.Layout.Name);
            v["x"] = v.Get<float>("x") + k;
            return v;
        }), new Vector2 { X = 1, Y = 1 }, 2f);
        Assert.Equal((3f, 1.5f), (transformed.X, transformed.Y));

        var big = Records["big_roundtrip"].Invoke<NativeStruct>((Func<byte[], byte[]>)(bytes =>
        {
            Assert.Equal(40, bytes.Length);
            bytes[0] = 42; // c
            return bytes;
        }), new byte[40]);
        Assert.Equal((42, 1L), (big.Get<sbyte>("c"), BitConverter.ToInt64(big.ToArray(), big.Layout.Field("l").Offset + 8)));
    }

    [Fact]
    public void CreateCallback_KeptByTheLibrary_CalledAcrossCallsTypedAndUntyped()
    {
        var calls = 0;
        using var callback = Records.CreateCallback("transform_fn", (Func<Vector2, float, Vector2>)((v, k) =>
        {
            calls++;
            return new Vector2 { X = v.X + k, Y = v.Y - k };
        }));
        Records["transform_set"].Invoke(callback);
        var run = Records["transform_run"].AsDelegate<VectorTransformRun>();

        Assert.Equal((11f, -9f), Tuple(run(new Vector2 { X = 1, Y = 1 }, 10)));
        Assert.Equal((2f, 0f), Tuple(run(new Vector2 { X = 1, Y = 1 }, 1)));
        Assert.Equal(2, calls);

        var typed = Records["vector_transform"].AsDelegate<VectorTransform>();
        Assert.Equal((5f, -2.5f), Tuple(typed(callback, new Vector2 { X = 2, Y = 0 }, 3)));
        Records["transform_set"].Invoke((object?)null);
        Assert.Equal((-1f, -1f), Tuple(run(default, 0)));
    }

    [Fact]
    public void CreateCallback_StructLaidOutDifferently_ThrowsWithBothLayouts()
    {
        var error = Assert.Throws<NativeBindingException>(() =>
            Records.CreateCallback("int f(struct point p)", (Func<PointWithFloatY, int>)(p => 0)));

        Assert.Contains("parameter 1 ('p')", error.Message, StringComparison.Ordinal);
        Assert.Contains("+4 int32 y", error.Message, StringComparison.Ordinal);
        Assert.Contains("+4 float32 Y", error.Message, StringComparison.Ordinal);
        Assert.Contains("<<", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_DelegateWithWrongResultType_ThrowsBeforeNativeCodeRuns()
    {
        var error = Assert.Throws<NativeBindingException>(() =>
            Records["vector_transform"].Invoke((Func<Vector2, float, string>)((v, k) => ""), new Vector2(), 1f));

        Assert.Contains("the return value", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Vector2' (8 bytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_HandlerReturnsTheWrongRecord_NativeGetsZerosAndTheCallThrows()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Records["vector_transform"].Invoke((Func<Vector2, float, object>)((v, k) => new byte[3]), new Vector2 { X = 1, Y = 1 }, 1f));

        Assert.Contains("returned Byte[]", error.Message, StringComparison.Ordinal);
        Assert.Contains("exactly 8 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_HandlerThrows_NativeGetsAZeroedRecordAndTheExceptionIsRethrown()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Records["big_roundtrip"].Invoke(
            (Func<Big, Big>)(_ => throw new InvalidOperationException("handler failed")), new Big { C = 1 }));

        Assert.Equal("handler failed", error.Message);
    }

    [Fact]
    public void Create_RecordCallbackWithoutAModule_SaysToUseCreateCallback()
    {
        var error = Assert.Throws<NativeBindingException>(() =>
            NativeCallback.Create("struct point make(int x)", (Func<int, Point>)(x => default)));

        Assert.Contains("module.CreateCallback", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ProcessIsolation_BindsFunctionsWhoseCallbacksPassRecordsAndRefusesDotNetHandlers()
    {
        // The helper can call a native function pointer whatever its signature; only a .NET handler cannot cross.
        using var module = NativeFixtures.Load("records.c", IsolationMode.Process);

        Assert.DoesNotContain(module.Skipped, s => s.Name is "vector_transform" or "transform_set");
        var error = Assert.Throws<NotSupportedException>(() => module["vector_transform"].Invoke(
            (Func<Vector2, float, Vector2>)((v, k) => v), new Vector2 { X = 1, Y = 2 }, 2f));
        Assert.Contains("helper process", error.Message, StringComparison.Ordinal);
    }

    private static (float, float) Tuple(Vector2 v) => (v.X, v.Y);
}
