using System.Runtime.InteropServices;
using Relaxnative.Build;

namespace Relaxnative.Tests.Examples;

/// <summary>
/// One example from the repository's <c>examples/</c> folder, built with <see cref="NativeBuilder"/> and opened with
/// <see cref="NativeLibrary"/>. Tests ask it for exports by name and call them through function pointers; this is the
/// one place to change when the tests move to <c>Native.Load</c>.
/// </summary>
internal sealed class ExampleLibrary : IDisposable
{
    private static readonly Lazy<string> s_examplesDirectory = new(FindExamplesDirectory);
    private nint _handle;

    private ExampleLibrary(CompileResult build, nint handle)
    {
        Build = build;
        _handle = handle;
    }

    /// <summary>Gets the absolute path of the repository's <c>examples/</c> folder.</summary>
    public static string ExamplesDirectory => s_examplesDirectory.Value;

    /// <summary>Gets the result of the build that produced this library.</summary>
    public CompileResult Build { get; }

    /// <summary>Returns the absolute path of an example, given relative to <c>examples/</c> (<c>"multi/main.c"</c>).</summary>
    public static string PathOf(string example) => Path.Combine(ExamplesDirectory, example);

    /// <summary>Builds an example (through the cache in <paramref name="options"/>) and opens the library.</summary>
    public static ExampleLibrary Load(string example, BuildOptions options)
    {
        var build = NativeBuilder.Build(PathOf(example), options);
        return new ExampleLibrary(build, NativeLibrary.Load(build.LibraryPath));
    }

    /// <summary>Returns the address of an exported function; throws <see cref="EntryPointNotFoundException"/> if absent.</summary>
    public nint GetExport(string name)
    {
        ObjectDisposedException.ThrowIf(_handle == 0, this);
        return NativeLibrary.GetExport(_handle, name);
    }

    /// <summary>Returns whether the library exports <paramref name="name"/>.</summary>
    public bool HasExport(string name)
    {
        ObjectDisposedException.ThrowIf(_handle == 0, this);
        return NativeLibrary.TryGetExport(_handle, name, out _);
    }

    public void Dispose()
    {
        if (_handle != 0)
        {
            NativeLibrary.Free(_handle);
            _handle = 0;
        }
    }

    // Walks up from the test binaries (tests/Relaxnative.Tests/bin/<config>/<tfm>/) to the repository root, the
    // folder holding Relaxnative.slnx, so the tests read the examples in place rather than stale copies.
    private static string FindExamplesDirectory()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Relaxnative.slnx")))
            {
                var examples = Path.Combine(folder.FullName, "examples");
                return Directory.Exists(examples)
                    ? examples
                    : throw new DirectoryNotFoundException($"The repository root '{folder.FullName}' has no examples folder.");
            }
        }

        throw new DirectoryNotFoundException(
            $"No folder containing Relaxnative.slnx was found above '{AppContext.BaseDirectory}'. " +
            "Run the tests from a clone of the repository.");
    }
}
