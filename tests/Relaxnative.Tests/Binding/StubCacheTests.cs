using Relaxnative.Binding;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Binding;

public sealed class StubCacheTests
{
    // Regression: emitted stubs that became garbage let later stubs inherit a stale call signature, so double
    // functions bound on busy threads returned 0.0. Binding and dropping many functions across threads must leave
    // every call correct.
    [Fact]
    public void Bind_ManyFunctionsBoundAndDroppedAcrossThreads_EveryCallReturnsItsOwnResult()
    {
        int wrong = 0;
        using var module = NativeFixtures.Open("types.c");
        Parallel.For(0, 4, _ =>
        {
            for (int round = 0; round < 150; round++)
            {
                var echoDouble = module.Bind("double echo_double(double v)");
                var echoFloat = module.Bind("float echo_float(float v)");
                var echoLong = module.Bind("int64_t echo_i64(int64_t v)");
                for (int i = 0; i < 50; i++)
                {
                    if ((double)echoDouble.Invoke(2.5)! != 2.5
                        || (float)echoFloat.Invoke(1.5f)! != 1.5f
                        || (long)echoLong.Invoke(-3L)! != -3
                        || echoDouble.AsDelegate<Func<double, double>>()(4.5) != 4.5
                        || echoFloat.AsDelegate<Func<float, float>>()(0.5f) != 0.5f)
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
            }
        });

        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Emit_SameAbiShape_SharesOneInvoker()
    {
        using var module = NativeFixtures.Open("types.c");
        var a = module.Bind("int echo_int(int v)");
        var b = module.Bind("int32_t echo_i32(int32_t v)");
        var c = module.Bind("double echo_double(double v)");
        Assert.Same(RawInvokerEmitter.Emit(a.Plan), RawInvokerEmitter.Emit(b.Plan));
        Assert.NotSame(RawInvokerEmitter.Emit(a.Plan), RawInvokerEmitter.Emit(c.Plan));
        Assert.Equal(7, a.Invoke(7));
        Assert.Equal(8, b.Invoke(8));
    }
}
