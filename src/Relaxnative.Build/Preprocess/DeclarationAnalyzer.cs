namespace Relaxnative.Build;

/// <summary>
/// Turns the preprocessed translation units of a build into the serialized declaration model that the cache entry
/// stores beside the library. The Build room runs it once per cache key and never looks inside the bytes; the caller
/// (which knows the parser) supplies it. It must be pure apart from reading the original sources.
/// </summary>
/// <param name="format">
/// Names the bytes' format and version. It is part of every cache key the analyzer's bytes are stored under, so an
/// entry written by another analyzer, or by an older version of this one, is never served to it: a format change
/// costs one compile, never a load that cannot read its entry.
/// </param>
/// <param name="analyze">Every C or C++ translation unit of the build, preprocessed with the build's own flags, to the bytes to store.</param>
internal sealed class DeclarationAnalyzer(string format, Func<IReadOnlyList<PreprocessedUnit>, byte[]> analyze)
{
    /// <summary>The bytes' format and version, hashed into cache keys.</summary>
    public string Format { get; } = format;

    /// <summary>The bytes to store; they come back through <see cref="CompileResult.Declarations"/> on every later hit.</summary>
    public byte[] Analyze(IReadOnlyList<PreprocessedUnit> units) => analyze(units);
}
