namespace Relaxnative.Signatures;

/// <summary>The shape a declarator gives a type while parsing, before it becomes a <see cref="CType"/>.</summary>
internal enum CDeclaratorKind
{
    Base,
    Pointer,
    Array,
    Function,
}

/// <summary>
/// A type under construction: a base type from the specifiers with pointer, array and function
/// derivations wrapped around it, read inside-out as C does (<c>int (*f)(void)</c> is a pointer to a
/// function returning int). Arrays and functions exist only here: they decay when the parameter or
/// return type is turned into a <see cref="CType"/>.
/// </summary>
internal sealed class CDeclarator
{
    public required CDeclaratorKind Kind { get; init; }

    /// <summary>The 0-based offset of the token that introduced this level, for error columns.</summary>
    public required int Offset { get; init; }

    /// <summary>For Base: the type named by the specifiers.</summary>
    public CType? Base { get; init; }

    /// <summary>For Base: the type is a typedef name the parser does not know (opaque behind a pointer).</summary>
    public bool IsUnknownName { get; init; }

    /// <summary>For Pointer, Array and Function: the pointee, element or return type.</summary>
    public CDeclarator? Inner { get; init; }

    /// <summary>For Pointer: the pointer itself is const.</summary>
    public bool IsConst { get; init; }

    /// <summary>For Function: the parameters.</summary>
    public IReadOnlyList<CParameter>? Parameters { get; init; }

    /// <summary>For Function: the list ends in '...'.</summary>
    public bool IsVariadic { get; init; }

    /// <summary>For Array: the token range of the bound expression (start inclusive, end exclusive); empty for '[]'.</summary>
    public int BoundStart { get; init; }

    /// <summary>For Array: the end of the bound expression's token range.</summary>
    public int BoundEnd { get; init; }

    /// <summary>For Base: the type is a typedef of a function type (<c>typedef int fn(int);</c>), held as a function pointer.</summary>
    public bool IsFunctionType { get; init; }
}
