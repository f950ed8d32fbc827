namespace Relaxnative;

/// <summary>The outcome of reconciling declarations with an export table.</summary>
/// <param name="Candidates">Exported functions to bind, each once.</param>
/// <param name="Skipped">Functions that are not bound, each once, with the reason.</param>
/// <param name="ExportedCount">How many C-callable (unmangled) functions the library exports; every one is a candidate or skipped.</param>
internal sealed record Reconciliation(IReadOnlyList<BindCandidate> Candidates, IReadOnlyList<SkippedFunction> Skipped, int ExportedCount);
