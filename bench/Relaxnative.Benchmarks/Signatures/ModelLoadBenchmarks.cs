using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Relaxnative.Signatures;

namespace Relaxnative.Benchmarks.Signatures;

/// <summary>
/// Warm-load cost of a stored declaration model (what a cache hit reads instead of preprocessing and parsing), from
/// 1,000 to 50,000 functions. The baseline reads the same bytes into a <see cref="JsonDocument"/>, the floor for any
/// JSON reader; the ratio shows building the model on top of reading the JSON.
/// </summary>
[MemoryDiagnoser]
public class ModelLoadBenchmarks
{
    private byte[] _json = [];

    [Params(1_000, 10_000, 50_000)]
    public int Functions { get; set; }

    [GlobalSetup]
    public void Setup() => _json = CDeclarationModelJson.Serialize(CTranslationUnitParser.Parse(GeneratedHeader.Create(Functions)));

    [Benchmark(Baseline = true)]
    public int ReadJsonDocument()
    {
        using var document = JsonDocument.Parse(_json);
        return document.RootElement.GetProperty("F").GetArrayLength();
    }

    [Benchmark]
    public int Deserialize() => CDeclarationModelJson.Deserialize(_json).Functions.Count;
}
