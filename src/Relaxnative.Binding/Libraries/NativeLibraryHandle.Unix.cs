namespace Relaxnative.Binding;

internal sealed partial class NativeLibraryHandle
{
    // Where distributions put shared libraries; the loader's own search covers LD_LIBRARY_PATH and ld.so.cache.
    private static readonly string[] s_libraryFolders =
    [
        "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
        "/lib64", "/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib",
    ];

    /// <summary>
    /// The candidates for a library name, in order: the name as given; then for a short name, <c>lib{name}.so</c>;
    /// then versioned files <c>lib{name}.so.N</c> found in the usual folders (needed for libc, whose unversioned
    /// <c>libc.so</c> is a linker script, not a library).
    /// </summary>
    internal static IEnumerable<string> Candidates(string library)
    {
        yield return library;
        if (library.Contains('/', StringComparison.Ordinal))
        {
            yield break;
        }

        string fileName = library.StartsWith("lib", StringComparison.Ordinal) || library.Contains(".so", StringComparison.Ordinal)
            ? library
            : "lib" + library + ".so";
        if (fileName != library)
        {
            yield return fileName;
        }

        string stem = fileName.Contains(".so", StringComparison.Ordinal) ? fileName[..(fileName.IndexOf(".so", StringComparison.Ordinal) + 3)] : fileName + ".so";
        foreach (string folder in s_libraryFolders)
        {
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (string path in Directory.EnumerateFiles(folder, stem + ".*").Order(StringComparer.Ordinal))
            {
                yield return path;
            }
        }
    }
}
