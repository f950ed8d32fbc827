namespace Relaxnative.Binding;

/// <summary>How one value crosses the boundary: its ABI type and how .NET values convert to and from it.</summary>
internal enum ValueKind
{
    /// <summary>No value (return type void).</summary>
    Void,

    /// <summary>C <c>_Bool</c>: one byte, 0 or 1; .NET bool.</summary>
    Bool,

    /// <summary>8-bit signed integer.</summary>
    Int8,

    /// <summary>8-bit unsigned integer.</summary>
    UInt8,

    /// <summary>16-bit signed integer.</summary>
    Int16,

    /// <summary>16-bit unsigned integer.</summary>
    UInt16,

    /// <summary>32-bit signed integer (also enums).</summary>
    Int32,

    /// <summary>32-bit unsigned integer.</summary>
    UInt32,

    /// <summary>64-bit signed integer.</summary>
    Int64,

    /// <summary>64-bit unsigned integer.</summary>
    UInt64,

    /// <summary>Pointer-sized signed integer (<c>intptr_t</c>); returned as nint.</summary>
    IntPtr,

    /// <summary>Pointer-sized unsigned integer (<c>size_t</c>, <c>uintptr_t</c>); returned as nuint.</summary>
    UIntPtr,

    /// <summary>32-bit float.</summary>
    Float,

    /// <summary>64-bit double.</summary>
    Double,

    /// <summary>A data pointer (<c>T*</c>).</summary>
    Pointer,

    /// <summary>A pointer to <c>char</c>: strings convert (UTF-8) where the C type allows.</summary>
    CharPointer,

    /// <summary>A pointer to pointers (<c>T**</c>): tables of pointers convert.</summary>
    PointerTable,

    /// <summary>A function pointer: delegates and callbacks convert.</summary>
    FunctionPointer,

    /// <summary>A struct or union by value, laid out as the C compiler measured it (<see cref="ValuePlan.Layout"/>).</summary>
    Record,
}
