using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Relaxnative.Tests.Docs;

/// <summary>
/// Every ```csharp block in README.md and docs/*.md is compiled against the library as a small program (top-level
/// statements, the SDK's implicit usings), so a renamed member or a wrong namespace in the documentation fails here.
/// Blocks that show API shapes rather than code use another fence (```text).
/// </summary>
public sealed partial class DocSnippetsTests
{
    private static readonly string[] s_implicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    public static TheoryData<string, int> Snippets()
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, line, _) in Extract())
        {
            data.Add(file, line);
        }

        return data;
    }

    [Fact]
    public void Extract_Documentation_FindsSnippetsInReadmeAndDocs()
    {
        var files = Extract().Select(s => s.File).Distinct().ToList();

        Assert.Contains("README.md", files);
        Assert.Contains(files, f => f.StartsWith("docs/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_Compiled_HasNoErrors(string file, int line)
    {
        string code = Extract().Single(s => s.File == file && s.Line == line).Code;

        var errors = Compile(code).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        Assert.True(errors.Count == 0,
            $"The C# snippet at {file}:{line} does not compile:{Environment.NewLine}" +
            string.Join(Environment.NewLine, errors.Select(e => "  " + e)) + Environment.NewLine + code);
    }

    [Fact]
    public void Compile_BrokenSnippet_ReportsTheError()
    {
        var errors = Compile("using Relaxnative;\nusing var b = Native.Allocate(64);").Where(d => d.Severity == DiagnosticSeverity.Error);

        Assert.Contains(errors, e => e.Id == "CS0117" && e.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("Allocate", StringComparison.Ordinal));
    }

    private static IReadOnlyList<Diagnostic> Compile(string code)
    {
        var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);
        var tree = CSharpSyntaxTree.ParseText(code, options);
        var usings = CSharpSyntaxTree.ParseText(string.Concat(s_implicitUsings.Select(u => $"global using global::{u};\n")), options);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("Snippet", [usings, tree], references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics();
    }

    private static IEnumerable<(string File, int Line, string Code)> Extract()
    {
        string root = RepositoryRoot();
        var files = new[] { Path.Combine(root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal));
        foreach (string path in files)
        {
            string relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            string text = File.ReadAllText(path).ReplaceLineEndings("\n");
            foreach (Match match in Fence().Matches(text))
            {
                int line = text.AsSpan(0, match.Index).Count('\n') + 1;
                yield return (relative, line, match.Groups["code"].Value);
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Relaxnative.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder containing Relaxnative.slnx above '{AppContext.BaseDirectory}'; run the tests from a clone.");
    }

    [GeneratedRegex(@"^```csharp\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();
}
