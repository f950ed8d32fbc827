using System.Collections.Concurrent;
using System.Dynamic;
using Relaxnative.Binding;
using Relaxnative.Signatures;

namespace Relaxnative;

/// <summary>
/// An open native library and the functions bound in it. Thread-safe: functions may be bound and called from any
/// thread. <see cref="Dispose"/> closes the library; calls made afterwards throw <see cref="ObjectDisposedException"/>,
/// and it must not race calls still running.
/// </summary>
public sealed class NativeModule : IDisposable, IAsyncDisposable
{
    private readonly NativeLibraryHandle _library;
    private readonly ConcurrentDictionary<string, NativeFunction> _functions = new(StringComparer.Ordinal);
    private Dictionary<string, SkippedFunction> _skipped = [];
    private readonly List<NativeFunction> _order = [];

    internal NativeModule(NativeLibraryHandle library, string? sourcePath, IsolationMode isolation, IReadOnlyList<SkippedFunction> skipped)
    {
        _library = library;
        SourcePath = sourcePath;
        Isolation = isolation;
        SetSkipped(skipped);
    }

    internal void SetSkipped(IReadOnlyList<SkippedFunction> skipped)
    {
        Skipped = [.. skipped];
        _skipped = skipped.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>The functions bound so far, in the order they were bound.</summary>
    public IReadOnlyList<NativeFunction> Functions
    {
        get
        {
            lock (_order)
            {
                return [.. _order];
            }
        }
    }

    /// <summary>Functions a loaded source defines but that cannot be bound, each with the reason.</summary>
    public IReadOnlyList<SkippedFunction> Skipped { get; private set; } = [];

    /// <summary>Where calls run.</summary>
    public IsolationMode Isolation { get; }

    /// <summary>The path of the shared library.</summary>
    public string LibraryPath => _library.Path;

    /// <summary>The source file the library was built from, or null for a library opened directly.</summary>
    public string? SourcePath { get; }

    /// <summary>The bound function named <paramref name="name"/>.</summary>
    /// <exception cref="NativeBindingException">The function was skipped when the source was loaded; the reason is given.</exception>
    /// <exception cref="KeyNotFoundException">No such function is bound; the message lists those that are.</exception>
    public NativeFunction this[string name]
    {
        get
        {
            if (TryGetFunction(name, out var function))
            {
                return function;
            }

            if (_skipped.TryGetValue(name, out var skipped))
            {
                throw new NativeBindingException(name, [skipped.Reason]);
            }

            var available = Functions.Select(f => f.Name).ToArray();
            throw new KeyNotFoundException(
                $"No function '{name}' is bound in '{LibraryPath}'. " +
                (available.Length == 0 ? "None is bound yet: call Bind(\"<C declaration>\") first." : "Bound: " + string.Join(", ", available) + ".") +
                (Skipped.Count > 0 ? " Skipped: " + string.Join(", ", Skipped.Select(s => s.Name)) + "." : ""));
        }
    }

    /// <summary>Finds a bound function by name.</summary>
    public bool TryGetFunction(string name, out NativeFunction function) => _functions.TryGetValue(name, out function!);

    /// <summary>
    /// Binds the function a C declaration describes (<c>"int add(int a, int b)"</c>): parses it, finds the symbol and
    /// checks that every part is supported. Binding the same name again replaces the earlier binding.
    /// </summary>
    /// <exception cref="CParseException">The declaration does not parse; the message shows where.</exception>
    /// <exception cref="NativeBindingException">The symbol is missing, or the declaration has unsupported parts (all listed).</exception>
    /// <exception cref="ObjectDisposedException">The module was disposed.</exception>
    public NativeFunction Bind(string declaration, BindOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        return Bind(CDeclarationParser.Parse(declaration), options ?? BindOptions.Default);
    }

    /// <summary>Binds a parsed signature.</summary>
    /// <exception cref="NativeBindingException">The symbol is missing, or the signature has unsupported parts.</exception>
    public NativeFunction Bind(CFunctionSignature signature, BindOptions options)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(options);
        var problems = CallPlanner.FindProblems(signature);
        if (problems.Count > 0)
        {
            throw new NativeBindingException(signature.Name, problems);
        }

        nint address = _library.TryGetExport(signature.Name);
        if (address == 0)
        {
            throw new NativeBindingException(signature.Name, [BindingErrors.SymbolNotFound(signature.Name, LibraryPath)]);
        }

        var function = new NativeFunction(_library, address, signature, options.Mode, options.Cost, options.Trivial);
        lock (_order)
        {
            _order.RemoveAll(f => f.Name == function.Name);
            _order.Add(function);
            _functions[function.Name] = function;
        }

        return function;
    }

    /// <summary>Binds a scanned function if the library exports it; false when the symbol is missing.</summary>
    internal bool TryBindExport(CFunctionSignature signature, BindOptions options)
    {
        if (_library.TryGetExport(signature.Name) == 0)
        {
            return false;
        }

        Bind(signature, options);
        return true;
    }

    /// <summary>Binds a declaration and returns a typed delegate for it (see <see cref="NativeFunction.AsDelegate{TDelegate}"/>).</summary>
    /// <exception cref="NativeBindingException">The declaration cannot be bound, or the delegate type does not match it.</exception>
    public TDelegate Bind<TDelegate>(string declaration, BindOptions? options = null) where TDelegate : Delegate =>
        Bind(declaration, options).AsDelegate<TDelegate>();

    /// <summary>A <c>dynamic</c> view: <c>module.AsDynamic().add(2, 3)</c> calls the bound function <c>add</c>.</summary>
    public dynamic AsDynamic() => new DynamicModule(this);

    /// <summary>Closes the library. Idempotent.</summary>
    public void Dispose() => _library.Dispose();

    /// <summary>Closes the library. Idempotent.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override string ToString() => $"NativeModule({LibraryPath}, {_functions.Count} function(s))";

    private sealed class DynamicModule(NativeModule module) : DynamicObject
    {
        public override bool TryInvokeMember(InvokeMemberBinder binder, object?[]? args, out object? result)
        {
            result = module[binder.Name].Invoke(args ?? []);
            return true;
        }

        public override bool TryGetMember(GetMemberBinder binder, out object? result)
        {
            result = module[binder.Name];
            return true;
        }

        public override IEnumerable<string> GetDynamicMemberNames() => module.Functions.Select(f => f.Name);
    }
}
