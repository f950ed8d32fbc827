using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection.Emit;

namespace Relaxnative.Binding;

/// <summary>
/// Every callback thunk ever made, per ABI shape, so none is ever collected: native code that keeps a pointer after
/// its callback ended reaches a retired trampoline (which stops the process with the reason) instead of freed code.
/// Memory stays bounded: a retired trampoline is recycled once <see cref="RetiredKept"/> newer ones of its shape have
/// retired, so a shape holds at most its peak number of live callbacks plus <see cref="RetiredKept"/> thunks.
/// Thread-safe.
/// </summary>
internal static class CallbackThunkPool
{
    /// <summary>
    /// How many retired trampolines of a shape wait before the oldest is reused. A stale call into a recycled one
    /// would reach the newer handler, so the window is generous: a library must keep a call-scoped pointer across this
    /// many later callbacks of the same shape before the misuse goes unreported.
    /// </summary>
    internal const int RetiredKept = 64;

    private static readonly ConcurrentDictionary<string, Shape> s_shapes = new();

    /// <summary>A trampoline of <paramref name="plan"/>'s ABI shape calling <paramref name="binding"/>: a recycled one, or a new one.</summary>
    [RequiresDynamicCode(CodeGeneration.Callbacks)]
    [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
    internal static CallbackTrampoline Rent(CallPlan plan, CallbackBinding binding)
    {
        var shape = s_shapes.GetOrAdd(RawInvokerEmitter.ShapeKey(plan), static (_, p) => new Shape(p), plan);
        CallbackTrampoline? trampoline = null;
        lock (shape.Gate)
        {
            if (shape.Retired.Count >= RetiredKept)
            {
                trampoline = shape.Retired.Dequeue();
            }
        }

        if (trampoline is null)
        {
            trampoline = new CallbackTrampoline(shape);
            Interlocked.Increment(ref shape.Created);
        }

        trampoline.Attach(binding);
        return trampoline;
    }

    /// <summary>Retires <paramref name="trampoline"/>: from now on a call through its pointer fails fast with <paramref name="misuse"/>.</summary>
    internal static void Return(CallbackTrampoline trampoline, CallbackMisuse misuse)
    {
        trampoline.Retire(misuse);
        lock (trampoline.Shape.Gate)
        {
            trampoline.Shape.Retired.Enqueue(trampoline);
        }
    }

    /// <summary>How many trampolines exist for <paramref name="plan"/>'s shape (for tests of the bound).</summary>
    internal static int CreatedFor(CallPlan plan) =>
        s_shapes.TryGetValue(RawInvokerEmitter.ShapeKey(plan), out var shape) ? Volatile.Read(ref shape.Created) : 0;

    /// <summary>The thunk method and delegate type of one ABI shape, and its retired trampolines, oldest first.</summary>
    internal sealed class Shape
    {
        [RequiresDynamicCode(CodeGeneration.Callbacks)]
        [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
        internal Shape(CallPlan plan) => Thunk = CallbackEmitter.EmitThunk(plan, out DelegateType);

        internal readonly DynamicMethod Thunk;
        internal readonly Type DelegateType;
        internal readonly Queue<CallbackTrampoline> Retired = new();
        internal readonly Lock Gate = new();
        internal int Created;
    }
}
