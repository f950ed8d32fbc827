using Relaxnative.Signatures;
using Relaxnative.Tests.Signatures.TranslationUnit;

namespace Relaxnative.Tests.Signatures;

/// <summary>
/// What a load learns from one C or C++ source, without building it: the real compiler's preprocessor
/// (<c>gcc -E</c>), <see cref="CTranslationUnitParser"/>, and <see cref="SourceAnnotations"/> read from the original
/// text. Definitions of the source itself (not of the headers it includes) that can be exported are functions;
/// C++ definitions without C linkage, unparsable definitions and conflicting annotations are skipped with reasons.
/// </summary>
internal static class CPipeline
{
    public static SourceScanResult Scan(string source, bool isCpp = false, params string[] flags)
    {
        var preprocessed = Preprocessor.Text(source, isCpp, flags) ?? throw new InvalidOperationException("The preprocessor rejected the source.");
        var model = CTranslationUnitParser.Parse(preprocessed, isCpp ? CParseOptions.Cpp : CParseOptions.C);
        // Hidden and plain-inline (C99: no external symbol) definitions are not exported: a load never lists them.
        var own = model.Functions
            .Where(f => f.IsDefinition && !f.Location.IsSystemHeader && f.Storage != CStorageClass.Static)
            .Where(f => f.Visibility is not (CVisibility.Hidden or CVisibility.Internal) && !(f.IsInline && f.Storage == CStorageClass.None && !isCpp))
            .ToList();
        var annotations = SourceAnnotations.Read(source, own.Select(f => new KeyValuePair<int, string>(f.Location.Line, f.Name)));
        var functions = new List<ScannedFunction>();
        var skipped = new List<SkippedFunction>();
        foreach (var function in own)
        {
            var read = annotations.TryGetValue(function.Name, out var found) ? found : FunctionAnnotations.None;
            if (!function.HasCLinkage)
            {
                skipped.Add(new SkippedFunction(function.Name, $"'{function.Name}' has C++ linkage (a mangled symbol); declare it inside extern \"C\"."));
            }
            else if (read.Problem is { } problem)
            {
                skipped.Add(new SkippedFunction(function.Name, problem));
            }
            else
            {
                functions.Add(new ScannedFunction(function.Signature, read.Mode, read.Cost, read.IsTrivial, function.Location.Line));
            }
        }

        // As a load does: a skipped declaration written static in the original line is an internal helper, not reported.
        var lines = source.Split('\n');
        skipped.AddRange(model.Skipped
            .Where(s => s.IsFunction && !s.Location.IsSystemHeader && !WrittenStatic(lines, s))
            .Select(s => new SkippedFunction(s.Name, s.Reason)));
        return new SourceScanResult(functions, skipped);
    }

    public static SourceScanResult ScanFile(string path) =>
        Scan(File.ReadAllText(path), Path.GetExtension(path) == ".cpp", "-I", Path.GetDirectoryName(Path.GetFullPath(path))!);

    private static bool WrittenStatic(string[] lines, CSkippedDeclaration skipped)
    {
        var line = skipped.Location.Line;
        if (line < 1 || line > lines.Length)
        {
            return false;
        }

        var text = lines[line - 1];
        var end = skipped.Name.Length == 0 ? -1 : text.IndexOf(skipped.Name, StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).Split([' ', '\t', '*', '&', '(', '<', '>', ','], StringSplitOptions.RemoveEmptyEntries).Contains("static");
    }
}
