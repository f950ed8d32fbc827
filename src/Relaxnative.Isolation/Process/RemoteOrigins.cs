using Relaxnative.Binding;

namespace Relaxnative.Isolation.Process;

/// <summary>
/// Which remote pointers a call may pass: only those its module's current helper returned (<paramref name="Current"/>).
/// A pointer from an earlier helper of the same module (<paramref name="ModuleTag"/>) names memory in a process that
/// is gone; one from another module names memory in another process. Either would be a wild pointer in this helper.
/// </summary>
internal readonly record struct RemoteOrigins(string Current, string ModuleTag)
{
    /// <summary>The pointer's address in the helper.</summary>
    /// <exception cref="ArgumentException">The pointer is from another helper, or from this module's helper before it restarted.</exception>
    internal ulong AddressOf(NativeFunction function, int index, ValuePlan plan, NativePointer remote)
    {
        string origin = remote.RemoteOrigin!;
        if (string.Equals(origin, Current, StringComparison.Ordinal))
        {
            return (ulong)remote.DangerousGetAddress();
        }

        string? name = plan.Parameter?.Name;
        throw new ArgumentException(origin.EndsWith(" of " + ModuleTag, StringComparison.Ordinal)
            ? IsolationErrors.RestartedRemote(function.Name, index, name, origin, Current)
            : IsolationErrors.ForeignRemote(function.Name, index, name, origin, Current));
    }
}
