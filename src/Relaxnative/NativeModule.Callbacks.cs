using System.Diagnostics.CodeAnalysis;
using Relaxnative.Binding;

namespace Relaxnative;

public sealed partial class NativeModule
{
    /// <summary>
    /// Creates a callback native code may keep, with the module's typedef names and record layouts in scope: the way to
    /// make a callback whose parameters or result are structs or unions by value (<c>Vector2 (*)(Vector2, float)</c>).
    /// <paramref name="declaration"/> is a function pointer type (<c>"Vector2 (*)(Vector2 v, float k)"</c>), a typedef
    /// name of one the module's sources or headers declare (<c>"transform_fn"</c>), or a declaration with a name
    /// (<c>"Vector2 transform(Vector2 v, float k)"</c>). A record parameter or result of <paramref name="handler"/> may be
    /// your C# struct (checked now against the C layout, field by field), <see cref="NativeStruct"/> (a copy), or
    /// <c>byte[]</c> (exactly sizeof the record). Keep the callback alive and undisposed while native code may call it.
    /// Thread-safe; native code may call the pointer from any thread.
    /// </summary>
    /// <param name="declaration">What the function pointer points to.</param>
    /// <param name="handler">The .NET code native calls reach.</param>
    /// <returns>The callback; its <see cref="NativeCallback.Pointer"/> is what native code calls.</returns>
    /// <exception cref="CParseException"><paramref name="declaration"/> is neither a function pointer type nor a declaration.</exception>
    /// <exception cref="NativeBindingException">The signature cannot be used (a record the module does not define), or
    /// the delegate does not match it (parameter count, a struct laid out differently from C; every mismatch listed).</exception>
    [RequiresDynamicCode(CodeGeneration.Callbacks)]
    [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
    public NativeCallback CreateCallback(string declaration, Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        return NativeCallback.Create(FunctionPointerDeclaration.Parse(declaration, _declarations), handler, _layouts);
    }
}
