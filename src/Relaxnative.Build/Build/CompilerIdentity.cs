using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Relaxnative.Build;

/// <summary>
/// The family and version of a compiler ("gcc 12.2.0", "clang 16.0.6", "rustc 1.95.0"). A C driver is often installed
/// under a neutral name (<c>cc</c>, <c>c++</c>) whose <c>--version</c> line starts with that name, so C and C++
/// compilers are asked what they predefine instead: clang defines <c>__clang_major__</c>, GCC only <c>__GNUC__</c>.
/// </summary>
internal static partial class CompilerIdentity
{
    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Identifies <paramref name="toolchain"/>; null when the compiler does not say (an unknown family).</summary>
    /// <remarks>Runs the compiler once (<c>-dM -E</c> on an empty input) for C and C++; reads the version line for Rust.</remarks>
    public static string? Describe(Toolchain toolchain)
    {
        ArgumentNullException.ThrowIfNull(toolchain);
        if (toolchain.Language == SourceLanguage.Rust)
        {
            return RustVersion().Match(toolchain.Version) is { Success: true } rust ? "rustc " + rust.Groups[1].Value : null;
        }

        try
        {
            var outcome = ProcessRunner.Run(toolchain.Path,
                ["-dM", "-E", "-x", toolchain.Language == SourceLanguage.Cpp ? "c++" : "c", "/dev/null"], s_probeTimeout);
            return outcome.ExitCode == 0 ? FromMacros(outcome.StandardOutput) : null;
        }
        catch (Exception e) when (e is Win32Exception or TimeoutException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The family and version named by a compiler's predefined macros (<c>-dM -E</c> output); null when neither clang nor GCC.</summary>
    public static string? FromMacros(string macros)
    {
        ArgumentNullException.ThrowIfNull(macros);
        var defined = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in Define().Matches(macros))
        {
            defined[match.Groups[1].Value] = match.Groups[2].Value.Trim();
        }

        string? Version(string major, string minor, string patch) =>
            defined.TryGetValue(major, out var a) && defined.TryGetValue(minor, out var b) && defined.TryGetValue(patch, out var c)
                ? string.Create(CultureInfo.InvariantCulture, $"{a}.{b}.{c}")
                : null;

        // Clang also defines __GNUC__ (as 4.2.1), so it is asked first.
        if (Version("__clang_major__", "__clang_minor__", "__clang_patchlevel__") is { } clang)
        {
            return (defined.ContainsKey("__apple_build_version__") ? "apple-clang " : "clang ") + clang;
        }

        return Version("__GNUC__", "__GNUC_MINOR__", "__GNUC_PATCHLEVEL__") is { } gcc ? "gcc " + gcc : null;
    }

    [GeneratedRegex(@"^#define (\w+) (.*)$", RegexOptions.Multiline)]
    private static partial Regex Define();

    [GeneratedRegex(@"^rustc (\d+\.\d+\.\d+)")]
    private static partial Regex RustVersion();
}
