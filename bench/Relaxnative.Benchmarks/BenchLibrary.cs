using Relaxnative.Build;

namespace Relaxnative.Benchmarks;

/// <summary>Builds the benchmarks' C sources with the real compiler (cached by content) and opens them.</summary>
internal static class BenchLibrary
{
    internal static string SourcePath(string fileName) => Path.Combine(AppContext.BaseDirectory, "native", fileName);

    internal static string Build(string fileName) =>
        NativeBuilder.Build(SourcePath(fileName), new BuildOptions { CacheDirectory = Path.Combine(Path.GetTempPath(), "relaxnative-bench") }).LibraryPath;
}
