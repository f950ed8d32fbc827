using Relaxnative.Binding;

namespace Relaxnative;

public static partial class Native
{
    /// <summary>
    /// Opens a shared library by path or name (<c>"/usr/lib/libfoo.so"</c>, <c>"libz.so.1"</c>, <c>"z"</c>, <c>"c"</c>).
    /// Bind its functions with <see cref="NativeModule.Bind(string, BindOptions?)"/>.
    /// </summary>
    /// <exception cref="NativeLibraryNotFoundException">No candidate opened; the message lists each path tried with dlerror.</exception>
    /// <exception cref="NativeBindingException">A declaration in <paramref name="options"/> cannot be bound.</exception>
    /// <exception cref="NotSupportedException"><see cref="OpenOptions.Isolation"/> is <see cref="IsolationMode.Process"/>.</exception>
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
