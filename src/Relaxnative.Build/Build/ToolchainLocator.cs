using System.Collections.Concurrent;
using System.ComponentModel;

namespace Relaxnative.Build;

/// <summary>
/// Finds a working compiler per language: C tries <c>$CC</c>, <c>cc</c>, <c>gcc</c>, <c>clang</c>; C++ tries
/// <c>$CXX</c>, <c>c++</c>, <c>g++</c>, <c>clang++</c>; Rust tries <c>$RUSTC</c>, <c>rustc</c>. Each candidate is
/// looked up on <c>PATH</c> (no shell, no <c>which</c>) and must answer <c>--version</c>.
/// </summary>
/// <remarks>
/// Discovery runs at most once per language per locator (the <see cref="Default"/> locator lives for the
/// process), so the warm build path launches no process. Languages are discovered independently: a broken
/// C compiler never affects Rust. All members are thread-safe.
/// </remarks>
internal sealed class ToolchainLocator
{
    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(20);

    private readonly Func<string, string?> _getVariable;
    private readonly Lazy<LanguageToolchainReport>[] _firstWorking;
    private readonly ConcurrentDictionary<string, Lazy<ToolchainCandidate>> _probes = new(StringComparer.Ordinal);

    /// <summary>Initialises a locator that reads <c>PATH</c> and the compiler variables through <paramref name="getVariable"/>.</summary>
    /// <param name="getVariable">Reads an environment variable; a test seam for a controlled environment.</param>
    internal ToolchainLocator(Func<string, string?> getVariable)
    {
        _getVariable = getVariable;
        // A loop over the non-generic values: Enum.GetValues<T> and LINQ over an enum array are generic code no
        // precompiled image holds, and this constructor runs in every process that builds.
        var values = (int[])Enum.GetValuesAsUnderlyingType(typeof(SourceLanguage));
        _firstWorking = new Lazy<LanguageToolchainReport>[values.Length];
        foreach (var value in values)
        {
            var language = (SourceLanguage)value;
            _firstWorking[value] = new Lazy<LanguageToolchainReport>(() => Discover(language, probeAll: false));
        }
    }

    /// <summary>Gets the process-wide locator, reading the real environment.</summary>
    public static ToolchainLocator Default { get; } = new(Environment.GetEnvironmentVariable);

    /// <summary>Returns the compiler for a language, discovering it on first use.</summary>
    /// <param name="language">The source language.</param>
    /// <param name="compiler">An explicit compiler (path, or name on <c>PATH</c>) that replaces discovery; probed once per process.</param>
    /// <returns>The working compiler.</returns>
    /// <exception cref="NativeToolchainException">No candidate works; the message lists every one tried.</exception>
    public Toolchain Resolve(SourceLanguage language, string? compiler = null)
    {
        if (compiler is not null)
        {
            var candidate = Probe("BuildOptions.Compiler", compiler);
            return candidate.Works
                ? new Toolchain(language, candidate.ResolvedPath!, candidate.Version!)
                : throw BuildErrors.NoCompiler(language, [candidate], explicitCompiler: true);
        }

        var report = _firstWorking[(int)language].Value;
        return report.Chosen ?? throw BuildErrors.NoCompiler(language, report.Candidates, explicitCompiler: false);
    }

    /// <summary>Probes every candidate of every language, for diagnostics such as <c>relaxnative doctor</c>.</summary>
    /// <returns>Every candidate tried per language, and the one chosen.</returns>
    public ToolchainReport Report() =>
        new([.. Enum.GetValues<SourceLanguage>().Select(language => Discover(language, probeAll: true))]);

    private LanguageToolchainReport Discover(SourceLanguage language, bool probeAll)
    {
        var (variable, names) = language switch
        {
            SourceLanguage.C => ("CC", new[] { "cc", "gcc", "clang" }),
            SourceLanguage.Cpp => ("CXX", ["c++", "g++", "clang++"]),
            _ => ("RUSTC", ["rustc"]),
        };

        var candidates = new List<ToolchainCandidate>();
        var fromVariable = _getVariable(variable);
        candidates.Add(string.IsNullOrWhiteSpace(fromVariable)
            ? new ToolchainCandidate("$" + variable, null, null, "not set")
            : Probe("$" + variable, fromVariable.Trim()));

        // Stop at the first working candidate unless a full report was asked for: each probe is a process launch.
        foreach (var name in names)
        {
            if (!probeAll && candidates.Exists(c => c.Works))
            {
                break;
            }

            candidates.Add(Probe(name, name));
        }

        var chosen = candidates.Find(c => c.Works);
        return new LanguageToolchainReport(
            language,
            candidates,
            chosen is null ? null : new Toolchain(language, chosen.ResolvedPath!, chosen.Version!));
    }

