using System.Diagnostics.CodeAnalysis;
using System.Dynamic;
using System.Linq.Expressions;
using Relaxnative.Binding;

namespace Relaxnative.Dynamic;

/// <summary>
/// The <c>dynamic</c> view of a module (<see cref="NativeModule.AsDynamic"/>). Member calls bind once per call site
/// to the resolved <see cref="NativeFunction"/>: the site's rule calls it directly with the arguments as separate
/// values (no argument array, no name lookup per call) and stays valid while the module binds nothing new. Every
/// other dynamic operation (reading a member, listing names) behaves as <see cref="DynamicObject"/> does.
/// </summary>
[RequiresDynamicCode(CodeGeneration.Calls)]
[RequiresUnreferencedCode(CodeGeneration.Calls)]
internal sealed class DynamicModule(NativeModule module) : DynamicObject
{
    internal NativeModule Module => module;

    public override DynamicMetaObject GetMetaObject(Expression parameter) =>
        new DynamicModuleMetaObject(parameter, this, base.GetMetaObject(parameter));

    public override bool TryInvokeMember(InvokeMemberBinder binder, object?[]? args, out object? result)
    {
        result = Call(module[binder.Name], args ?? []);
        return true;
    }

    public override bool TryGetMember(GetMemberBinder binder, out object? result)
    {
        result = module[binder.Name];
        return true;
    }

    public override IEnumerable<string> GetDynamicMemberNames() => module.Functions.Select(f => f.Name);

    /// <summary>Whether calls of <paramref name="function"/> return a task: async functions of isolated modules, so <c>await mod.heavy(...)</c> runs off the caller.</summary>
    internal bool ReturnsTask(NativeFunction function) =>
        function.Mode == ExecutionMode.Async && module.Isolation != IsolationMode.InProcess;

    internal object? Call(NativeFunction function, object?[] args) =>
        ReturnsTask(function) ? function.InvokeAsync(args) : function.Invoke(args);
}
