namespace Relaxnative;

/// <summary>
/// The ABI category of a C type as Relaxnative sees it on LP64 platforms (Linux x64):
/// <c>long</c> and pointers are 8 bytes, <c>int</c> is 4 bytes.
/// </summary>
public enum CTypeKind
{
    /// <summary><c>void</c>: only valid as a return type or behind a pointer.</summary>
    Void,

    /// <summary><c>_Bool</c> / <c>bool</c>, 1 byte.</summary>
    Bool,

    /// <summary><c>char</c>, <c>signed char</c>, <c>int8_t</c>, 1 byte.</summary>
    Int8,

    /// <summary><c>unsigned char</c>, <c>uint8_t</c>, 1 byte.</summary>
    UInt8,

    /// <summary><c>short</c>, <c>int16_t</c>, 2 bytes.</summary>
    Int16,

    /// <summary><c>unsigned short</c>, <c>uint16_t</c>, 2 bytes.</summary>
    UInt16,

    /// <summary><c>int</c>, <c>int32_t</c>, enums, <c>wchar_t</c>, 4 bytes.</summary>
    Int32,

    /// <summary><c>unsigned int</c>, <c>uint32_t</c>, 4 bytes.</summary>
    UInt32,

    /// <summary><c>long</c>, <c>long long</c>, <c>int64_t</c>, <c>ssize_t</c>, <c>ptrdiff_t</c>, <c>off_t</c>, 8 bytes.</summary>
    Int64,

    /// <summary><c>unsigned long</c>, <c>unsigned long long</c>, <c>uint64_t</c>, 8 bytes.</summary>
    UInt64,

    /// <summary><c>intptr_t</c> (Rust <c>isize</c>): a pointer-sized signed integer, surfaced as <see cref="nint"/>.</summary>
    IntPtr,

    /// <summary><c>size_t</c>, <c>uintptr_t</c> (Rust <c>usize</c>): a pointer-sized unsigned integer, surfaced as <see cref="nuint"/>.</summary>
    UIntPtr,

    /// <summary><c>float</c>, 4 bytes.</summary>
    Float,

    /// <summary><c>double</c>, 8 bytes.</summary>
    Double,

    /// <summary>A data pointer <c>T*</c>; see <see cref="CType.Pointee"/>.</summary>
    Pointer,

    /// <summary>A function pointer; see <see cref="CType.Function"/>.</summary>
    FunctionPointer,

    /// <summary>
    /// A struct or union by value, or a type Relaxnative cannot pass by value (an unknown typedef name,
    /// <c>long double</c>); <see cref="CType.TagName"/> names it. Binding rejects these with a message.
    /// </summary>
    Struct,

    /// <summary>An unknown type name seen only behind a pointer (<c>FILE*</c>, <c>my_handle*</c>).</summary>
    Opaque,
}
