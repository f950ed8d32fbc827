using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Relaxnative.Binding;
using Relaxnative.Memory.Heap;

namespace Relaxnative;

// The untyped in-process call: .NET values into 8-byte slots, one call of the shape's emitted RawInvoker, the result
// read back from slot 0. Shape rule for every frame that calls the invoker (the invoker's native call switches the
// thread to preemptive mode and back): no stackalloc and no exception handling in that frame. Slots come as a plain
// fixed-size local (ArgumentSlots) or from an outer frame; cleanup that can fail runs in helpers. Measured before
// this rule, the same call cost 20x a direct call on one CPU and 3x on another (docs/binding.md).
public sealed unsafe partial class NativeFunction
{
    /// <summary>
    /// The untyped call of a fixed-signature function on this thread, for <see cref="Invoke"/> and
    /// <see cref="InvokeInProcess"/>: the emitted call when every parameter fits it, the record path for structs by value,
    /// the slot path otherwise.
    /// </summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private object? CallOnThisThread(ReadOnlySpan<object?> args) =>
        _untypedCallFits ? CallEmitted(args)
        : _recordBytes >= 0 ? InvokeWithRecords(args, null)
        : CallThroughSlots(this, args);

    /// <summary>
    /// Calls a function whose parameters are scalars and plain pointers through its shape's emitted
    /// <see cref="UntypedCall"/>: conversions, pins, the native call and the boxing of the result in one frame (see
    /// <see cref="UntypedCallEmitter"/>); arguments that call cannot take send it back to <see cref="CallThroughSlots"/>.
    /// </summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private object? CallEmitted(ReadOnlySpan<object?> args)
    {
        CheckCall(args);
        return (_untypedCall ?? CreateUntypedCall())(this, _address, args);
    }

    /// <summary>What every in-process untyped call checks first: the argument count, that the library is open, and the declared bounds.</summary>
    /// <exception cref="ArgumentException">Wrong argument count, or a buffer smaller than the count paired with it.</exception>
    /// <exception cref="ObjectDisposedException">The library was closed.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckCall(ReadOnlySpan<object?> args)
    {
        if (args.Length != _parameters.Length)
        {
            BindingErrors.ThrowArgumentCount(Signature, args.Length);
        }

        if (_library is not { IsDisposed: false })
        {
            ThrowIfDisposed();
        }

        // Functions without a buffer/count pairing pay this one null test.
        _bounds?.Check(_plan, args);
    }

    /// <summary>
    /// Argument <paramref name="index"/> of an emitted call when it is not boxed as its C type's own .NET type: converted
    /// and range-checked into the low bytes of the returned word (a float's bits in the low 32).
    /// </summary>
    /// <exception cref="ArgumentException">The value does not fit the C type.</exception>
    internal static ulong ScalarArgument(NativeFunction function, int index, object? value)
    {
        ulong slot = 0;
        ArgumentConverter.ScalarToSlot(function.Name, function._parameters[index], value, &slot);
        return slot;
    }

    /// <summary>A pointer argument of an emitted call as an array of an element type that fits the parameter, or null for anything else.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    internal static Array? FittingArray(NativeFunction function, int index, object value) =>
        value is Array array && function.AcceptsArray(index, array) ? array : null;

    /// <summary>A pointer-like result of an emitted call, converted by the function's current plan (text, owned result, pointer).</summary>
    internal static object? PointerResult(NativeFunction function, ulong address) =>
        ReturnConverter.ToObject(function._plan.Return, &address, function.Name);

    /// <summary>The slot path, which takes every argument: for functions the emitted call does not fit, and the emitted call's fallback for arguments it does not take (strings, pointers with owners, memory, a third buffer).</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    internal static object? CallThroughSlots(NativeFunction function, ReadOnlySpan<object?> args)
    {
        ulong result = function.CallHere(args);
        return ReturnConverter.ToObject(function._plan.Return, &result, function.Name);
    }

    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    private UntypedCall CreateUntypedCall() => _untypedCall = UntypedCallEmitter.Emit(_plan);

    /// <summary>Calls with up to <see cref="ArgumentSlots.Count"/> arguments: slots are a local of this frame.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong CallHere(ReadOnlySpan<object?> args)
    {
        if (args.Length > ArgumentSlots.Count)
        {
            return CallWide(args);
        }

        Unsafe.SkipInit(out ArgumentSlots slots);
        ulong* first = (ulong*)&slots;
        Call(args, first);
        return *first;
    }

    /// <summary>Calls with more arguments than fit the local block: the slots are allocated here, the call made one frame down.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ulong CallWide(ReadOnlySpan<object?> args)
    {
        // Checked before the stackalloc, so a careless argument array never sizes the stack allocation.
        if (args.Length != _parameters.Length)
        {
            BindingErrors.ThrowArgumentCount(Signature, args.Length);
        }

        ulong* slots = stackalloc ulong[args.Length];
        Call(args, slots);
        return *slots;
    }

