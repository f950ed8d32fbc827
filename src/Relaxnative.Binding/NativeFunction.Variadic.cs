using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Relaxnative.Binding;

namespace Relaxnative;

// Variadic functions: each distinct list of promoted tail types is one call shape, bound once as a function of
// its own (the fixed parameters, then the tail) whose calls go through the target's VariadicThunks entry. Every
// call path (untyped, typed, dynamic, workers, the helper process) then treats it like any other function.
public sealed partial class NativeFunction
{
    // One function per call shape, keyed by VariadicArguments.KeyOf; null for functions that are not variadic.
    private readonly ConcurrentDictionary<string, NativeFunction>? _variadicCalls;

    /// <summary>Whether the C function ends in <c>...</c>: calls may pass more arguments than it declares.</summary>
    public bool IsVariadic => _variadicCalls is not null;

    /// <summary>
    /// The call shape for <paramref name="args"/>; <paramref name="promoted"/> is a copy of the arguments with
    /// <c>bool</c>s of the tail as <c>int</c> (what C's promotion makes of <c>_Bool</c>), or null when none needed it.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer arguments than the fixed parameters, or a tail value with no C type.</exception>
    private NativeFunction VariadicCall(ReadOnlySpan<object?> args, out object?[]? promoted)
    {
        int fixedCount = _parameters.Length;
        if (args.Length < fixedCount)
        {
            BindingErrors.ThrowTooFewForVariadic(Signature, args.Length);
        }

        promoted = null;
        var tail = new CType[args.Length - fixedCount];
        for (int i = 0; i < tail.Length; i++)
        {
            object? value = args[fixedCount + i];
            tail[i] = VariadicArguments.TypeOf(value) ?? ThrowVariadicArgument(fixedCount + i, value);
            if (value is bool flag)
            {
                promoted ??= args.ToArray();
                promoted[fixedCount + i] = flag ? 1 : 0;
            }
        }

        return VariadicCallFor(tail);
    }

    /// <summary>The call shape a typed delegate fixes: its parameters after the fixed ones give the tail.</summary>
    /// <exception cref="NativeBindingException">A delegate parameter of the tail has no C type for a variadic argument.</exception>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    private NativeFunction VariadicCall(Type delegateType)
    {
        var invoke = delegateType.GetMethod("Invoke")
            ?? throw new ArgumentException($"{delegateType.Name} is not a delegate type.", nameof(delegateType));
        var parameters = invoke.GetParameters();
        if (_plan.CaptureErrno && parameters.Length > 0 && DelegateShape.HasErrnoOut(parameters, parameters.Length - 1))
        {
            // A trailing out int for errno is not part of the variadic tail.
            parameters = parameters[..^1];
        }

        int fixedCount = _parameters.Length;
        if (parameters.Length < fixedCount)
        {
            throw new NativeBindingException(Name, [BindingErrors.DelegateMismatch(Signature, delegateType,
                [$"it takes {parameters.Length} parameter(s); the C function takes at least {fixedCount} before '...'."])]);
        }

        var tail = new CType[parameters.Length - fixedCount];
        var problems = new List<string>();
        for (int i = 0; i < tail.Length; i++)
        {
            var type = parameters[fixedCount + i].ParameterType;
            if (VariadicArguments.TypeOf(type) is { } c)
            {
                tail[i] = c;
            }
            else
            {
                problems.Add(BindingErrors.VariadicArgument(Name, fixedCount + i, type.Name));
            }
        }

        if (problems.Count > 0)
        {
            throw new NativeBindingException(Name, [BindingErrors.DelegateMismatch(Signature, delegateType, problems)]);
        }

        return VariadicCallFor(tail);
    }

    private NativeFunction VariadicCallFor(CType[] tail) =>
        _variadicCalls!.GetOrAdd(VariadicArguments.KeyOf(tail), static (_, state) =>
        {
            var (function, tail) = state;
            var concrete = VariadicArguments.Concrete(function.Signature, tail);
            int fixedCount = function._parameters.Length;
            bool captureErrno = function._plan.CaptureErrno;
            return function._library is { } library
                ? new NativeFunction(library, VariadicThunks.For(function._address), concrete, function.Mode, function.Cost, function.IsTrivial,
                    function._dispatcher, captureErrno, fixedCount)
                : new NativeFunction(concrete, function.Mode, function.Cost, function.IsTrivial, function._dispatcher, captureErrno, fixedCount)
                {
                    RemoteTarget = function.RemoteTarget,
                };
        }, (this, tail));

    private CType ThrowVariadicArgument(int index, object? value)
    {
        BindingErrors.ThrowVariadicArgument(Name, index, value);
        return null!;
    }
}
