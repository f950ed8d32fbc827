using System.Runtime.InteropServices;

namespace Relaxnative.Binding;

/// <summary>
/// An open shared library: a thin wrapper over <see cref="NativeLibrary"/> (<c>dlopen</c>/<c>dlsym</c>/<c>dlclose</c>)
/// that remembers where it was found. Thread-safe. <see cref="Dispose"/> closes the library; the caller must make sure
/// no call into it is still running.
/// </summary>
internal sealed partial class NativeLibraryHandle : IDisposable
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<StubTarget, object?> _stubTargets = new();
    private nint _handle;

    private NativeLibraryHandle(nint handle, string path, string requested)
    {
        _handle = handle;
        Path = path;
        Requested = requested;
    }

    /// <summary>The path or name the library was opened from (the candidate that succeeded).</summary>
    public string Path { get; }

    /// <summary>What the caller asked for.</summary>
    public string Requested { get; }

    /// <summary>Whether <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed => Volatile.Read(ref _handle) == 0;

    /// <summary>
    /// Opens <paramref name="library"/>: a path (absolute or relative), a file name (<c>libz.so.1</c>), or a short name
    /// (<c>z</c>, <c>c</c>, <c>m</c>) that is expanded to the platform's file names and searched in the usual folders.
    /// </summary>
    /// <exception cref="NativeLibraryNotFoundException">No candidate could be opened; lists every candidate with its loader error.</exception>
    public static NativeLibraryHandle Open(string library)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(library);
        var attempts = new List<(string Candidate, string Error)>();
        foreach (string candidate in Candidates(library))
        {
            try
            {
                nint handle = NativeLibrary.Load(candidate);
                return new NativeLibraryHandle(handle, candidate, library);
            }
            catch (DllNotFoundException e)
            {
                attempts.Add((candidate, FirstLine(e.Message)));
            }
            catch (BadImageFormatException e)
            {
                attempts.Add((candidate, FirstLine(e.Message)));
            }
        }

        throw new NativeLibraryNotFoundException(library, attempts);
    }

    /// <summary>The address of an exported symbol, or 0 when the library does not export it.</summary>
    /// <exception cref="ObjectDisposedException">The library was closed.</exception>
    public nint TryGetExport(string name)
    {
        nint handle = Volatile.Read(ref _handle);
        if (handle == 0)
        {
            BindingErrors.ThrowDisposed($"Native library '{Path}'");
        }

        return NativeLibrary.TryGetExport(handle, name, out nint address) ? address : 0;
    }

    /// <summary>Closes the library. Idempotent. Typed delegates made from it throw <see cref="ObjectDisposedException"/> afterwards.</summary>
    public void Dispose()
    {
        nint handle = Interlocked.Exchange(ref _handle, 0);
        if (handle != 0)
        {
            lock (_stubTargets)
            {
                foreach (var (target, _) in _stubTargets)
                {
                    Volatile.Write(ref target.Address, 0);
                }
            }

            NativeLibrary.Free(handle);
        }
    }

    /// <summary>Registers a typed stub's target so that closing the library zeroes its address.</summary>
    internal void Track(StubTarget target)
    {
        lock (_stubTargets)
        {
            _stubTargets.AddOrUpdate(target, null);
        }

        if (IsDisposed)
        {
            // Closed while the stub was being made: make sure the stub sees it.
            Volatile.Write(ref target.Address, 0);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"NativeLibrary({Path})";

    private static string FirstLine(string message)
    {
        int end = message.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
