using BenchmarkDotNet.Attributes;
using Relaxnative.Signatures;

namespace Relaxnative.Benchmarks.Signatures;

/// <summary>
/// Warm-load cost of a stored declaration model (what a cache hit reads instead of preprocessing and parsing), from
/// 1,000 to 50,000 functions. The baseline parses the same declarations from their text, which is what a load without
/// a stored model would do after preprocessing; the ratio is what storing the model saves.
/// </summary>
[MemoryDiagnoser]
public class ModelLoadBenchmarks
{
    private string _text = "";
    private byte[] _stored = [];

    [Params(1_000, 10_000, 50_000)]
    public int Functions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = GeneratedHeader.Create(Functions);
        _stored = CDeclarationModelFormat.Serialize(CTranslationUnitParser.Parse(_text));
    }

    [Benchmark(Baseline = true)]
    public int ParseText() => CTranslationUnitParser.Parse(_text).Functions.Count;

    [Benchmark]
    public int Deserialize() => CDeclarationModelFormat.Deserialize(_stored).Functions.Count;
}
