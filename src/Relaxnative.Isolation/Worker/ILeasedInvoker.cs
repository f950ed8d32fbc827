using Relaxnative.Binding;

namespace Relaxnative.Isolation.Worker;

/// <summary>
/// A dispatcher that can run a call whose buffer arguments the caller has already leased (a queued call leases them
/// when it is queued). It must not lease them again: a buffer freed while the call waited is marked freed, and a new
/// lease would throw, yet its memory is still held by the caller's lease.
/// </summary>
internal interface ILeasedInvoker
{
    /// <summary>Runs the call; the caller holds <paramref name="leases"/> (every buffer in <paramref name="args"/>) until it returns.</summary>
    object? InvokeLeased(NativeFunction function, ReadOnlySpan<object?> args, List<LeasedBuffer>? leases);
}
