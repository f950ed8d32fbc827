using Relaxnative.Signatures;

namespace Relaxnative;

/// <summary>An exported function with the declaration that describes it, ready to bind.</summary>
/// <param name="Signature">The C signature; its name is the C name users call it by.</param>
/// <param name="Symbol">The symbol to look up in the library: the <c>__asm__</c> label when one was written, else the C name.</param>
/// <param name="Annotations">Its <c>@sync</c>/<c>@async</c>/<c>@cost</c>/<c>@trivial</c> annotations.</param>
/// <param name="Location">Where it was declared (for messages); <see cref="CSourceLocation.None"/> when unknown.</param>
internal sealed record BindCandidate(CFunctionSignature Signature, string Symbol, FunctionAnnotations Annotations, CSourceLocation Location);
