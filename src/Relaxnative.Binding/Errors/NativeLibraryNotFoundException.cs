namespace Relaxnative;

/// <summary>
/// Thrown by <c>Native.Open</c> when a shared library cannot be opened. <see cref="Attempts"/> lists every path or
/// name tried with the loader's own error (<c>dlerror</c>) for each.
/// </summary>
public sealed class NativeLibraryNotFoundException : DllNotFoundException
{
    /// <summary>Creates the exception for <paramref name="library"/> with the attempts made.</summary>
    public NativeLibraryNotFoundException(string library, IReadOnlyList<(string Candidate, string Error)> attempts)
        : base(Binding.BindingErrors.LibraryNotFound(library, attempts))
    {
        Library = library;
        Attempts = attempts;
    }

    /// <summary>Creates the exception with a message.</summary>
    public NativeLibraryNotFoundException(string message) : base(message)
    {
        Library = "";
        Attempts = [];
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public NativeLibraryNotFoundException(string message, Exception innerException) : base(message, innerException)
    {
        Library = "";
        Attempts = [];
    }

    /// <summary>Creates the exception with no message.</summary>
    public NativeLibraryNotFoundException() : this("The native library could not be opened.") { }

    /// <summary>The name or path the caller asked for.</summary>
    public string Library { get; }

    /// <summary>Each candidate tried, in order, with the loader's error for it.</summary>
    public IReadOnlyList<(string Candidate, string Error)> Attempts { get; }
}
