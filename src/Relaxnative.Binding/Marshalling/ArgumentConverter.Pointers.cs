using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Relaxnative.Memory.Heap;

namespace Relaxnative.Binding;

internal static unsafe partial class ArgumentConverter
{
    private delegate nint PinFunc(object value, ref CallScope scope, out Type elementType);

    /// <summary>The address to pass for a pointer parameter, taking pins and leases into <paramref name="scope"/>.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    internal static nint PointerOf(string function, ValuePlan plan, object? value, ref CallScope scope)
    {
        switch (value)
        {
            case null:
                return 0;
            case nint address:
                return address;
            case nuint address:
                return (nint)address;
            case NativeBuffer buffer:
                return PinnedAddress(buffer, ref scope);
            case NativePointer pointer:
                return AddressOf(function, plan, pointer, ref scope);
            case OwnedNativePointer owned:
                owned.DangerousAddRef();
                scope.AddOwnedLease(owned);
                return owned.DangerousGetAddress();
            case string text when plan.Text != TextForm.None && NativeText.AcceptsString(plan):
                return NativeText.ToNative(function, plan, text, ref scope);
            case string text when plan.Type.IsCString:
                return Utf8(function, plan, text, ref scope);
            case string:
                BindingErrors.ThrowBadArgument(function, plan.Parameter!, plan.Expected, value,
                    "A string is read-only; for a writable 'char*' pass a NativeBuffer, and read the result with ReadCString().");
                return 0;
            case NativePointer[] pointers when plan.Kind == ValueKind.PointerTable:
            {
                var table = Table(pointers.Length, ref scope);
                for (int i = 0; i < pointers.Length; i++)
                {
                    table[i] = pointers[i] is { } p ? AddressOf(function, plan, p, ref scope) : 0;
                }

                return (nint)table;
            }

            case NativeBuffer[] buffers when plan.Kind == ValueKind.PointerTable:
            {
                var table = Table(buffers.Length, ref scope);
                for (int i = 0; i < buffers.Length; i++)
                {
                    table[i] = buffers[i] is { } buffer ? PinnedAddress(buffer, ref scope) : 0;
                }

                return (nint)table;
            }

            case Array array:
                CheckElementType(function, plan, value, array.GetType().GetElementType()!);
                if (ReferenceEquals(array, scope.PrePinned))
                {
                    return (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
                }

                var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
                scope.AddPin(handle);
                return handle.AddrOfPinnedObject();
        }

        var type = value.GetType();
        if (type.IsGenericType && PinnerFor(type) is { } pin)
        {
            nint address = pin(value, ref scope, out var elementType);
            CheckElementType(function, plan, value, elementType);
            return address;
        }

        BindingErrors.ThrowBadArgument(function, plan.Parameter!, plan.Expected, value);
        return 0;
    }

    private static nint PinnedAddress(NativeBuffer buffer, ref CallScope scope)
    {
        nint address = buffer.PinForCall(ref scope.Cell, out bool leased);
        scope.AddCallPin(buffer, leased);
        return address;
    }

    /// <summary>
    /// A pointer's address; a pointer tied to a buffer pins that buffer for the call. A remote pointer (an address in
    /// a helper process) is refused: dereferenced here it would crash the process.
    /// </summary>
    internal static nint AddressOf(string function, ValuePlan plan, NativePointer pointer, ref CallScope scope)
    {
        nint address = PinnedAddressOf(function, plan, pointer, ref scope.Cell, out bool leased);
        if (pointer.Owner is { } owner)
        {
            scope.AddCallPin(owner, leased);
        }

        return address;
    }

    /// <summary>
    /// <see cref="AddressOf"/> for a caller that records the pin itself: the pointer's owner, if it has one, is pinned
    /// (or leased: <paramref name="leased"/>) and must be ended with <see cref="NativeBuffer.EndCall"/>.
    /// </summary>
    internal static nint PinnedAddressOf(string function, ValuePlan plan, NativePointer pointer, ref ThreadCell? cell, out bool leased)
    {
        leased = false;
        // A field test, so the typed path stays as fast as before (CallBenchmarks.Typed_*).
        if (pointer.RemoteOrigin is not null)
        {
            BindingErrors.ThrowRemotePointer(function, plan.Parameter!, pointer);
        }

        if (pointer.Owner is { } owner)
        {
            try
            {
                owner.PinForCall(ref cell, out leased);
            }
            catch (UseAfterFreeException)
            {
                _ = pointer.Address; // throws the pointer's own use-after-free message
                throw;
            }
        }

        return pointer.DangerousGetAddress();
    }

    /// <summary>A temporary table of <paramref name="count"/> pointer slots, freed after the call.</summary>
    private static nint* Table(int count, ref CallScope scope)
    {
        var table = (nint*)NativeMemory.AllocZeroed((nuint)Math.Max(count, 1), (nuint)sizeof(nint));
        scope.AddNativeTemp((nint)table);
        return table;
    }

    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="text"/>, freed after the call; an embedded NUL is refused.</summary>
    internal static nint Utf8(string function, ValuePlan plan, string text, ref CallScope scope)
    {
        BindingErrors.ThrowIfEmbeddedNul(function, plan.Parameter!, text);
        nint memory = StubHelpers.Utf8(text);
        scope.AddNativeTemp(memory);
        return memory;
    }

    /// <summary>
    /// Arrays must match a scalar pointee (<c>double*</c> takes double[]; 8-bit pointees take byte[] or sbyte[];
    /// <c>size_t*</c> takes ulong[] or nuint[], see <see cref="ValuePlan.ElementMatches"/>);
    /// <c>void*</c>, struct and opaque pointees take arrays of any unmanaged type; <c>T**</c> takes nint[]/nuint[].
    /// </summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    private static void CheckElementType(string function, ValuePlan plan, object value, Type elementType)
    {
        if (!ElementTypeFits(plan, elementType))
        {
            BindingErrors.ThrowBadArgument(function, plan.Parameter!, plan.Expected, value,
                $"The array's element type {elementType.Name} does not match the C element type '{plan.Type.Pointee?.Description}'.");
        }
    }

    /// <summary>Whether arrays of <paramref name="elementType"/> may be passed for <paramref name="plan"/> (the rule <see cref="CheckElementType"/> enforces).</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    internal static bool ElementTypeFits(ValuePlan plan, Type elementType) =>
        plan.Kind == ValueKind.PointerTable ? elementType == typeof(nint) || elementType == typeof(nuint)
        : plan.PointeeElementType is { } expected ? ValuePlan.ElementMatches(expected, elementType)
        : elementType.IsValueType && !RuntimeHelpersIsReferenceOrContainsReferences(elementType);

    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    private static bool RuntimeHelpersIsReferenceOrContainsReferences(Type type) =>
        (bool)typeof(System.Runtime.CompilerServices.RuntimeHelpers).GetMethod(nameof(System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences))!
            .MakeGenericMethod(type).Invoke(null, null)!;

    private static readonly ConcurrentDictionary<Type, PinFunc?> s_pinnersByType = new();

    /// <summary>Memory&lt;T&gt;, ReadOnlyMemory&lt;T&gt; and ArraySegment&lt;T&gt;: a pin function per closed type, made once.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    private static PinFunc? PinnerFor(Type type) => s_pinnersByType.GetOrAdd(type, static t =>
    {
        var definition = t.GetGenericTypeDefinition();
        string? name = definition == typeof(Memory<>) ? nameof(PinMemory)
            : definition == typeof(ReadOnlyMemory<>) ? nameof(PinReadOnlyMemory)
            : definition == typeof(ArraySegment<>) ? nameof(PinSegment)
            : null;
        if (name is null || !t.GetGenericArguments()[0].IsValueType)
        {
            return null;
        }

        return typeof(ArgumentConverter).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(t.GetGenericArguments()).CreateDelegate<PinFunc>();
    });

