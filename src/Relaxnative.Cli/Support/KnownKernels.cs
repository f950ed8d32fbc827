namespace Relaxnative.Cli.Support;

/// <summary>The example kernels of <c>examples/</c> with typed calls and C# baselines. Results go to a sink so no call is optimised away.</summary>
internal static class KnownKernels
{
    private static long s_sink;

    private static readonly KnownKernel[] s_all =
    [
        new("sum_u8", n => n,
            (f, a) => Typed<Func<nint, nuint, ulong>>(f, d => { nint p = a.Buffer(0).Address; nuint n = (nuint)a.Count; return () => s_sink = (long)d(p, n); }),
            a => () => s_sink = (long)Baselines.SumU8(a.Buffer(0).AsSpan<byte>(0, (int)a.Count))),
        new("fill_u8", n => n,
            (f, a) => Typed<Action<nint, nuint, byte>>(f, d => { nint p = a.Buffer(0).Address; nuint n = (nuint)a.Count; byte v = (byte)a.Values[2]!; return () => d(p, n, v); }),
            a => () => Baselines.FillU8(a.Buffer(0).AsSpan<byte>(0, (int)a.Count), (byte)a.Values[2]!)),
        new("crc32_u8", n => n,
            (f, a) => Typed<Func<nint, nuint, uint>>(f, d => { nint p = a.Buffer(0).Address; nuint n = (nuint)a.Count; return () => s_sink = d(p, n); }),
            a => () => s_sink = Baselines.Crc32U8(a.Buffer(0).AsSpan<byte>(0, (int)a.Count))),
        new("dot_f64", n => n,
            (f, a) => Typed<Func<nint, nint, nuint, double>>(f, d => { nint x = a.Buffer(0).Address; nint y = a.Buffer(1).Address; nuint n = (nuint)a.Count; return () => s_sink = (long)d(x, y, n); }),
            a => () => s_sink = (long)Baselines.DotF64(a.Buffer(0).AsSpan<double>(0, (int)a.Count), a.Buffer(1).AsSpan<double>(0, (int)a.Count))),
        new("saxpy_f64", n => n,
            (f, a) => Typed<Action<double, nint, nint, nuint>>(f, d => { double k = (double)a.Values[0]!; nint x = a.Buffer(1).Address; nint y = a.Buffer(2).Address; nuint n = (nuint)a.Count; return () => d(k, x, y, n); }),
            a => () => Baselines.SaxpyF64((double)a.Values[0]!, a.Buffer(1).AsSpan<double>(0, (int)a.Count), a.Buffer(2).AsSpan<double>(0, (int)a.Count))),
        new("xor_u8", n => n,
            (f, a) => Typed<Action<nint, nuint, byte>>(f, d => { nint p = a.Buffer(0).Address; nuint n = (nuint)a.Count; byte k = (byte)a.Values[2]!; return () => d(p, n, k); }),
            a => () => Baselines.XorU8(a.Buffer(0).AsSpan<byte>(0, (int)a.Count), (byte)a.Values[2]!)),
        new("histogram_u8", n => n,
            (f, a) => Typed<Action<nint, nuint, nint>>(f, d => { nint p = a.Buffer(0).Address; nuint n = (nuint)a.Count; nint bins = a.Buffer(2).Address; return () => d(p, n, bins); }),
            a => () => Baselines.HistogramU8(a.Buffer(0).AsSpan<byte>(0, (int)a.Count), a.Buffer(2).AsSpan<uint>(0, 256))),
        new("matmul_f32", n => Math.Max(1, (long)Math.Sqrt(n)),
            (f, a) => Typed<Action<nint, nint, nint, nuint>>(f, d => { nint x = a.Buffer(0).Address; nint y = a.Buffer(1).Address; nint z = a.Buffer(2).Address; nuint n = (nuint)a.Count; return () => d(x, y, z, n); }),
            a => () => Baselines.MatmulF32(Square(a, 0), Square(a, 1), Square(a, 2), (int)a.Count)),
        new("loop_sum", n => n,
            (f, a) => Typed<Func<long, long>>(f, d => { long n = (long)a.Values[0]!; return () => s_sink = d(n); }),
            a => () => s_sink = Baselines.LoopSum((long)a.Values[0]!)),
        new("add", n => n,
            (f, a) => Typed<Func<int, int, int>>(f, d => { int x = (int)a.Values[0]!; int y = (int)a.Values[1]!; return () => s_sink = d(x, y); }),
            a => () => s_sink = Baselines.Add((int)a.Values[0]!, (int)a.Values[1]!)),
    ];

    /// <summary>Finds the known kernel named <paramref name="name"/>, or null.</summary>
    public static KnownKernel? Find(string name) => s_all.FirstOrDefault(k => k.Name == name);

    /// <summary>The names of every known kernel.</summary>
    public static IEnumerable<string> Names => s_all.Select(k => k.Name);

    private static Action Typed<TDelegate>(NativeFunction function, Func<TDelegate, Action> call) where TDelegate : Delegate =>
        call(function.AsDelegate<TDelegate>());

    private static Span<float> Square(BenchArguments arguments, int index) =>
        arguments.Buffer(index).AsSpan<float>(0, (int)(arguments.Count * arguments.Count));
}
