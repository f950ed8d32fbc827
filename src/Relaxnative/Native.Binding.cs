using Relaxnative.Binding;
using Relaxnative.Build;

namespace Relaxnative;

public static partial class Native
{
    /// <summary>
    /// Opens a shared library by path or name (<c>"/usr/lib/libfoo.so"</c>, <c>"libz.so.1"</c>, <c>"z"</c>, <c>"c"</c>).
    /// With <see cref="OpenOptions.Headers"/>, binds every function the headers declare and the library exports (the rest
    /// of its exports are in <see cref="NativeModule.Skipped"/> with the reason), and later <see cref="NativeModule.Bind(string, BindOptions?)"/>
    /// calls may use the headers' typedef names and are checked against their declarations. Otherwise bind functions with
    /// <see cref="NativeModule.Bind(string, BindOptions?)"/>.
    /// </summary>
    /// <exception cref="NativeLibraryNotFoundException">No candidate opened; the message lists each path tried with dlerror.</exception>
    /// <exception cref="NativeBindingException">A declaration in <paramref name="options"/> cannot be bound.</exception>
    /// <exception cref="NotSupportedException"><see cref="OpenOptions.Isolation"/> is <see cref="IsolationMode.Process"/>.</exception>
    /// <exception cref="NativeBuildException">The compiler could not preprocess the headers (a header not found: install its -dev package or add <see cref="OpenOptions.IncludePaths"/>).</exception>
    /// <exception cref="NativeToolchainException">Headers were given but no compiler was found to preprocess them.</exception>
    public static NativeModule Open(string library, OpenOptions? options = null)
    {
        var isolation = options?.Isolation ?? IsolationMode.Worker;
        if (isolation == IsolationMode.Process)
        {
            throw new NotSupportedException(
                $"Native.Open(\"{library}\") cannot use IsolationMode.Process: the helper process loads a library by path. " +
                "Use Native.Load(\"<path of the .so>\", new LoadOptions { Isolation = IsolationMode.Process, Declarations = [...] }).");
        }

        var handle = NativeLibraryHandle.Open(library);
        var module = new NativeModule(handle, sourcePath: null, isolation, skipped: []);
        try
        {
            if (options is { Headers.Count: > 0 })
            {
                HeaderBinding.BindHeaders(module, handle, options);
            }

            foreach (string declaration in options?.Declarations ?? [])
            {
                module.Bind(declaration);
            }
        }
        catch
        {
            module.Dispose();
            throw;
        }

        return module;
    }
}
