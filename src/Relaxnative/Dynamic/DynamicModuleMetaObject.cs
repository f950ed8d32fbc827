using System.Diagnostics.CodeAnalysis;
using System.Dynamic;
using System.Linq.Expressions;
using System.Reflection;
using Relaxnative.Binding;

namespace Relaxnative.Dynamic;

/// <summary>
/// Binds <c>module.name(args)</c> call sites of a <see cref="DynamicModule"/>. The rule is restricted to this module
/// instance and its <see cref="NativeModule.BindVersion"/>, so rebinding a name sends the site back here. Up to four
/// arguments go to <see cref="NativeFunction.Invoke"/> as separate values (CallBenchmarks.Dynamic_Add); more, and
/// task-returning calls, go through an array as <see cref="DynamicObject"/> would pass them.
/// </summary>
[RequiresDynamicCode(CodeGeneration.Calls)]
[RequiresUnreferencedCode(CodeGeneration.Calls)]
internal sealed class DynamicModuleMetaObject(Expression expression, DynamicModule module, DynamicMetaObject fallback)
    : DynamicMetaObject(expression, BindingRestrictions.Empty, module)
{
    private static readonly MethodInfo[] s_direct =
        [.. Enumerable.Range(0, 5).Select(n => typeof(DynamicModuleMetaObject).GetMethod("Invoke" + n, BindingFlags.NonPublic | BindingFlags.Static)!)];

    private static readonly MethodInfo s_withArray =
        typeof(DynamicModule).GetMethod(nameof(DynamicModule.Call), BindingFlags.NonPublic | BindingFlags.Instance)!;

    public override DynamicMetaObject BindInvokeMember(InvokeMemberBinder binder, DynamicMetaObject[] args)
    {
        var native = module.Module;
        int version = Volatile.Read(ref native.BindVersion);
        // Resolved now: an unknown name throws here with the module's own message, as a direct lookup would.
        var function = native[binder.Name];
        var restrictions = BindingRestrictions.GetInstanceRestriction(Expression, module).Merge(
            BindingRestrictions.GetExpressionRestriction(Expression.Equal(
                Expression.Field(Expression.Constant(native), nameof(NativeModule.BindVersion)), Expression.Constant(version))));
        var values = args.Select(a => Expression.Convert(a.Expression, typeof(object))).ToArray();
        Expression call = !module.ReturnsTask(function) && values.Length < s_direct.Length
            ? Expression.Call(s_direct[values.Length], [Expression.Constant(function), .. values])
            : Expression.Call(Expression.Constant(module), s_withArray, Expression.Constant(function), Expression.NewArrayInit(typeof(object), values));
        return new DynamicMetaObject(call, restrictions);
    }

    public override DynamicMetaObject BindGetMember(GetMemberBinder binder) => fallback.BindGetMember(binder);

    public override DynamicMetaObject BindSetMember(SetMemberBinder binder, DynamicMetaObject value) => fallback.BindSetMember(binder, value);

    public override DynamicMetaObject BindInvoke(InvokeBinder binder, DynamicMetaObject[] args) => fallback.BindInvoke(binder, args);

    public override DynamicMetaObject BindConvert(ConvertBinder binder) => fallback.BindConvert(binder);

    public override DynamicMetaObject BindDeleteMember(DeleteMemberBinder binder) => fallback.BindDeleteMember(binder);

    public override DynamicMetaObject BindGetIndex(GetIndexBinder binder, DynamicMetaObject[] indexes) => fallback.BindGetIndex(binder, indexes);

    public override DynamicMetaObject BindSetIndex(SetIndexBinder binder, DynamicMetaObject[] indexes, DynamicMetaObject value) =>
        fallback.BindSetIndex(binder, indexes, value);

    public override DynamicMetaObject BindDeleteIndex(DeleteIndexBinder binder, DynamicMetaObject[] indexes) => fallback.BindDeleteIndex(binder, indexes);

    public override DynamicMetaObject BindCreateInstance(CreateInstanceBinder binder, DynamicMetaObject[] args) => fallback.BindCreateInstance(binder, args);

    public override DynamicMetaObject BindUnaryOperation(UnaryOperationBinder binder) => fallback.BindUnaryOperation(binder);

    public override DynamicMetaObject BindBinaryOperation(BinaryOperationBinder binder, DynamicMetaObject arg) => fallback.BindBinaryOperation(binder, arg);

    public override IEnumerable<string> GetDynamicMemberNames() => fallback.GetDynamicMemberNames();

    private static object? Invoke0(NativeFunction function) => function.Invoke();

    private static object? Invoke1(NativeFunction function, object? a) => function.Invoke(a);

    private static object? Invoke2(NativeFunction function, object? a, object? b) => function.Invoke(a, b);

    private static object? Invoke3(NativeFunction function, object? a, object? b, object? c) => function.Invoke(a, b, c);

    private static object? Invoke4(NativeFunction function, object? a, object? b, object? c, object? d) => function.Invoke(a, b, c, d);
}
