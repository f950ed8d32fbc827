namespace Relaxnative;

/// <summary>
/// Thrown when a function cannot be bound: a declaration with unsupported parts (variadic, struct by value, ...),
/// a missing symbol, a function that a loaded source skipped, or a delegate type that does not match the C signature.
/// <see cref="Problems"/> lists every problem found at once.
/// </summary>
public sealed class NativeBindingException : Exception
{
    /// <summary>Creates the exception for <paramref name="functionName"/> with its problems.</summary>
    public NativeBindingException(string functionName, IReadOnlyList<string> problems)
        : base(Binding.BindingErrors.CannotBind(functionName, problems))
    {
        FunctionName = functionName;
        Problems = problems;
    }

    /// <summary>Creates the exception with a message.</summary>
    public NativeBindingException(string message) : base(message)
    {
        FunctionName = "";
        Problems = [message];
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public NativeBindingException(string message, Exception innerException) : base(message, innerException)
    {
        FunctionName = "";
        Problems = [message];
    }

    /// <summary>Creates the exception with no message.</summary>
    public NativeBindingException() : this("The function could not be bound.") { }

    /// <summary>The C function concerned.</summary>
    public string FunctionName { get; }

    /// <summary>Every problem found, one sentence each, each with its fix.</summary>
    public IReadOnlyList<string> Problems { get; }
}
