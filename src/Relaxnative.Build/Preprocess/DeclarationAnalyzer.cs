namespace Relaxnative.Build;

/// <summary>
/// Turns the preprocessed translation units of a build into the serialized declaration model that the cache entry
/// stores beside the library. The Build room runs it once per cache key and never looks inside the bytes; the caller
/// (which knows the parser) supplies it. It must be pure apart from reading the original sources.
/// </summary>
/// <param name="units">Every C or C++ translation unit of the build, preprocessed with the build's own flags.</param>
/// <returns>The bytes to store; they come back through <see cref="CompileResult.Declarations"/> on every later hit.</returns>
internal delegate byte[] DeclarationAnalyzer(IReadOnlyList<PreprocessedUnit> units);
