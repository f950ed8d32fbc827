using Relaxnative.Build;

using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Examples;

/// <summary>
/// Every kernel in <c>examples/</c> compiles with the real toolchain and computes what a plain C# loop computes.
/// Inputs are random with fixed seeds; sizes cover empty, one element, an odd length and a larger buffer.
/// The crash examples are only compiled: calling them would kill the test process.
/// </summary>
public sealed unsafe class ExampleKernelTests(ExampleCacheFixture cache) : IClassFixture<ExampleCacheFixture>
{
    public static TheoryData<int> Sizes => [0, 1, 17, 1000];

    [Theory]
    [InlineData(2, 3, 5)]
    [InlineData(-7, 7, 0)]
    [InlineData(int.MaxValue, 1, int.MinValue)]
    public void Add_TwoInts_ReturnsSum(int a, int b, int expected)
    {
        using var library = Load("add.c");
        var add = (delegate* unmanaged<int, int, int>)library.GetExport("add");

        Assert.Equal(expected, add(a, b));
    }

    [Fact]
    public void Noop_Called_Returns()
    {
        using var library = Load("add.c");
        var noop = (delegate* unmanaged<void>)library.GetExport("noop");

        noop();
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void FillU8_AnySize_SetsEveryByteAndSumU8AddsThem(int size)
    {
        using var library = Load("buffers.c");
        var fill = (delegate* unmanaged<byte*, nuint, byte, void>)library.GetExport("fill_u8");
        var sum = (delegate* unmanaged<byte*, nuint, ulong>)library.GetExport("sum_u8");
        var data = new byte[size + 1]; // one guard byte past the end must stay untouched

        fixed (byte* p = data)
        {
            fill(p, (nuint)size, 0xAB);
            Assert.Equal((ulong)size * 0xAB, sum(p, (nuint)size));
        }

        Assert.All(data.AsSpan(0, size).ToArray(), b => Assert.Equal(0xAB, b));
        Assert.Equal(0, data[size]);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void SumU8_RandomBytes_MatchesManagedSum(int size)
    {
        using var library = Load("buffers.c");
        var sum = (delegate* unmanaged<byte*, nuint, ulong>)library.GetExport("sum_u8");
        var data = RandomBytes(size, seed: 1);

        fixed (byte* p = data)
        {
            Assert.Equal(data.Aggregate(0UL, (total, b) => total + b), sum(p, (nuint)size));
        }
    }

    [Fact]
    public void Crc32U8_CheckString_ReturnsCbf43926()
    {
        using var library = Load("crc32.c");
        var crc32 = (delegate* unmanaged<byte*, nuint, uint>)library.GetExport("crc32_u8");
        var data = "123456789"u8.ToArray();

        fixed (byte* p = data)
        {
            Assert.Equal(0xCBF43926u, crc32(p, (nuint)data.Length));
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Crc32U8_RandomBytes_MatchesBitwiseReference(int size)
    {
        using var library = Load("crc32.c");
        var crc32 = (delegate* unmanaged<byte*, nuint, uint>)library.GetExport("crc32_u8");
        var data = RandomBytes(size, seed: 2);

        fixed (byte* p = data)
        {
            Assert.Equal(ReferenceKernels.Crc32(data), crc32(p, (nuint)size));
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void DotF64_RandomVectors_MatchesManagedLoop(int size)
    {
        using var library = Load("dot.c");
        var dot = (delegate* unmanaged<double*, double*, nuint, double>)library.GetExport("dot_f64");
        var a = RandomDoubles(size, seed: 3);
        var b = RandomDoubles(size, seed: 4);

        fixed (double* pa = a, pb = b)
        {
            var expected = ReferenceKernels.Dot(a, b);
            // Exact on x86-64; a fused multiply-add (ARM64) may move the last bits of each step.
            Assert.Equal(expected, dot(pa, pb, (nuint)size), Tolerance(size));
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void SaxpyF64_RandomVectors_UpdatesYInPlace(int size)
    {
        using var library = Load("dot.c");
        var saxpy = (delegate* unmanaged<double, double*, double*, nuint, void>)library.GetExport("saxpy_f64");
        var x = RandomDoubles(size, seed: 5);
        var y = RandomDoubles(size, seed: 6);
        var expected = y.Select((yi, i) => (2.5 * x[i]) + yi).ToArray();
        var xBefore = x.ToArray();

        fixed (double* px = x, py = y)
        {
            saxpy(2.5, px, py, (nuint)size);
        }

        for (var i = 0; i < size; i++)
        {
            Assert.Equal(expected[i], y[i], 1e-12);
        }

        Assert.Equal(xBefore, x);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(64)]
    public void MatmulF32_RandomMatrices_MatchesManagedProduct(int n)
    {
        using var library = Load("matmul.c");
        var matmul = (delegate* unmanaged<float*, float*, float*, nuint, void>)library.GetExport("matmul_f32");
        var a = RandomFloats(n * n, seed: 7);
        var b = RandomFloats(n * n, seed: 8);
        var c = Enumerable.Repeat(float.NaN, n * n).ToArray(); // overwritten, never accumulated into

        fixed (float* pa = a, pb = b, pc = c)
        {
            matmul(pa, pb, pc, (nuint)n);
        }

        var expected = ReferenceKernels.Matmul(a, b, n);
        for (var i = 0; i < n * n; i++)
        {
            Assert.Equal(expected[i], c[i], 1e-4f * (1 + n));
        }
    }

    [Fact]
    public void MatmulF32_Identity_ReturnsOtherFactor()
    {
        using var library = Load("matmul.c");
        var matmul = (delegate* unmanaged<float*, float*, float*, nuint, void>)library.GetExport("matmul_f32");
        const int n = 5;
        var identity = new float[n * n];
        for (var i = 0; i < n; i++)
        {
            identity[(i * n) + i] = 1f;
        }

        var b = RandomFloats(n * n, seed: 9);
        var c = new float[n * n];

        fixed (float* pa = identity, pb = b, pc = c)
        {
            matmul(pa, pb, pc, n);
        }

        Assert.Equal(b, c);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void XorU8_AppliedTwice_RestoresAndOnceMatchesManagedXor(int size)
    {
        using var library = Load("xor.c");
        var xor = (delegate* unmanaged<byte*, nuint, byte, void>)library.GetExport("xor_u8");
        var original = RandomBytes(size, seed: 10);
        var data = original.ToArray();

        fixed (byte* p = data)
        {
            xor(p, (nuint)size, 0x5A);
            Assert.Equal(original.Select(b => (byte)(b ^ 0x5A)).ToArray(), data);
            xor(p, (nuint)size, 0x5A);
        }

        Assert.Equal(original, data);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void HistogramU8_RandomBytes_AddsCountsToExistingBins(int size)
    {
        using var library = Load("histogram.c");
        var histogram = (delegate* unmanaged<byte*, nuint, uint*, void>)library.GetExport("histogram_u8");
        var data = RandomBytes(size, seed: 11);
        var bins = Enumerable.Range(0, 256).Select(i => (uint)i).ToArray(); // counts are added to these
        var expected = bins.ToArray();
        foreach (var b in data)
        {
            expected[b]++;
        }

        fixed (byte* p = data)
        fixed (uint* pb = bins)
        {
            histogram(p, (nuint)size, pb);
        }

        Assert.Equal(expected, bins);
    }

    [Theory]
    [InlineData(-5, 0)]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(17, 136)]
    [InlineData(1_000_000, 499_999_500_000)]
    public void LoopSum_N_ReturnsSumBelowN(long n, long expected)
    {
        using var library = Load("loop.c");
        var loopSum = (delegate* unmanaged<long, long>)library.GetExport("loop_sum");

        Assert.Equal(expected, loopSum(n));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(1_000_000)]
    public void Heavy_Iterations_MatchesManagedPortExactly(long iterations)
    {
        using var library = Load("heavy.c");
        var heavy = (delegate* unmanaged<long, double>)library.GetExport("heavy");

        var result = heavy(iterations);

        Assert.Equal(ReferenceKernels.Heavy(iterations), result);
        Assert.InRange(result, 0.0, 1.0);
    }

    [Fact]
    public void WellBehaved_CrashExample_ReturnsXPlusOneAndExportsCrashFunctions()
    {
        using var library = Load("crash.c");
        var wellBehaved = (delegate* unmanaged<int, int>)library.GetExport("well_behaved");

        Assert.Equal(42, wellBehaved(41));
        // Present but never called here: each one kills the calling process.
        Assert.True(library.HasExport("crash"));
        Assert.True(library.HasExport("crash_abort"));
        Assert.True(library.HasExport("crash_fpe"));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ScaledSum_MultiFileExample_ReturnsThreeTimesSum(int size)
    {
        var options = cache.Options with { Sources = [ExampleLibrary.PathOf("multi/vecmath.c")] };
        using var library = ExampleLibrary.Load("multi/main.c", options);
        var scaledSum = (delegate* unmanaged<int*, nuint, int>)library.GetExport("scaled_sum");
        var random = new Random(12);
        var values = Enumerable.Range(0, size).Select(_ => random.Next(-1000, 1001)).ToArray();

        fixed (int* p = values)
        {
            Assert.Equal(3 * values.Sum(), scaledSum(p, (nuint)size));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Sizes))]
    [InlineData(2)]
    public void MedianF64_RandomValues_MatchesSortedMiddleAndLeavesInputUnchanged(int size)
    {
        RequiredCompiler.For(SourceLanguage.Cpp);
        using var library = Load("cpp/stats.cpp");
        var median = (delegate* unmanaged<double*, nuint, double>)library.GetExport("median_f64");
        var values = RandomDoubles(size, seed: 13);
        var before = values.ToArray();

        fixed (double* p = values)
        {
            Assert.Equal(ReferenceKernels.Median(values), median(p, (nuint)size));
        }

        Assert.Equal(before, values);
    }

    [SkippableFact]
    public void MeanF64_NotExternC_HasNoPlainExport()
    {
        RequiredCompiler.For(SourceLanguage.Cpp);
        using var library = Load("cpp/stats.cpp");

        Assert.Equal(SourceLanguage.Cpp, library.Build.Language);
        Assert.False(library.HasExport("mean_f64"));
        Assert.True(library.HasExport("_Z8mean_f64PKdm") || library.HasExport("_Z8mean_f64PKdj"));
    }

    [SkippableTheory]
    [InlineData(0u, 0UL)]
    [InlineData(1u, 1UL)]
    [InlineData(2u, 1UL)]
    [InlineData(10u, 55UL)]
    [InlineData(50u, 12_586_269_025UL)]
    [InlineData(93u, 12_200_160_415_121_876_738UL)]
    public void Fib_N_ReturnsNthFibonacci(uint n, ulong expected)
    {
        RequiredCompiler.For(SourceLanguage.Rust);
        using var library = Load("rust/fib.rs");
        var fib = (delegate* unmanaged<uint, ulong>)library.GetExport("fib");

        Assert.Equal(SourceLanguage.Rust, library.Build.Language);
        Assert.Equal(expected, fib(n));
    }

    [SkippableTheory]
    [MemberData(nameof(Sizes))]
    public void SumI32_RandomValues_ReturnsWidenedSum(int size)
    {
        RequiredCompiler.For(SourceLanguage.Rust);
        using var library = Load("rust/fib.rs");
        var sum = (delegate* unmanaged<int*, nuint, long>)library.GetExport("sum_i32");
        var random = new Random(14);
        // Extreme values make an i32 accumulator overflow; the i64 sum must not.
        var values = Enumerable.Range(0, size).Select(i => i % 2 == 0 ? int.MaxValue : random.Next()).ToArray();

        fixed (int* p = values)
        {
            Assert.Equal(values.Sum(v => (long)v), sum(p, (nuint)size));
        }
    }

    private static double Tolerance(int size) => 1e-12 * (1 + size);

    private static byte[] RandomBytes(int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    private static double[] RandomDoubles(int size, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, size).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
    }

    private static float[] RandomFloats(int size, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, size).Select(_ => (random.NextSingle() * 2) - 1).ToArray();
    }

    private ExampleLibrary Load(string example) => ExampleLibrary.Load(example, cache.Options);
}
