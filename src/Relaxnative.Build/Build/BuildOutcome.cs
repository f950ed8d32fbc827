namespace Relaxnative.Build;

/// <summary>A build result plus what the prebuilt writer needs: the hashed sources and headers the compile read.</summary>
internal sealed record BuildOutcome(CompileResult Result, BuildInputs Inputs, IReadOnlyList<FileHash> Headers);
