using System.Runtime.InteropServices;

namespace Relaxnative.Binding;

internal sealed partial class NativeLibraryHandle
{
    private static readonly Lazy<NativeLibraryHandle> s_process = new(() =>
        new NativeLibraryHandle(NativeLibrary.GetMainProgramHandle(), "the process (no library of its own)", "process"));

    /// <summary>
    /// A handle for functions that belong to no module (function pointers made with <see cref="NativeFunction.FromPointer(NativePointer, string, BindOptions?)"/>):
    /// the main program's, never closed.
    /// </summary>
    internal static NativeLibraryHandle Process => s_process.Value;
}
