using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Relaxnative.Binding;

/// <summary>
/// Everything one call must undo after it returns: leases on buffers, pinned arrays, temporary native memory
/// (UTF-8 strings, pointer tables) and temporary callbacks. Lives on the stack for the call; allocates only when
/// an argument needs cleanup. Not thread-safe (one call, one thread).
/// </summary>
public struct CallScope : IDisposable
{
    private List<Cleanup>? _cleanups;

    private enum CleanupKind
    {
        Lease,
        Pin,
        MemoryPin,
        NativeTemp,
        Callback,
    }

    private readonly record struct Cleanup(CleanupKind Kind, object? Target, nint Value);

    internal void AddLease(NativeBuffer buffer) => Add(new Cleanup(CleanupKind.Lease, buffer, 0));

    internal void AddPin(GCHandle handle) => Add(new Cleanup(CleanupKind.Pin, null, GCHandle.ToIntPtr(handle)));

    internal void AddMemoryPin(MemoryHandle handle) => Add(new Cleanup(CleanupKind.MemoryPin, new StrongBox<MemoryHandle>(handle), 0));

    internal void AddNativeTemp(nint memory) => Add(new Cleanup(CleanupKind.NativeTemp, null, memory));

    internal void AddCallback(NativeCallback callback) => Add(new Cleanup(CleanupKind.Callback, callback, 0));

    private void Add(Cleanup cleanup) => (_cleanups ??= new List<Cleanup>(4)).Add(cleanup);

    /// <summary>
    /// After the native call returned: rethrows the first exception a temporary callback raised during the call
    /// (callbacks cannot throw through native frames, so they park the exception and return a default value).
    /// </summary>
    public readonly void ThrowPendingCallbackException()
    {
        if (_cleanups is null)
        {
            return;
        }

        foreach (var cleanup in _cleanups)
        {
            if (cleanup.Kind == CleanupKind.Callback && ((NativeCallback)cleanup.Target!).TakePendingException() is { } pending)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(pending).Throw();
            }
        }
    }

    /// <summary>Undoes everything, in reverse order. Never throws for cleanup it owns.</summary>
    public unsafe void Dispose()
    {
        if (_cleanups is null)
        {
            return;
        }

        for (int i = _cleanups.Count - 1; i >= 0; i--)
        {
            var cleanup = _cleanups[i];
            switch (cleanup.Kind)
            {
                case CleanupKind.Lease:
                    ((NativeBuffer)cleanup.Target!).DangerousRelease();
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
            }
        }

        _cleanups = null;
    }
}
