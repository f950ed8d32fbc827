using BenchmarkDotNet.Attributes;
using Relaxnative.Signatures;

namespace Relaxnative.Benchmarks.Signatures;

/// <summary>
/// Parse time of a preprocessed translation unit as it grows from 1,000 to 50,000 functions. The baseline is one linear
/// pass over the same text (counting line breaks), so the ratio shows the parser's cost per character staying flat:
/// linear time, not the quadratic growth a per-declaration rescan would show.
/// </summary>
[MemoryDiagnoser]
public class TranslationUnitParseBenchmarks
{
    private string _text = string.Empty;

    [Params(1_000, 10_000, 50_000)]
    public int Functions { get; set; }

    [GlobalSetup]
    public void Setup() => _text = GeneratedHeader.Create(Functions);

    [Benchmark(Baseline = true)]
    public int ScanText() => _text.AsSpan().Count('\n');

    [Benchmark]
    public int Parse() => CTranslationUnitParser.Parse(_text).Functions.Count;
}
