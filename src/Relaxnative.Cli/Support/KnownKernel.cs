namespace Relaxnative.Cli.Support;

/// <summary>
/// An example kernel that <c>bench</c> knows: how to call it through a typed delegate (the fast path) and a plain
/// C# version of the same algorithm over the same memory (<c>--traditional</c>).
/// </summary>
/// <param name="Name">The C function name.</param>
/// <param name="CountFromSize">The element count passed to the kernel for <c>--size</c> elements per buffer (the matrix order for matmul).</param>
/// <param name="Typed">Makes one call through <see cref="NativeFunction.AsDelegate{TDelegate}"/>; throws <see cref="NativeBindingException"/> when the signature differs.</param>
/// <param name="Baseline">Makes one call of the C# version.</param>
internal sealed record KnownKernel(
    string Name,
    Func<long, long> CountFromSize,
    Func<NativeFunction, BenchArguments, Action> Typed,
    Func<BenchArguments, Action> Baseline);
