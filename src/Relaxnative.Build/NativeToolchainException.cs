using Relaxnative.Build;

namespace Relaxnative;

/// <summary>
/// Thrown when no working compiler is found for a source language. The message lists every candidate
/// that was tried (name, resolved path or "not on PATH", and why it was rejected) and how to fix it.
/// </summary>
public sealed class NativeToolchainException : InvalidOperationException
{
    /// <summary>Initialises a new instance.</summary>
    /// <param name="message">The message, built by the Build room's error templates.</param>
    /// <param name="language">The language no compiler was found for.</param>
    /// <param name="candidates">Every candidate tried, in discovery order.</param>
    public NativeToolchainException(string message, SourceLanguage language, IReadOnlyList<ToolchainCandidate> candidates)
        : base(message)
    {
        Language = language;
        Candidates = candidates;
    }

    /// <summary>Gets the language no compiler was found for.</summary>
    public SourceLanguage Language { get; }

    /// <summary>Gets every candidate tried, in discovery order.</summary>
    public IReadOnlyList<ToolchainCandidate> Candidates { get; }
}
