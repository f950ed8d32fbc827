namespace Relaxnative.Binding;

/// <summary>What one callback calls: its plan, the handler and the handler's parameter types, with the exceptions it raised.</summary>
internal sealed class CallbackBinding(CallPlan plan, Delegate handler, Type[] parameterTypes)
{
    private Exception? _pending;

    internal CallPlan Plan { get; } = plan;

    internal Delegate Handler { get; } = handler;

    internal Type[] ParameterTypes { get; } = parameterTypes;

    internal Exception? LastException { get; private set; }

    internal Exception? TakePending() => Interlocked.Exchange(ref _pending, null);

    internal void Record(Exception exception)
    {
        LastException = exception;
        Interlocked.CompareExchange(ref _pending, exception, null);
    }
}

/// <summary>Why a callback ended, for the message native code gets if it calls the pointer afterwards.</summary>
/// <param name="Callback">The callback's C signature, as written.</param>
/// <param name="Function">For a delegate passed directly: the function it was passed to; null for a NativeCallback.</param>
/// <param name="Parameter">For a delegate passed directly: the parameter it was passed for.</param>
/// <param name="Collected">For a NativeCallback: true when it was garbage-collected without Dispose.</param>
internal sealed record CallbackMisuse(string Callback, string? Function, CParameter? Parameter, bool Collected = false);