    /// <summary>
    /// Converts <paramref name="args"/> into <paramref name="slots"/>, calls, and leaves the result in slot 0. Scalars,
    /// null, addresses, one array of a fitting element type and up to two <see cref="NativeBuffer"/> arguments take this
    /// path, which needs no cleanup record: the buffers are pinned after every scalar converted (so a conversion error
    /// leaves nothing to undo) and unpinned right after the call. Any other argument sends the whole call to <see cref="CallWithScope"/>.
    /// </summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see Invoke
    private void Call(ReadOnlySpan<object?> args, ulong* slots)
    {
        CheckCall(args);
        var parameters = _parameters;
        NativeBuffer? buffer0 = null, buffer1 = null;
        ThreadCell? cell = null;
        bool leased0 = false, leased1 = false;
        Array? array = null;
        int index0 = 0, index1 = 0, arrayIndex = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            object? value = args[i];
            var parameter = parameters[i];
            var kind = parameter.Kind;
            if (value is int int32 && kind == ValueKind.Int32)
            {
                slots[i] = (ulong)int32;
            }
            else if (ArgumentConverter.IsScalar(kind))
            {
                ArgumentConverter.ScalarToSlot(Name, parameter, value, slots + i);
            }
            else if (kind is not (ValueKind.Pointer or ValueKind.CharPointer or ValueKind.PointerTable))
            {
                CallWithScope(args, slots);
                return;
            }
            else if (value is null)
            {
                slots[i] = 0;
            }
            else if (value is nint address)
            {
                slots[i] = (ulong)address;
            }
            else if (value is NativeBuffer buffer && buffer1 is null)
            {
                if (buffer0 is null)
                {
                    (buffer0, index0) = (buffer, i);
                }
                else
                {
                    (buffer1, index1) = (buffer, i);
                }
            }
            else if (value is Array candidate && array is null && AcceptsArray(i, candidate))
            {
                (array, arrayIndex) = (candidate, i);
            }
            else
            {
                CallWithScope(args, slots);
                return;
            }
        }

        if (buffer0 is not null)
        {
            // The buffers were read from args once: what is pinned is what is passed, whatever args holds by then.
            slots[index0] = (ulong)buffer0.PinForCall(ref cell, out leased0);
            if (buffer1 is not null)
            {
                slots[index1] = (ulong)PinSecond(buffer1, buffer0, ref cell, leased0, out leased1);
            }
        }

        // One array is pinned by this fixed statement for the call: a pinned local, no handle and no cleanup.
        fixed (byte* data = &MemoryMarshal.GetArrayDataReference(array ?? s_nothingToPin))
        {
            if (array is not null)
            {
                slots[arrayIndex] = (ulong)data;
            }

            (_invoker ?? CreateInvoker())(_address, slots);
        }

        if (buffer0 is not null)
        {
            buffer1?.EndCall(cell, leased1);
            buffer0.EndCall(cell, leased0);
        }
    }

    /// <summary>
    /// Whether <paramref name="array"/> fits parameter <paramref name="index"/>; the array type that fitted last is
    /// remembered per parameter, so repeated calls with the same array type check it with one comparison.
    /// </summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    private bool AcceptsArray(int index, Array array)
    {
        var type = array.GetType();
        if (ReferenceEquals(_acceptedArrayTypes[index], type))
        {
            return true;
        }

        if (!type.IsSZArray || !ArgumentConverter.ElementTypeFits(_parameters[index], type.GetElementType()!))
        {
            return false; // the general path explains the refusal
        }

        _acceptedArrayTypes[index] = type;
        return true;
    }

    /// <summary>Pins the second buffer of a call whose first is pinned; if it is already freed, the first pin is undone before the error.</summary>
    internal static nint PinSecond(NativeBuffer second, NativeBuffer first, ref ThreadCell? cell, bool firstLeased, out bool leased)
    {
        try
        {
            return second.PinForCall(ref cell, out leased);
        }
        catch
        {
            first.EndCall(cell, firstLeased);
            throw;
        }
    }

    /// <summary>
    /// The general path: arrays (the first pinned by a fixed statement, far cheaper than a pinned GCHandle), strings,
    /// pointers with owners, memory, callbacks, pointer tables and more buffers, each recorded in a <see cref="CallScope"/>.
    /// </summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CallWithScope(ReadOnlySpan<object?> args, ulong* slots)
    {
        Array firstArray = s_nothingToPin;
        foreach (object? arg in args)
        {
            if (arg is Array array)
            {
                firstArray = array;
                break;
            }
        }

        var scope = default(CallScope);
        fixed (byte* pinned = &MemoryMarshal.GetArrayDataReference(firstArray))
        {
            scope.PrePinned = firstArray;
            ConvertAll(args, slots, ref scope);
            (_invoker ?? CreateInvoker())(_address, slots);
        }

        scope.Finish();
    }

    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    private void ConvertAll(ReadOnlySpan<object?> args, ulong* slots, ref CallScope scope)
    {
        var parameters = _parameters;
        try
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                ArgumentConverter.ToSlot(Name, parameters[i], args[i], slots + i, ref scope);
            }
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }

    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    private RawInvoker CreateInvoker() => _invoker = RawInvokerEmitter.Emit(_plan);

    // Set on the first untyped call of a function that fits an emitted untyped call.
    private UntypedCall? _untypedCall;

    // Whether every parameter is a scalar or a plain pointer, so Invoke takes the emitted call (UntypedCallEmitter.Fits).
    private readonly bool _untypedCallFits;

    // A stand-in to pin when a call has no array argument, so the fixed statement always has a target.
    private static readonly byte[] s_nothingToPin = [0];

    // Per parameter, the array type last accepted (written racily: any value a reader sees was accepted).
    private readonly Type?[] _acceptedArrayTypes;
}
