using System.Diagnostics;
using Relaxnative.Signatures;
using Xunit.Abstractions;

namespace Relaxnative.Tests.Signatures.TranslationUnit;

/// <summary>
/// Preprocesses headers under /usr/include, each as a translation unit of its own with glibc's feature and fortify
/// macros, and parses them: no exception, and every declaration left out has a precise reason at a real file:line.
/// Headers are sampled evenly across the tree until a count or time budget is spent, so the test stays short.
/// </summary>
public class SystemHeaderRobustnessTests(ITestOutputHelper output)
{
    private const int MaxHeaders = 160;
    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(40);
    private static readonly string[] s_flags = ["-D_GNU_SOURCE", "-D_FORTIFY_SOURCE=2", "-O2"];

    [SkippableFact]
    public void Parse_SystemHeadersThatCompileAlone_NeverThrowAndGiveReasons()
    {
        Skip.IfNot(Directory.Exists("/usr/include"), "No /usr/include on this machine.");
        var all = Directory.EnumerateFiles("/usr/include", "*.h", SearchOption.AllDirectories)
            .Where(p => !p.Contains("/c++/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        var stride = Math.Max(1, all.Count / MaxHeaders);
        var clock = Stopwatch.StartNew();
        int parsed = 0, functions = 0, skipped = 0;
        long bytes = 0;
        for (var i = 0; i < all.Count && clock.Elapsed < s_budget; i += stride)
        {
            var header = Path.GetRelativePath("/usr/include", all[i]);
            var text = Preprocessor.Text("#include <" + header + ">\n", false, s_flags);
            if (text is null)
            {
                continue; // The preprocessor itself refuses it alone (a missing include, an #error).
            }

            var model = CTranslationUnitParser.Parse(text);

            var unknownTypes = model.Skipped.Where(s => s.Reason.Contains("is not a type declared", StringComparison.Ordinal)).ToList();
            if (unknownTypes.Count > 0 && Preprocessor.CompilesAlone(header, s_flags))
            {
                Assert.Fail($"{header} compiles on its own, yet the parser found undeclared types: {unknownTypes[0].Location} {unknownTypes[0].Reason}");
            }

            foreach (var skip in model.Skipped)
            {
                Assert.False(string.IsNullOrWhiteSpace(skip.Reason), header);
                Assert.NotEqual(string.Empty, skip.Location.File);
                Assert.True(skip.Location.Line >= 1, $"{header}: {skip.Location} {skip.Reason}");
            }

            parsed++;
            bytes += text.Length;
            functions += model.Functions.Count;
            skipped += model.Skipped.Count;
        }

        output.WriteLine($"{parsed} headers ({bytes / 1024} KiB preprocessed), {functions} functions, {skipped} skipped, in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(parsed >= 20, $"Only {parsed} headers could be preprocessed; expected a real /usr/include.");
    }
}