    private ToolchainCandidate Probe(string label, string nameOrPath)
    {
        var path = ResolveExecutable(nameOrPath);
        if (path is null)
        {
            return new ToolchainCandidate(label, null, null, nameOrPath.Contains('/', StringComparison.Ordinal) ? $"{nameOrPath} does not exist" : "not on PATH");
        }

        // Probes are shared by path so a compiler named twice (cc and $CC) is launched once.
        var probed = _probes.GetOrAdd(path, p => new Lazy<ToolchainCandidate>(() => ProbeVersion(p))).Value;
        return probed with { Name = label };
    }

    /// <summary>
    /// The compiler's version, from the version memo when the executable is unchanged, else by running it. Launching
    /// the compiler costs milliseconds on every process's first load, even on a cache hit; the memo is keyed by the
    /// executable's resolved path, size and modification time (the check ccache makes by default), so replacing or
    /// upgrading the compiler runs <c>--version</c> again.
    /// </summary>
    private ToolchainCandidate ProbeVersion(string path)
    {
        string? memo = VersionMemoPath(path);
        if (memo is not null && IsTrustedMemo(memo) && File.ReadAllText(memo).Trim() is { Length: > 0 } remembered)
        {
            return new ToolchainCandidate(path, path, remembered, null);
        }

        var probed = RunVersion(path);
        if (memo is not null && probed.Version is { } version)
        {
            try
            {
                // The root first: creating only toolchains/ would leave a missing root with the umask's mode.
                var folder = Path.GetDirectoryName(memo)!;
                PrivateFiles.CreateFolder(Path.GetDirectoryName(folder)!);
                PrivateFiles.CreateFolder(folder);
                string temporary = memo + "." + Environment.ProcessId + ".tmp";
                PrivateFiles.WriteFile(temporary, System.Text.Encoding.UTF8.GetBytes(version));
                File.Move(temporary, memo, overwrite: true);
            }
            catch (IOException)
            {
                // The memo is an optimisation; a read-only or racing cache folder costs one more probe next time.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return probed;
    }

    /// <summary>
    /// The version is part of every cache key, so a memo is only believed when the cache root and its <c>toolchains/</c>
    /// folder are private (the rules of <see cref="CacheTrust"/>) and the memo is a regular file, not a link.
    /// </summary>
    private static bool IsTrustedMemo(string memo)
    {
        var folder = Path.GetDirectoryName(memo)!;
        return CacheTrust.IsPrivateFolder(Path.GetDirectoryName(folder)!, followLinks: true)
            && CacheTrust.IsPrivateFolder(folder, followLinks: false)
            && FileStatus.Of(memo, followLinks: false) is { Kind: FileKind.File, OwnedBySomeoneElse: false };
    }

    private string? VersionMemoPath(string path)
    {
        try
        {
            var target = File.ResolveLinkTarget(path, returnFinalTarget: true) is { } link ? Path.GetFullPath(link.FullName, Path.GetDirectoryName(path)!) : path;
            var file = new FileInfo(target);
            string stamp = string.Join('|', target, file.Length, file.LastWriteTimeUtc.Ticks);
            string name = ContentHash.Hex(ContentHash.Of(System.Text.Encoding.UTF8.GetBytes(stamp)))[..32].ToUpperInvariant();
            return Path.Combine(CacheRoot.Resolve(BuildOptions.Default, _getVariable), "toolchains", name + ".version");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static ToolchainCandidate RunVersion(string path)
    {
        try
        {
            var outcome = ProcessRunner.Run(path, ["--version"], s_probeTimeout);
            var firstLine = FirstLine(outcome.StandardOutput) ?? FirstLine(outcome.StandardError);
            return outcome.ExitCode != 0
                ? new ToolchainCandidate(path, path, null, $"'--version' exited with code {outcome.ExitCode}{(FirstLine(outcome.CombinedOutput) is { } l ? ": " + l : "")}")
                : firstLine is null
                    ? new ToolchainCandidate(path, path, null, "'--version' printed nothing")
                    : new ToolchainCandidate(path, path, firstLine, null);
        }
        catch (Exception e) when (e is Win32Exception or TimeoutException or InvalidOperationException)
        {
            return new ToolchainCandidate(path, path, null, $"'--version' failed: {e.Message}");
        }
    }

    private static string? FirstLine(string text) =>
        text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);

    private string? ResolveExecutable(string nameOrPath)
    {
        if (nameOrPath.Contains('/', StringComparison.Ordinal) || Path.IsPathRooted(nameOrPath))
        {
            var full = Path.GetFullPath(nameOrPath);
            return File.Exists(full) ? full : null;
        }

        var searchPath = _getVariable("PATH") ?? "";
        foreach (var directory in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, nameOrPath);
            if (IsExecutableFile(candidate))
            {
                return Path.GetFullPath(candidate);
            }

            if (OperatingSystem.IsWindows() && IsExecutableFile(candidate + ".exe"))
            {
                return Path.GetFullPath(candidate + ".exe");
            }
        }

        return null;
    }

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
