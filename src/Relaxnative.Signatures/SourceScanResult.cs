namespace Relaxnative;

/// <summary>What the source scanner found in one file.</summary>
/// <param name="Functions">Exported function definitions, in source order.</param>
/// <param name="Skipped">Definitions that cannot be bound, each with a reason, in source order.</param>
internal sealed record SourceScanResult(IReadOnlyList<ScannedFunction> Functions, IReadOnlyList<SkippedFunction> Skipped);
