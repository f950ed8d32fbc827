using System.Diagnostics.CodeAnalysis;
using Relaxnative.Binding;

namespace Relaxnative;

public sealed partial class NativeFunction
{
    /// <summary>As <see cref="InvokeAsync{T}(object?[])"/>, with cancellation before the call starts.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public async Task<T> InvokeAsync<T>(CancellationToken cancellationToken, params object?[] args) =>
        ConvertResult<T>(await InvokeAsync(cancellationToken, args).ConfigureAwait(false));
}
