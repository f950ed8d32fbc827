using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Relaxnative.Binding;

/// <summary>
/// Typed delegates of trivial functions (<c>@trivial</c>) made from the generic methods of <see cref="StubTarget"/>
/// instead of emitted code, when every delegate parameter and the return are the plan's integer ABI types exactly
/// (<c>Func&lt;int, int, int&gt;</c> for <c>int add(int, int)</c>). Other shapes, and functions with errno capture or
/// declared bounds, keep the emitted stub.
/// </summary>
internal static class TrivialDelegates
{
    private static readonly Type[] s_integers =
        [typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(nint), typeof(nuint)];

    /// <summary>The delegate for <paramref name="plan"/> as <paramref name="delegateType"/>, or null when its shape needs the emitted stub.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    internal static Delegate? TryCreate(CallPlan plan, Type delegateType, StubTarget target)
    {
        if (!plan.IsTrivial || !NativeCallEmitter.IsTrivialShape(plan) || plan.CaptureErrno || plan.Bounds is not null)
        {
            return null;
        }

        var invoke = delegateType.GetMethod("Invoke")!;
        var parameters = invoke.GetParameters();
        if (parameters.Length != plan.Parameters.Count)
        {
            return null;
        }

        var types = new Type[parameters.Length + 1];
        for (int i = 0; i < parameters.Length; i++)
        {
            var type = parameters[i].ParameterType;
            if (type != plan.Parameters[i].AbiType || !s_integers.Contains(type))
            {
                return null;
            }

            types[i] = type;
        }

        bool isVoid = plan.Return.Kind == ValueKind.Void;
        if (isVoid ? invoke.ReturnType != typeof(void) : invoke.ReturnType != plan.Return.AbiType || !s_integers.Contains(invoke.ReturnType))
        {
            return null;
        }

        var method = typeof(StubTarget).GetMethod((isVoid ? "TrivialVoid" : "Trivial") + parameters.Length, BindingFlags.Instance | BindingFlags.NonPublic)!;
        if (method.IsGenericMethodDefinition)
        {
            types[^1] = invoke.ReturnType;
            method = method.MakeGenericMethod(isVoid ? types[..^1] : types);
        }

        return Delegate.CreateDelegate(delegateType, target, method);
    }
}