    private static nint PinMemory<T>(object value, ref CallScope scope, out Type elementType) where T : unmanaged
    {
        elementType = typeof(T);
        var handle = ((Memory<T>)value).Pin();
        scope.AddMemoryPin(handle);
        return (nint)handle.Pointer;
    }

    private static nint PinReadOnlyMemory<T>(object value, ref CallScope scope, out Type elementType) where T : unmanaged
    {
        elementType = typeof(T);
        var handle = ((ReadOnlyMemory<T>)value).Pin();
        scope.AddMemoryPin(handle);
        return (nint)handle.Pointer;
    }

    private static nint PinSegment<T>(object value, ref CallScope scope, out Type elementType) where T : unmanaged
    {
        elementType = typeof(T);
        var segment = (ArraySegment<T>)value;
        if (segment.Array is null)
        {
            return 0;
        }

        var handle = GCHandle.Alloc(segment.Array, GCHandleType.Pinned);
        scope.AddPin(handle);
        return handle.AddrOfPinnedObject() + segment.Offset * sizeof(T);
    }

    /// <summary>The address to pass for a function-pointer parameter; a delegate becomes a callback alive for the call.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    internal static nint FunctionPointerOf(string function, ValuePlan plan, object? value, ref CallScope scope)
    {
        switch (value)
        {
            case null:
                return 0;
            case nint address:
                return address;
            case NativePointer pointer:
                if (pointer.RemoteOrigin is not null)
                {
                    BindingErrors.ThrowRemotePointer(function, plan.Parameter!, pointer);
                }

                return pointer.DangerousGetAddress();
            case NativeCallback callback:
                return callback.PointerFor(function, plan);
            case Delegate handler:
                var temporary = NativeCallback.CreateForCall(plan.Callback ?? CallPlanner.Create(plan.Type.Function!), handler, function, plan.Parameter!);
                scope.AddCallback(temporary);
                return temporary.Pointer;
            default:
                BindingErrors.ThrowBadArgument(function, plan.Parameter!, plan.Expected, value);
                return 0;
        }
    }
}
