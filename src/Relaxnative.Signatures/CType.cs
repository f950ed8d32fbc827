using Relaxnative.Signatures;

namespace Relaxnative;

/// <summary>
/// An immutable C type: a scalar, a pointer, a function pointer, a struct by value or an opaque name.
/// Create instances with the static factories (<see cref="Scalar"/>, <see cref="PointerTo"/>,
/// <see cref="FunctionPointerTo"/>, <see cref="Named"/>), which also compute <see cref="Spelling"/>.
/// Instances are immutable and safe to share between threads.
/// </summary>
public sealed record CType
{
    private CType(CTypeKind kind, bool isConst, CType? pointee, CFunctionSignature? function, string? tagName, string spelling)
    {
        Kind = kind;
        IsConst = isConst;
        Pointee = pointee;
        Function = function;
        TagName = tagName;
        Spelling = spelling;
    }

    /// <summary>The ABI category of the type.</summary>
    public CTypeKind Kind { get; }

    /// <summary>Whether this level of the type is <c>const</c>-qualified (<c>const char</c>, or <c>char* const</c> for the pointer itself).</summary>
    public bool IsConst { get; }

    /// <summary>For <see cref="CTypeKind.Pointer"/>, the type pointed to; otherwise <see langword="null"/>.</summary>
    public CType? Pointee { get; }

    /// <summary>For <see cref="CTypeKind.FunctionPointer"/>, the signature of the function pointed to (its name is empty); otherwise <see langword="null"/>.</summary>
    public CFunctionSignature? Function { get; }

    /// <summary>
    /// For structs, unions, enums and unknown type names, the tag or typedef name (<c>foo</c> for
    /// <c>struct foo</c>); <c>long double</c> for that unsupported type; otherwise <see langword="null"/>.
    /// </summary>
    public string? TagName { get; }

    /// <summary>The normalized C spelling, for example <c>const char*</c>, <c>uint8_t**</c>, <c>struct foo*</c>, <c>int (*)(int)</c>.</summary>
    public string Spelling { get; }

    /// <summary>Whether this is a data pointer (<see cref="CTypeKind.Pointer"/>).</summary>
    public bool IsPointer => Kind == CTypeKind.Pointer;

    /// <summary>Whether this is a function pointer (<see cref="CTypeKind.FunctionPointer"/>).</summary>
    public bool IsFunctionPointer => Kind == CTypeKind.FunctionPointer;

    /// <summary>The number of data-pointer levels: 0 for <c>int</c>, 1 for <c>char*</c>, 2 for <c>uint8_t**</c>.</summary>
    public int PointerDepth
    {
        get
        {
            var depth = 0;
            for (var type = this; type.Kind == CTypeKind.Pointer; type = type.Pointee!)
            {
                depth++;
            }

            return depth;
        }
    }

    /// <summary>Whether this is a pointer to plain <c>char</c>, const or not (<c>char*</c>, <c>const char*</c>).</summary>
    public bool IsCharPointer => Kind == CTypeKind.Pointer && Pointee!.IsPlainChar;

    /// <summary>
    /// Whether this is exactly a pointer to <c>const char</c> (<c>const char*</c>): a NUL-terminated string
    /// the function only reads. Binding passes a .NET <see cref="string"/> here and returns one from here.
    /// </summary>
    public bool IsCString => IsCharPointer && Pointee!.IsConst;

    /// <summary>
    /// The size in bytes on LP64: 1, 2, 4 or 8 for scalars, 8 for pointers and function pointers,
    /// 0 for <c>void</c>, and 0 when the size is unknown (structs and opaque names).
    /// </summary>
    public int SizeInBytes => Kind switch
    {
        CTypeKind.Bool or CTypeKind.Int8 or CTypeKind.UInt8 => 1,
        CTypeKind.Int16 or CTypeKind.UInt16 => 2,
        CTypeKind.Int32 or CTypeKind.UInt32 or CTypeKind.Float => 4,
        CTypeKind.Int64 or CTypeKind.UInt64 or CTypeKind.Double => 8,
        CTypeKind.IntPtr or CTypeKind.UIntPtr or CTypeKind.Pointer or CTypeKind.FunctionPointer => 8,
        _ => 0,
    };

    /// <summary>Whether this is a scalar (void, bool, integer, floating point), as opposed to a pointer or aggregate.</summary>
    public bool IsScalar => Kind <= CTypeKind.Double;

    internal bool IsPlainChar => Kind == CTypeKind.Int8 && BaseSpelling == "char";

