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
    // Spellings of pointer types are computed on first use: a chain of N pointers would otherwise hold N
    // strings of growing length (quadratic time and memory for 'int ****...f').
    private string? _spelling;
    private CType? _resolved;

    private CType(CTypeKind kind, bool isConst, CType? pointee, CFunctionSignature? function, string? tagName, string? spelling,
        string? typedefName = null, CType? underlying = null)
    {
        Kind = kind;
        IsConst = isConst;
        Pointee = pointee;
        Function = function;
        TagName = tagName;
        _spelling = spelling;
        TypedefName = typedefName;
        Underlying = underlying;
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

    /// <summary>
    /// The normalized C spelling as written, for example <c>const char*</c>, <c>uint8_t**</c>, <c>struct foo*</c>,
    /// <c>int (*)(int)</c>; a typedef'd type is spelled with its typedef name (<c>uLong</c>, <c>const Bytef*</c>).
    /// </summary>
    public string Spelling => _spelling ??= CDeclarationFormatter.Declare(this, string.Empty);

    /// <summary>
    /// The typedef name this level of the type was written with (<c>uLong</c> for a parameter declared <c>uLong x</c>), or
    /// <see langword="null"/>. A typedef'd type has the kind, pointee and function of the type it stands for, so binding
    /// treats it exactly as its underlying type.
    /// </summary>
    public string? TypedefName { get; }

    /// <summary>For a typedef'd type, the type the typedef stands for (which may itself be a typedef); otherwise <see langword="null"/>.</summary>
    public CType? Underlying { get; }

    /// <summary>
    /// This type with every typedef name resolved, at every level (pointees and function pointer signatures included):
    /// <c>unsigned long</c> for <c>uLong</c>, <c>const unsigned char*</c> for <c>const Bytef*</c>.
    /// Returns this instance when no typedef name is involved.
    /// </summary>
    public CType Resolved => _resolved ??= CTypeResolution.Resolve(this);

    /// <summary>
    /// The spelling for messages: <see cref="Spelling"/>, followed by the resolved spelling in parentheses when a typedef
    /// name is involved: <c>uLong (unsigned long)</c>, <c>lua_CFunction (int (*)(lua_State*))</c>.
    /// </summary>
    public string Description
    {
        get
        {
            var resolved = Resolved;
            return ReferenceEquals(resolved, this) || resolved.Spelling == Spelling ? Spelling : Spelling + " (" + resolved.Spelling + ")";
        }
    }

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

    internal bool IsPlainChar
    {
        get
        {
            var type = this;
            while (type.TypedefName is not null)
            {
                type = type.Underlying!;
            }

            return type.Kind == CTypeKind.Int8 && type.BaseSpelling == "char";
        }
    }

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
        return new CType(CTypeKind.Pointer, isConst, pointee, null, null, null);
    }

    /// <summary>Creates a function pointer type from the signature of the function it points to.</summary>
    /// <param name="function">The function's signature; its name is ignored when spelling the type.</param>
    /// <param name="isConst">Whether the pointer itself is const.</param>
    /// <returns>The function pointer type.</returns>
    public static CType FunctionPointerTo(CFunctionSignature function, bool isConst = false)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new CType(CTypeKind.FunctionPointer, isConst, null, function, null, null);
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

    /// <summary>
    /// Creates the type a typedef name stands for, remembering the name: the result has the kind, pointee, function and tag
    /// of <paramref name="underlying"/>, is spelled <paramref name="name"/>, and <see cref="Resolved"/> strips the name again.
    /// </summary>
    /// <param name="name">The typedef name, for example <c>uLong</c>.</param>
    /// <param name="underlying">The type the name stands for (may itself be a typedef'd type).</param>
    /// <param name="isConst">Whether the use adds <c>const</c> (<c>const uLong</c>, spelled so); a const underlying type stays const.</param>
    /// <returns>The typedef'd type.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static CType Typedef(string name, CType underlying, bool isConst = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(underlying);
        return new CType(underlying.Kind, isConst || underlying.IsConst, underlying.Pointee, underlying.Function, underlying.TagName,
            isConst ? "const " + name : name, name, underlying);
    }

    /// <summary>
    /// Whether this type and <paramref name="other"/> are the same C type once typedef names are resolved, ignoring
    /// <c>const</c> on the types themselves and the spelling of same-ABI scalars (<c>int32_t</c> and <c>int</c>);
    /// parameter names of function pointers are ignored too. This is the check a prototype must pass against a header.
    /// </summary>
    /// <param name="other">The type to compare with.</param>
    /// <returns><see langword="true"/> when a call through either type passes the same bits.</returns>
    public bool IsSameType(CType other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return CTypeResolution.SameType(this, other);
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

        if (TypedefName is not null)
        {
            return isConst ? Typedef(TypedefName, Underlying!, true) : Typedef(TypedefName, Underlying!.WithConst(false));
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

    /// <summary>
    /// Compares kind, qualification, tag, typedef name, spelling and what the type points to, by value. Pointer chains are
    /// compared iteratively, so any depth is safe.
    /// </summary>
    /// <param name="other">The type to compare with.</param>
    /// <returns>Whether both types are written the same way.</returns>
    public bool Equals(CType? other)
    {
        var left = this;
        var right = other;
        while (true)
        {
            if (ReferenceEquals(left, right))
            {
                return true;
            }

            if (right is null || left is null
                || left.Kind != right.Kind || left.IsConst != right.IsConst
                || !string.Equals(left.TagName, right.TagName, StringComparison.Ordinal)
                || !string.Equals(left.TypedefName, right.TypedefName, StringComparison.Ordinal)
                || !Equals(left.Function, right.Function))
            {
                return false;
            }

            if (left.TypedefName is not null)
            {
                return string.Equals(left.Spelling, right.Spelling, StringComparison.Ordinal) && Equals(left.Underlying, right.Underlying);
            }

            if (left.Kind == CTypeKind.FunctionPointer)
            {
                return true; // The signatures were compared above.
            }

            if (left.Kind != CTypeKind.Pointer)
            {
                // Scalars and named types carry their spelling from creation (int32_t and int differ as written).
                return string.Equals(left.Spelling, right.Spelling, StringComparison.Ordinal);
            }

            left = left.Pointee;
            right = right.Pointee;
        }
    }

    /// <summary>Returns a hash code consistent with <see cref="Equals(CType?)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        var type = this;
        var depth = 0;
        while (type.Kind == CTypeKind.Pointer && type.TypedefName is null)
        {
            hash.Add(type.IsConst);
            type = type.Pointee!;
            depth++;
        }

        hash.Add(depth);
        hash.Add(type.Kind);
        hash.Add(type.TypedefName, StringComparer.Ordinal);
        hash.Add(type.TagName, StringComparer.Ordinal);
        hash.Add(type.IsConst);
        return hash.ToHashCode();
    }
}
