namespace Relaxnative.Benchmarks.Build;

/// <summary>Finds files of the repository's <c>examples/</c> folder from wherever the benchmark process runs.</summary>
internal static class ExampleSources
{
    /// <summary>Returns the absolute path of <c>examples/<paramref name="example"/></c>.</summary>
    /// <exception cref="FileNotFoundException">No folder above the process holds <c>Relaxnative.slnx</c> and the example.</exception>
    public static string PathOf(string example)
    {
        // BenchmarkDotNet runs each benchmark in a child built below bin/, so walking up from either the binaries or
        // the current directory reaches the repository root, the folder holding Relaxnative.slnx.
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "examples", example);
                if (File.Exists(Path.Combine(folder.FullName, "Relaxnative.slnx")) && File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            $"examples/{example} was not found above '{AppContext.BaseDirectory}' or '{Environment.CurrentDirectory}'. " +
            "Run the benchmarks from a clone of the repository.");
    }
}
