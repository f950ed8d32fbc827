using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Relaxnative.Binding;

/// <summary>Flattens C layouts and C# structs into <see cref="RecordLeaf"/>s. Pure and thread-safe.</summary>
internal static class RecordLeaves
{
    /// <summary>
    /// The scalars of <paramref name="layout"/>: array elements one by one, nested records recursed, each bitfield as
    /// the integer bytes its bits touch; flexible array members have none.
    /// </summary>
    /// <exception cref="NotSupportedException">A member has a type with no .NET equivalent (<c>long double</c>, <c>__int128</c>); the message names it.</exception>
    public static List<RecordLeaf> Of(CLayout layout)
    {
        var leaves = new List<RecordLeaf>();
        Add(layout, 0, "", leaves);
        return leaves;
    }

    private static void Add(CLayout layout, int baseOffset, string prefix, List<RecordLeaf> leaves)
    {
        foreach (var field in layout.Fields)
        {
            var name = prefix + field.Name;
            if (field.IsBitfield)
            {
                leaves.Add(new RecordLeaf(baseOffset + field.Offset, field.Size, false, name));
                continue;
            }

            var count = field.ArrayLength ?? 1;
            for (var i = 0; i < count; i++)
            {
                var offset = baseOffset + field.Offset + (i * field.ElementSize);
                var element = field.ArrayLength is null ? name : $"{name}[{i}]";
                if (field.Layout is { } nested)
                {
                    Add(nested, offset, element + ".", leaves);
                }
                else
                {
                    var type = field.Type.Resolved;
                    if (type.Kind is CTypeKind.Struct or CTypeKind.Void)
                    {
                        throw new NotSupportedException($"field '{name}' of '{layout.Name}' is C '{field.Type.Spelling}', which has no .NET equivalent to pass by value");
                    }

                    leaves.Add(new RecordLeaf(offset, field.ElementSize, type.Kind is CTypeKind.Float or CTypeKind.Double, element));
                }
            }
        }
    }

    /// <summary>The scalars of the unmanaged struct <paramref name="type"/>, at the offsets the runtime gives them.</summary>
    /// <exception cref="NotSupportedException">The type is not a blittable struct (a reference, bool or char field, auto layout).</exception>
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public static List<RecordLeaf> Of([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields | DynamicallyAccessedMemberTypes.NonPublicFields)] Type type)
    {
        var leaves = new List<RecordLeaf>();
        AddManaged(type, 0, "", leaves, 0);
        return leaves;
    }

    /// <summary>The size of an unmanaged struct in bytes, as <c>sizeof(T)</c> gives it.</summary>
    public static int SizeOf(Type type) => RuntimeHelpers.SizeOf(type.TypeHandle);

    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    private static void AddManaged(Type type, int baseOffset, string prefix, List<RecordLeaf> leaves, int depth)
    {
        if (!type.IsValueType || type.IsPrimitive || type.IsEnum || depth > 16)
        {
            throw new NotSupportedException($"{type.Name} is not a struct");
        }

        if (type.IsAutoLayout)
        {
            throw new NotSupportedException($"{type.Name} has LayoutKind.Auto; give it [StructLayout(LayoutKind.Sequential)] or Explicit");
        }

        var fields = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        var inlineArray = type.GetCustomAttribute<InlineArrayAttribute>();
        foreach (var field in fields)
        {
            var offset = baseOffset + (int)Marshal.OffsetOf(type, field.Name);
            var name = prefix + field.Name;
            if (field.GetCustomAttribute<FixedBufferAttribute>() is { } fixedBuffer)
            {
                var size = ScalarSize(fixedBuffer.ElementType, name);
                for (var i = 0; i < fixedBuffer.Length; i++)
                {
                    leaves.Add(new RecordLeaf(offset + (i * size), size, IsFloat(fixedBuffer.ElementType), $"{name}[{i}]"));
                }

                continue;
            }

            var count = inlineArray?.Length ?? 1;
            var stride = count > 1 ? SizeOf(field.FieldType) : 0;
            for (var i = 0; i < count; i++)
            {
                var at = offset + (i * stride);
                var element = count > 1 ? $"{name}[{i}]" : name;
                var fieldType = field.FieldType.IsEnum ? Enum.GetUnderlyingType(field.FieldType) : field.FieldType;
                if (fieldType.IsPrimitive || fieldType.IsPointer || fieldType.IsFunctionPointer)
                {
                    leaves.Add(new RecordLeaf(at, ScalarSize(fieldType, element), IsFloat(fieldType), element));
                }
                else
                {
                    AddManaged(fieldType, at, element + ".", leaves, depth + 1);
                }
            }
        }
    }

    private static bool IsFloat(Type type) => type == typeof(float) || type == typeof(double);

    private static int ScalarSize(Type type, string name)
    {
        if (type == typeof(bool) || type == typeof(char))
        {
            throw new NotSupportedException($"field '{name}' is {type.Name}, whose native size is not fixed; use byte (C _Bool/char) or ushort");
        }

        if (type.IsPointer || type.IsFunctionPointer)
        {
            return IntPtr.Size;
        }

        if (!type.IsPrimitive)
        {
            throw new NotSupportedException($"field '{name}' is {type.Name}, which is not an unmanaged scalar");
        }

        return type == typeof(nint) || type == typeof(nuint) ? IntPtr.Size : SizeOf(type);
    }
}
