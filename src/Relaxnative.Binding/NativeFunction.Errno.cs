using Relaxnative.Binding;
using System.Runtime.InteropServices;

namespace Relaxnative;

public sealed partial class NativeFunction
{
    /// <summary>
    /// The <c>errno</c> that the last call on this thread of a function bound with <see cref="BindOptions.CaptureErrno"/>
    /// left, saved the moment the call returned; 0 on a thread that made no such call. Per thread, like
    /// <see cref="Marshal.GetLastPInvokeError"/>: calls of functions bound without the option leave it unchanged.
    /// Calls that run on worker threads or in the helper process set it on the thread that made the call; after
    /// <c>await InvokeAsync(...)</c> it holds the awaited call's value when the continuation runs inline (the default
    /// without a <see cref="SynchronizationContext"/>), so read it right after the await, before awaiting anything else.
    /// C functions set errno only on failure: read it only when the result says the call failed.
    /// </summary>
    public static int LastErrno => ErrnoCapture.Last;

    /// <summary>Sets <see cref="LastErrno"/> on this thread: the value a call made elsewhere (a worker, the helper) brought back.</summary>
    internal static void SetLastErrno(int errno) => ErrnoCapture.Last = errno;
}