    private string BaseSpelling => IsConst && Spelling.StartsWith("const ", StringComparison.Ordinal) ? Spelling[6..] : Spelling;

    /// <summary>Creates a scalar type (<see cref="CTypeKind.Void"/> through <see cref="CTypeKind.Double"/>).</summary>
    /// <param name="kind">A scalar kind.</param>
    /// <param name="spelling">The C name without qualifiers, for example <c>unsigned long</c> or <c>uint32_t</c>; <see langword="null"/> for the canonical name of <paramref name="kind"/>.</param>
    /// <param name="isConst">Whether the type is <c>const</c>-qualified.</param>
    /// <param name="tagName">An enum tag, when the scalar is an <c>enum</c>.</param>
    /// <returns>The scalar type.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a scalar kind.</exception>
    public static CType Scalar(CTypeKind kind, string? spelling = null, bool isConst = false, string? tagName = null)
    {
        if (kind > CTypeKind.Double)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Scalar types are Void through Double; use PointerTo, FunctionPointerTo or Named for the others.");
        }

        var name = spelling ?? CTypeNames.CanonicalSpelling(kind);
        return new CType(kind, isConst, null, null, tagName, isConst ? "const " + name : name);
    }

    /// <summary>Creates a data pointer type <c>T*</c>.</summary>
    /// <param name="pointee">The type pointed to.</param>
    /// <param name="isConst">Whether the pointer itself is const (<c>T* const</c>).</param>
    /// <returns>The pointer type.</returns>
    public static CType PointerTo(CType pointee, bool isConst = false)
    {
        ArgumentNullException.ThrowIfNull(pointee);
        var type = new CType(CTypeKind.Pointer, isConst, pointee, null, null, string.Empty);
        return type.WithComputedSpelling();
    }

    /// <summary>Creates a function pointer type from the signature of the function it points to.</summary>
    /// <param name="function">The function's signature; its name is ignored when spelling the type.</param>
    /// <param name="isConst">Whether the pointer itself is const.</param>
    /// <returns>The function pointer type.</returns>
    public static CType FunctionPointerTo(CFunctionSignature function, bool isConst = false)
    {
        ArgumentNullException.ThrowIfNull(function);
        var type = new CType(CTypeKind.FunctionPointer, isConst, null, function, null, string.Empty);
        return type.WithComputedSpelling();
    }

    /// <summary>
    /// Creates a named non-scalar type: a struct or union by value (<see cref="CTypeKind.Struct"/>) or
    /// an opaque name behind a pointer (<see cref="CTypeKind.Opaque"/>).
    /// </summary>
    /// <param name="kind"><see cref="CTypeKind.Struct"/> or <see cref="CTypeKind.Opaque"/>.</param>
    /// <param name="tagName">The tag or typedef name, for example <c>foo</c>.</param>
    /// <param name="spelling">The C spelling without qualifiers, for example <c>struct foo</c>; <see langword="null"/> for <paramref name="tagName"/>.</param>
    /// <param name="isConst">Whether the type is <c>const</c>-qualified.</param>
    /// <returns>The named type.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not Struct or Opaque.</exception>
    public static CType Named(CTypeKind kind, string tagName, string? spelling = null, bool isConst = false)
    {
        if (kind is not (CTypeKind.Struct or CTypeKind.Opaque))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Named types are Struct or Opaque.");
        }

        ArgumentNullException.ThrowIfNull(tagName);
        var name = spelling ?? tagName;
        return new CType(kind, isConst, null, null, tagName, isConst ? "const " + name : name);
    }

    /// <summary>Returns this type with <see cref="IsConst"/> set as given.</summary>
    /// <param name="isConst">The new const qualification.</param>
    /// <returns>A type equal to this one except for its top-level const qualification.</returns>
    public CType WithConst(bool isConst)
    {
        if (isConst == IsConst)
        {
            return this;
        }

        return Kind switch
        {
            CTypeKind.Pointer => PointerTo(Pointee!, isConst),
            CTypeKind.FunctionPointer => FunctionPointerTo(Function!, isConst),
            CTypeKind.Struct or CTypeKind.Opaque => Named(Kind, TagName!, BaseSpelling, isConst),
            _ => Scalar(Kind, BaseSpelling, isConst, TagName),
        };
    }

    /// <summary>Returns <see cref="Spelling"/>.</summary>
    /// <returns>The normalized C spelling.</returns>
    public override string ToString() => Spelling;

    private CType WithComputedSpelling() =>
        new(Kind, IsConst, Pointee, Function, TagName, CDeclarationFormatter.Declare(this, string.Empty));
}
