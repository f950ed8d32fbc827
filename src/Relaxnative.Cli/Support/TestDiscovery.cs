using Relaxnative.Build;
using Relaxnative.Signatures;

namespace Relaxnative.Cli.Support;

/// <summary>The kind of a native test: what its return value means.</summary>
internal enum NativeTestKind
{
    /// <summary><c>int test_x(void)</c>: 0 passes.</summary>
    Int,

    /// <summary><c>const char* test_x(void)</c>: NULL or "" passes; other text is the failure message.</summary>
    Message,
}

/// <summary>One native test found in a source.</summary>
internal sealed record NativeTest(string Name, NativeTestKind Kind, int Line);

/// <summary>A test file with its tests, and the sources it is linked with.</summary>
internal sealed record TestFile(string Path, IReadOnlyList<NativeTest> Tests, IReadOnlyList<string> Sources);

/// <summary>
/// Finds native tests: in a file, or in every <c>.c</c> file of a folder. Files that define tests are test files;
/// the folder's other <c>.c</c> files are the code under test, linked into each test file's library.
/// </summary>
internal static class TestDiscovery
{
    /// <summary>Scans <paramref name="path"/> (a file or a folder).</summary>
    /// <exception cref="CliException">A usage error when the path does not exist, or holds no tests.</exception>
    public static IReadOnlyList<TestFile> Discover(string path)
    {
        string full = Path.GetFullPath(path);
        string folder;
        string[] candidates;
        if (File.Exists(full))
        {
            folder = Path.GetDirectoryName(full)!;
            candidates = [full];
        }
        else if (Directory.Exists(full))
        {
            folder = full;
            candidates = [.. Directory.EnumerateFiles(full, "*.c").Order(StringComparer.Ordinal)];
        }
        else
        {
            throw CliException.Usage($"No such file or folder: '{path}' (looked at '{full}').", "Pass a test file or a folder of .c files.");
        }

        // The compiler's preprocessor and the translation-unit parser decide what a file defines (the same pipeline a
        // load runs), so tests inside comments, strings or #if 0 are not tests, and macros that produce them are.
        var scanned = Directory.EnumerateFiles(folder, "*.c").Concat(candidates).Distinct().Order(StringComparer.Ordinal)
            .ToDictionary(f => f, f => TestsIn(Declarations(f), f));
        string[] codeUnderTest = [.. scanned.Where(s => s.Value.Count == 0).Select(s => s.Key)];
        var files = candidates.Where(c => scanned[c].Count > 0)
            .Select(c => new TestFile(c, scanned[c], [.. codeUnderTest.Where(s => s != c)]))
            .ToList();
        if (files.Count == 0)
        {
            throw CliException.Usage($"No tests in '{path}'.",
                "Define 'int test_name(void)' (0 passes) or 'const char* test_name(void)' (NULL or \"\" passes) in a .c file.");
        }

        return files;
    }

    /// <summary>
    /// The tests <paramref name="file"/> defines, in line order: definitions located in that file (not in headers it
    /// includes) named <c>test_*</c>, without parameters, returning <c>int</c> or a character pointer.
    /// </summary>
    /// <param name="model">The declarations of a translation unit or of a loaded module.</param>
    /// <param name="file">The full path of the test file.</param>
    public static IReadOnlyList<NativeTest> TestsIn(CDeclarationModel model, string file)
    {
        var full = Path.GetFullPath(file);
        var tests = new List<NativeTest>();
        foreach (var function in model.Functions.Where(f => f.IsDefinition && f.CanBeExported && SameFile(f.Location.File, full)).OrderBy(f => f.Location.Line))
        {
            var signature = function.Signature;
            if (!signature.Name.StartsWith("test_", StringComparison.Ordinal) || signature.Parameters.Count != 0 || signature.IsVariadic)
            {
                continue;
            }

            var returns = signature.ReturnType;
            if (returns.Kind == CTypeKind.Int32)
            {
                tests.Add(new NativeTest(signature.Name, NativeTestKind.Int, function.Location.Line));
            }
            else if (returns.IsCharPointer)
            {
                tests.Add(new NativeTest(signature.Name, NativeTestKind.Message, function.Location.Line));
            }
        }

        return tests;
    }

    private static bool SameFile(string located, string full) =>
        located.Length > 0 && string.Equals(Path.GetFullPath(located), full, StringComparison.Ordinal);

    /// <summary>
    /// Preprocesses one file as its test build does (with <c>relaxnative_test.h</c> on the include path) and parses it,
    /// through the header-model cache: a later run over unchanged files neither preprocesses nor parses to find tests.
    /// </summary>
    private static CDeclarationModel Declarations(string file)
    {
        var options = new BuildOptions { IncludePaths = [TestRunner.HeaderFolder] };
        var (bytes, _) = NativeBuilder.AnalyzeHeaders([file], options, SourceLanguage.C, SourceAnalysis.Analyzer);
        return (StoredDeclarations.TryDeserialize(bytes) ?? throw new InvalidDataException($"The stored declarations of '{file}' cannot be read. Clear the cache (relaxnative cache clean) and run again.")).Model;
    }
}
