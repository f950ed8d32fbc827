using Relaxnative.Memory.Heap;

namespace Relaxnative;

/// <summary>
/// A lifetime for many buffers: everything allocated from the arena is freed when the arena is disposed
/// (buffers already freed individually are skipped). Thread-safe: several threads may allocate at once.
/// </summary>
/// <example><code>
/// using var arena = new NativeArena();
/// var input = arena.Alloc(4096);
/// var output = arena.Alloc(4096);
/// // ... both are freed here
/// </code></example>
public sealed class NativeArena : IDisposable
{
    private readonly AllocOptions _options;
    private readonly List<NativeBuffer> _buffers = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>Creates an arena whose allocations use <paramref name="options"/> (default: zeroed, 16-byte aligned).</summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> asks for auto-free: arena buffers are freed by the arena.</exception>
    public NativeArena(AllocOptions? options = null)
    {
        _options = CheckOptions(options ?? AllocOptions.Default);
    }

    /// <summary>Allocates <paramref name="size"/> bytes owned by the arena, with the arena's options.</summary>
    /// <exception cref="ObjectDisposedException">The arena was disposed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive.</exception>
    /// <exception cref="OutOfMemoryException">The native allocator returned NULL.</exception>
    public NativeBuffer Alloc(long size) => Alloc(size, _options);

    /// <summary>Allocates <paramref name="size"/> bytes owned by the arena, with <paramref name="options"/>.</summary>
    /// <exception cref="ObjectDisposedException">The arena was disposed.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> asks for auto-free.</exception>
    public NativeBuffer Alloc(long size, AllocOptions options)
    {
        CheckOptions(options);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var buffer = NativeHeap.Allocate(size, options);
            if (_buffers.Count >= 64 && _buffers.Count == _buffers.Capacity)
            {
                // Drop buffers freed individually before the list grows, so long-lived arenas stay small.
                _buffers.RemoveAll(b => b.IsFreed);
            }

            _buffers.Add(buffer);
            return buffer;
        }
    }

    /// <summary>The number of buffers allocated from the arena and not yet freed.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _buffers.Count(b => !b.IsFreed);
            }
        }
    }

    /// <summary>Whether <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed
    {
        get
        {
            lock (_lock)
            {
                return _disposed;
            }
        }
    }

    /// <summary>
    /// Frees every buffer still live and returns their memory to the allocator. Idempotent; never throws (overruns are
    /// reported through <see cref="NativeHeap.OverrunDetected"/>). Buffers leased by in-flight calls are released when
    /// their calls end. Costs one process-wide memory barrier (microseconds) when freed blocks wait in the quarantine
    /// (docs/memory.md, "Threads").
    /// </summary>
    public void Dispose()
    {
        NativeBuffer[] buffers;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            buffers = [.. _buffers];
            _buffers.Clear();
        }

        foreach (var buffer in buffers)
        {
            buffer.Dispose();
        }

        // Buffers read or written through the checked accessors, or passed to calls, wait in the quarantine; disposing an
        // arena is where callers expect the memory back, so pay the one process-wide barrier here rather than leave it
        // to a threshold.
        Quarantine.DrainAll();
    }

    private static AllocOptions CheckOptions(AllocOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AutoFree)
        {
            throw new ArgumentException(
                "Arena buffers are freed when the arena is disposed; AutoFree cannot be set for them. Use Native.Alloc for auto-free buffers.",
                nameof(options));
        }

        return options;
    }
}
