using Relaxnative.Cli.Output;

namespace Relaxnative.Cli.Support;

/// <summary>Loads a source through <see cref="Native.Load"/> with a progress display and usage errors for bad paths.</summary>
internal static class ModuleLoading
{
    private static readonly string[] s_extensions = [".c", ".cpp", ".cc", ".cxx", ".rs"];

    /// <summary>Checks that <paramref name="path"/> is an existing C, C++ or Rust source.</summary>
    /// <exception cref="CliException">A usage error: no such file, or not a source language.</exception>
    public static string RequireSource(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw CliException.Usage($"No such file: '{path}' (looked at '{full}').", "Check the path; relative paths start at the current directory.");
        }

        if (!s_extensions.Contains(Path.GetExtension(full), StringComparer.OrdinalIgnoreCase))
        {
            throw CliException.Usage($"'{path}' is not a C, C++ or Rust source.", "Pass a .c, .cpp, .cc, .cxx or .rs file.");
        }

        return full;
    }

    /// <summary>Compiles (or finds in the cache) and binds <paramref name="path"/>, showing progress unless <paramref name="quiet"/>.</summary>
    public static NativeModule Load(string path, LoadOptions options, bool quiet)
    {
        string full = RequireSource(path);
        return Terminal.Status($"Compiling {Path.GetFileName(full)}…", !quiet, () => Native.Load(full, options));
    }
}
