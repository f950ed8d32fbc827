using System.Runtime.CompilerServices;
using System.Text;
using Relaxnative.Signatures;

namespace Relaxnative.Tests.Signatures;

/// <summary>
/// Scans every Golden/*.c, *.cpp and *.rs file and compares the result with the reviewed *.golden.txt
/// beside it. Set RELAXNATIVE_UPDATE_GOLDEN=1 to rewrite the expected files, then review the diff.
/// </summary>
public class SourceScannerGoldenTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(GoldenDirectory()).Order(StringComparer.Ordinal))
        {
            if (Path.GetExtension(path) is ".c" or ".cpp" or ".rs")
            {
                data.Add(Path.GetFileName(path));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Scan_GoldenInput_MatchesExpected(string fileName)
    {
        var inputPath = Path.Combine(GoldenDirectory(), fileName);
        var source = File.ReadAllText(inputPath);
        var result = Path.GetExtension(fileName) switch
        {
            ".rs" => SourceScanner.ScanRust(source),
            ".cpp" => CPipeline.Scan(source, isCpp: true),
            _ => CPipeline.Scan(source, isCpp: false),
        };
        var actual = Render(result);
        var expectedPath = Path.ChangeExtension(inputPath, ".golden.txt");

        if (Environment.GetEnvironmentVariable("RELAXNATIVE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, actual);
        }

        Assert.True(File.Exists(expectedPath), $"Missing {expectedPath}; run with RELAXNATIVE_UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(expectedPath), actual);
    }

    internal static string Render(SourceScanResult result)
    {
        var text = new StringBuilder();
        foreach (var function in result.Functions)
        {
            text.Append(function.Line).Append(": ").Append(function.Signature)
                .Append(" | mode=").Append(function.Mode?.ToString() ?? "default")
                .Append(" cost=").Append(function.Cost)
                .Append(function.IsTrivial ? " trivial" : string.Empty)
                .Append('\n');
        }

        foreach (var skipped in result.Skipped)
        {
            text.Append("skipped ").Append(skipped.Name).Append(": ").Append(skipped.Reason).Append('\n');
        }

        return text.ToString();
    }

    private static string GoldenDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden");
}
