using Relaxnative.Signatures;

namespace Relaxnative;

/// <summary>
/// An immutable C function signature: name, return type, parameters and whether it is variadic.
/// Two signatures are equal when all of these are equal, comparing parameters by content.
/// </summary>
/// <param name="Name">The function name; empty for the function behind a function pointer type.</param>
/// <param name="ReturnType">The return type (<see cref="CTypeKind.Void"/> for <c>void</c>).</param>
/// <param name="Parameters">The parameters in order; empty for <c>(void)</c> and <c>()</c>.</param>
/// <param name="IsVariadic">Whether the parameter list ends in <c>...</c>.</param>
public sealed record CFunctionSignature(string Name, CType ReturnType, IReadOnlyList<CParameter> Parameters, bool IsVariadic)
{
    /// <summary>Compares name, return type, variadic flag and every parameter by value.</summary>
    /// <param name="other">The signature to compare with.</param>
    /// <returns><see langword="true"/> when both describe the same function.</returns>
    public bool Equals(CFunctionSignature? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null
            && string.Equals(Name, other.Name, StringComparison.Ordinal)
            && IsVariadic == other.IsVariadic
            && ReturnType.Equals(other.ReturnType)
            && Parameters.SequenceEqual(other.Parameters);
    }

    /// <summary>Returns a hash code consistent with <see cref="Equals(CFunctionSignature?)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name, StringComparer.Ordinal);
        hash.Add(ReturnType);
        hash.Add(IsVariadic);
        foreach (var parameter in Parameters)
        {
            hash.Add(parameter);
        }

        return hash.ToHashCode();
    }

    /// <summary>
    /// Gets this signature with every typedef name resolved (<c>unsigned long crc32(unsigned long crc, ...)</c> for
    /// <c>uLong crc32(uLong crc, ...)</c>): a declaration that parses without the typedefs in scope. This instance when no
    /// typedef name is involved.
    /// </summary>
    public CFunctionSignature Resolved
    {
        get
        {
            var returnType = ReturnType.Resolved;
            var parameters = Parameters.Select(p => p.Type.Resolved is var t && !ReferenceEquals(t, p.Type) ? p with { Type = t } : p).ToArray();
            return ReferenceEquals(returnType, ReturnType) && parameters.Where((p, i) => !ReferenceEquals(p, Parameters[i])).Any() is false
                ? this
                : this with { ReturnType = returnType, Parameters = parameters };
        }
    }

    /// <summary>
    /// Returns the normalized C declaration, for example <c>int add(int a, int b)</c>,
    /// <c>void f(void)</c> or <c>int printf(const char* fmt, ...)</c>.
    /// </summary>
    /// <returns>The declaration without a trailing semicolon.</returns>
    public override string ToString() => CDeclarationFormatter.Declare(ReturnType, Name + "(" + CDeclarationFormatter.ParameterList(this) + ")");
}
