using Relaxnative.Signatures;
using Relaxnative.Tests.Signatures;

namespace Relaxnative.Tests.Examples;

/// <summary>
/// Each example exposes exactly the functions its README line promises, with the C signatures written in the file,
/// as the source scanner sees them; helpers (<c>static</c>, C++ internals) stay out, and annotations are read.
/// </summary>
public sealed class ExampleScanTests
{
    public static TheoryData<string, string[]> ExportedFunctions => new()
    {
        { "add.c", ["int add(int a, int b)", "void noop(void)"] },
        { "buffers.c", ["void fill_u8(uint8_t* data, size_t n, uint8_t value)", "uint64_t sum_u8(const uint8_t* data, size_t n)"] },
        { "crc32.c", ["uint32_t crc32_u8(const uint8_t* data, size_t n)"] },
        { "dot.c", ["double dot_f64(const double* a, const double* b, size_t n)", "void saxpy_f64(double a, const double* x, double* y, size_t n)"] },
        { "matmul.c", ["void matmul_f32(const float* a, const float* b, float* c, size_t n)"] },
        { "xor.c", ["void xor_u8(uint8_t* data, size_t n, uint8_t key)"] },
        { "histogram.c", ["void histogram_u8(const uint8_t* data, size_t n, uint32_t* bins)"] },
        { "loop.c", ["int64_t loop_sum(int64_t n)"] },
        { "heavy.c", ["double heavy(int64_t iterations)"] },
        { "crash.c", ["int crash(int code)", "int crash_abort(void)", "int crash_fpe(int d)", "int well_behaved(int x)"] },
        { "multi/main.c", ["int scaled_sum(const int* v, size_t n)"] },
        { "multi/vecmath.c", ["int scale_one(int x)", "int scaled_total(const int* v, size_t n)"] },
        { "cpp/stats.cpp", ["double median_f64(const double* values, size_t n)"] },
        { "rust/fib.rs", ["uint64_t fib(uint32_t n)", "int64_t sum_i32(const int32_t* p, uintptr_t n)"] },
    };

    [Theory]
    [MemberData(nameof(ExportedFunctions))]
    public void Scan_Example_ListsExactlyTheDocumentedSignatures(string example, string[] expected)
    {
        var result = Scan(example);

        Assert.Equal(expected, result.Functions.Select(f => f.Signature.ToString()).ToArray());
    }

    [Fact]
    public void Scan_Heavy_IsAsyncWithHighCost()
    {
        var heavy = Assert.Single(Scan("heavy.c").Functions);

        Assert.Equal(ExecutionMode.Async, heavy.Mode);
        Assert.Equal(NativeCost.High, heavy.Cost);
    }

    [Fact]
    public void Scan_Add_HasNoAnnotations()
    {
        Assert.All(Scan("add.c").Functions, f =>
        {
            Assert.Null(f.Mode);
            Assert.Equal(NativeCost.Unspecified, f.Cost);
        });
    }

    [Fact]
    public void Scan_StatsCpp_ReportsMeanAsSkipped()
    {
        var result = Scan("cpp/stats.cpp");

        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("mean_f64", skipped.Name);
        Assert.Contains("extern \"C\"", skipped.Reason, StringComparison.Ordinal);
    }

    private static SourceScanResult Scan(string example) => Path.GetExtension(example) == ".rs"
        ? SourceScanner.ScanRust(File.ReadAllText(ExampleLibrary.PathOf(example)))
        : CPipeline.ScanFile(ExampleLibrary.PathOf(example));
}
