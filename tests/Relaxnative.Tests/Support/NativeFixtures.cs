using Relaxnative.Build;

namespace Relaxnative.Tests.Support;

/// <summary>
/// Compiles the C fixtures in tests/native with the real compiler (through the Build room, cached by content in a
/// folder of the test run). A missing compiler fails the test with the toolchain error; it never skips.
/// </summary>
public static class NativeFixtures
{
    private static readonly string s_cache = Path.Combine(Path.GetTempPath(), "relaxnative-test-fixtures");
    private static readonly Lock s_lock = new();

    /// <summary>The path of tests/native/<paramref name="fileName"/> as copied to the test output.</summary>
    public static string SourcePath(string fileName) => Path.Combine(AppContext.BaseDirectory, "native", fileName);

    /// <summary>Builds tests/native/<paramref name="fileName"/> and returns the shared library's path.</summary>
    public static string Build(string fileName)
    {
        lock (s_lock)
        {
            return NativeBuilder.Build(SourcePath(fileName), new BuildOptions { CacheDirectory = s_cache }).LibraryPath;
        }
    }

    /// <summary>Builds and opens tests/native/<paramref name="fileName"/>.</summary>
    public static NativeModule Open(string fileName) => Native.Open(Build(fileName));

    /// <summary>Loads tests/native/<paramref name="fileName"/> from source with <paramref name="isolation"/> (helper process, workers or none).</summary>
    public static NativeModule Load(string fileName, IsolationMode isolation) =>
        Native.Load(SourcePath(fileName), new LoadOptions { Isolation = isolation, Build = new BuildOptions { CacheDirectory = s_cache } });
}
