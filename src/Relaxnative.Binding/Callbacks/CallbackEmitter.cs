using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;

namespace Relaxnative.Binding;

/// <summary>
/// Makes native-callable thunks. <see cref="Marshal.GetFunctionPointerForDelegate"/> needs a non-generic delegate type
/// whose signature is the C ABI, so one such type is defined per ABI shape (in a collectible-free dynamic assembly,
/// cached), and a small emitted method per shape adapts it to the trampoline.
/// </summary>
[RequiresDynamicCode(CodeGeneration.Callbacks)]
[RequiresUnreferencedCode(CodeGeneration.Callbacks)]
internal static class CallbackEmitter
{
    private static readonly ConcurrentDictionary<string, Type> s_delegateTypes = new();
    private static readonly Lazy<ModuleBuilder> s_module = new(() =>
        AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Relaxnative.Callbacks"), AssemblyBuilderAccess.Run)
            .DefineDynamicModule("Relaxnative.Callbacks"));

    /// <summary>
    /// The thunk of one ABI shape: boxes the native arguments and calls <see cref="CallbackTrampoline.Dispatch"/> on the
    /// trampoline it is closed over. One per shape; each trampoline makes its own delegate of it.
    /// </summary>
    [RequiresDynamicCode(CodeGeneration.Callbacks)]
    [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
    internal static DynamicMethod EmitThunk(CallPlan plan, out Type delegateType)
    {
        var returnType = plan.Return.AbiType;
        var parameterTypes = plan.AbiParameterTypes;
        delegateType = DelegateTypeFor(returnType, parameterTypes);

        var thunk = new DynamicMethod("callback_" + string.Join("_", parameterTypes.Select(t => t.Name)), returnType,
            [typeof(CallbackTrampoline), .. parameterTypes], typeof(CallbackEmitter).Module, skipVisibility: true);
        var il = thunk.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, parameterTypes.Length);
        il.Emit(OpCodes.Newarr, typeof(object));
        for (int i = 0; i < parameterTypes.Length; i++)
        {
            il.Emit(OpCodes.Dup);
            il.Emit(OpCodes.Ldc_I4, i);
            if (plan.Parameters[i].Kind == ValueKind.Record)
            {
                // A record arrives as the emitted type of its C layout; the handler gets a copy of its bytes.
                il.Emit(OpCodes.Ldarga, (short)(i + 1));
                il.Emit(OpCodes.Conv_U);
                il.Emit(OpCodes.Ldc_I4, plan.Parameters[i].Layout!.Size);
                il.Emit(OpCodes.Call, RecordCopyMethod);
            }
            else
            {
                il.Emit(OpCodes.Ldarg, i + 1);
                il.Emit(OpCodes.Box, parameterTypes[i]);
            }

            il.Emit(OpCodes.Stelem_Ref);
        }

        il.Emit(OpCodes.Call, NativeCallback.DispatchMethod);
        if (returnType == typeof(void))
        {
            il.Emit(OpCodes.Pop);
        }
        else if (plan.Return.Kind == ValueKind.Record)
        {
            // Dispatch returns exactly sizeof(record) bytes; they are read back as the record type native code expects.
            il.Emit(OpCodes.Castclass, typeof(byte[]));
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Ldelema, typeof(byte));
            il.Emit(OpCodes.Ldobj, returnType);
        }
        else
        {
            il.Emit(OpCodes.Unbox_Any, returnType);
        }

        il.Emit(OpCodes.Ret);
        return thunk;
    }

    private static MethodInfo RecordCopyMethod =>
        typeof(CallbackRecords).GetMethod(nameof(CallbackRecords.Copy), BindingFlags.Static | BindingFlags.NonPublic)!;

    private static Type DelegateTypeFor(Type returnType, Type[] parameterTypes)
    {
        string key = returnType.Name + "(" + string.Join(",", parameterTypes.Select(t => t.Name)) + ")";
        return s_delegateTypes.GetOrAdd(key, _ =>
        {
            lock (s_module)
            {
                var type = s_module.Value.DefineType("Callback_" + s_delegateTypes.Count + "_" + Guid.NewGuid().ToString("N"),
                    TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.AutoClass, typeof(MulticastDelegate));
                type.SetCustomAttribute(new CustomAttributeBuilder(
                    typeof(UnmanagedFunctionPointerAttribute).GetConstructor([typeof(CallingConvention)])!, [CallingConvention.Cdecl]));
                type.DefineConstructor(MethodAttributes.RTSpecialName | MethodAttributes.HideBySig | MethodAttributes.Public,
                        CallingConventions.Standard, [typeof(object), typeof(nint)])
                    .SetImplementationFlags(MethodImplAttributes.Runtime | MethodImplAttributes.Managed);
                type.DefineMethod("Invoke", MethodAttributes.Public | MethodAttributes.HideBySig | MethodAttributes.NewSlot | MethodAttributes.Virtual,
                        returnType, parameterTypes)
                    .SetImplementationFlags(MethodImplAttributes.Runtime | MethodImplAttributes.Managed);
                return type.CreateType();
            }
        });
    }
}
