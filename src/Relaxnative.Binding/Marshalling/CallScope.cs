using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Relaxnative.Memory.Heap;

namespace Relaxnative.Binding;

/// <summary>
/// Everything one call must undo after it returns: pins of buffers, leases of owned pointers, pinned arrays, temporary
/// native memory (UTF-8 strings, pointer tables) and temporary callbacks. Lives on the stack for the call; allocates only when
/// an argument needs cleanup. Not thread-safe (one call, one thread).
/// </summary>
internal struct CallScope : IDisposable
{
    // The first cleanups live inline, so a call with a few buffer or array arguments allocates nothing
    // (SumBenchmarks.Untyped_NativeBuffer); more spill into a list.
    private Cleanup _first;
    private Cleanup _second;
    private Cleanup _third;
    private int _count;
    private List<Cleanup>? _more;

    private enum CleanupKind
    {
        CallPin,
        Pin,
        MemoryPin,
        NativeTemp,
        Callback,
        OwnedLease,
    }

    private readonly record struct Cleanup(CleanupKind Kind, object? Target, nint Value);

    /// <summary>An array the caller has pinned for the whole call (by a fixed statement); it needs no handle.</summary>
    internal Array? PrePinned { get; set; }

    /// <summary>The calling thread's cell, once a buffer has been pinned into it (see <see cref="NativeBuffer.PinForCall"/>).</summary>
    internal ThreadCell? Cell;

    /// <summary>Records a <see cref="NativeBuffer.PinForCall"/> just made on this thread; the scope ends on the same thread.</summary>
    internal void AddCallPin(NativeBuffer buffer, bool leased) => Add(new Cleanup(CleanupKind.CallPin, buffer, leased ? 1 : 0));

    internal void AddPin(GCHandle handle) => Add(new Cleanup(CleanupKind.Pin, null, GCHandle.ToIntPtr(handle)));

    internal void AddMemoryPin(MemoryHandle handle) => Add(new Cleanup(CleanupKind.MemoryPin, new StrongBox<MemoryHandle>(handle), 0));

    internal void AddNativeTemp(nint memory) => Add(new Cleanup(CleanupKind.NativeTemp, null, memory));

    internal void AddOwnedLease(OwnedNativePointer owned) => Add(new Cleanup(CleanupKind.OwnedLease, owned, 0));

    internal void AddCallback(NativeCallback callback) => Add(new Cleanup(CleanupKind.Callback, callback, 0));

    private void Add(Cleanup cleanup)
    {
        switch (_count)
        {
            case 0: _first = cleanup; break;
            case 1: _second = cleanup; break;
            case 2: _third = cleanup; break;
            default: (_more ??= new List<Cleanup>(4)).Add(cleanup); break;
        }

        _count++;
    }

    private readonly Cleanup At(int index) => index switch
    {
        0 => _first,
        1 => _second,
        2 => _third,
        _ => _more![index - 3],
    };

    /// <summary>
    /// After the native call returned: rethrows the first exception a temporary callback raised during the call
    /// (callbacks cannot throw through native frames, so they park the exception and return a default value).
    /// </summary>
    public readonly void ThrowPendingCallbackException()
    {
        for (int i = 0; i < _count; i++)
        {
            var cleanup = At(i);
            if (cleanup.Kind == CleanupKind.Callback && ((NativeCallback)cleanup.Target!).TakePendingException() is { } pending)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(pending).Throw();
            }
        }
    }

    /// <summary>
    /// After the native call returned: undoes everything, then rethrows a parked callback exception (see
    /// <see cref="ThrowPendingCallbackException"/>). Kept out of the calling frame so that frame has no exception
    /// handling around the native call.
    /// </summary>
    public void Finish()
    {
        try
        {
            ThrowPendingCallbackException();
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Undoes everything, in reverse order. Never throws for cleanup it owns.</summary>
    public unsafe void Dispose()
    {
        for (int i = _count - 1; i >= 0; i--)
        {
            var cleanup = At(i);
            switch (cleanup.Kind)
            {
                case CleanupKind.CallPin:
                    ((NativeBuffer)cleanup.Target!).EndCall(Cell, leased: cleanup.Value != 0);
                    break;
                case CleanupKind.Pin:
                    GCHandle.FromIntPtr(cleanup.Value).Free();
                    break;
                case CleanupKind.MemoryPin:
                    ((StrongBox<MemoryHandle>)cleanup.Target!).Value.Dispose();
                    break;
                case CleanupKind.NativeTemp:
                    NativeMemory.Free((void*)cleanup.Value);
                    break;
                case CleanupKind.Callback:
                    ((NativeCallback)cleanup.Target!).Dispose();
                    break;
                case CleanupKind.OwnedLease:
                    ((OwnedNativePointer)cleanup.Target!).DangerousRelease();
                    break;
            }
        }

        _count = 0;
        _more = null;
    }
}
