using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;

namespace Relaxnative.Binding;

/// <summary>
/// Typed delegates of functions that live in another process (<see cref="NativeFunction.IsRemote"/>): the delegate type
/// is checked against the C signature exactly as for an in-process stub (records layout-checked at bind time), and each
/// call boxes its arguments into the dispatcher's untyped call, whose result is converted to the delegate's return type
/// (a record to the caller's struct). The boxing is nothing beside the round trip to the helper (microseconds).
/// </summary>
[RequiresDynamicCode(CodeGeneration.Calls)]
[RequiresUnreferencedCode(CodeGeneration.Calls)]
internal static class ForwardingStubs
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic;
    private static readonly MethodInfo s_invoke = typeof(NativeFunction).GetMethod(nameof(NativeFunction.InvokeForwarded), 0, Instance, null, [typeof(object[])], null)!;
    private static readonly MethodInfo s_invokeTyped = typeof(NativeFunction).GetMethod(nameof(NativeFunction.InvokeForwarded), 1, Instance, null, [typeof(object[])], null)!;

    /// <summary>A delegate of type <paramref name="delegateType"/> that calls <paramref name="function"/> through its dispatcher.</summary>
    /// <exception cref="NativeBindingException">The delegate does not match the signature, or takes a span or a callback,
    /// which cannot cross into another process; every problem is listed.</exception>
    internal static Delegate Create(NativeFunction function, Type delegateType)
    {
        var shape = DelegateShape.Create(function.Plan, delegateType);
        var invoke = delegateType.GetMethod("Invoke")!;
        var declared = invoke.GetParameters();
        var problems = new List<string>();
        for (var i = 0; i < shape.Arguments.Length; i++)
        {
            if (shape.Arguments[i] == ArgumentStrategy.Span)
            {
                problems.Add($"parameter {i + 1} ('{declared[i].Name}') is {declared[i].ParameterType.Name}, which cannot be copied into the helper process; pass an array or a NativeBuffer.");
            }
            else if (shape.Arguments[i] == ArgumentStrategy.Callback)
            {
                problems.Add($"parameter {i + 1} ('{declared[i].Name}') is a callback, and .NET code cannot be called from the helper process; pass a native function pointer (nint or a remote NativePointer).");
            }
        }

        if (problems.Count > 0)
        {
            throw new NativeBindingException(function.Name, [BindingErrors.DelegateMismatch(function.Signature, delegateType, problems)]);
        }

        var parameters = declared.Select(p => Expression.Parameter(p.ParameterType, p.Name)).ToArray();
        var args = Expression.NewArrayInit(typeof(object), parameters.Select(p => Expression.Convert(p, typeof(object))));
        var target = Expression.Constant(function);
        Expression body = invoke.ReturnType == typeof(void)
            ? Expression.Call(target, s_invoke, args)
            : Expression.Call(target, s_invokeTyped.MakeGenericMethod(invoke.ReturnType), args);
        return Expression.Lambda(delegateType, body, parameters).Compile();
    }
}
