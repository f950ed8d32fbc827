using Relaxnative.Binding;
using Relaxnative.Build;
using Relaxnative.Signatures;

namespace Relaxnative;

/// <summary>
/// Reconciles what the sources or headers declare with what the library exports. The export table is the truth about
/// what exists: every exported function becomes a <see cref="BindCandidate"/> (with the declaration that names its symbol,
/// an <c>__asm__</c> label included) or a <see cref="SkippedFunction"/> with the reason and file:line. Definitions that are
/// not exported are listed only where a user would expect them to be callable (external linkage written, yet hidden, or C++
/// linkage); <c>static</c> functions and code removed by the preprocessor never are. Each name appears once.
/// </summary>
internal static class ExportReconciler
{
    /// <summary>C++ symbols are mangled (<c>_Z...</c>); they are the C++ API, matched to declarations without C linkage instead.</summary>
    private static bool IsMangled(string symbol) => symbol.StartsWith("_Z", StringComparison.Ordinal);

    /// <param name="exports">The library's export table; <see langword="null"/> when its format is not read (then every exportable definition is tried).</param>
    /// <param name="declarations">The merged declarations and annotations.</param>
    /// <param name="flags">The build's compiler flags (to explain <c>-fvisibility=hidden</c>); empty for an opened library.</param>
    /// <param name="listUnexportedDefinitions">Whether to report definitions that are not exported (for sources; headers of an opened library define only inline helpers).</param>
    public static Reconciliation Reconcile(ExportTable? exports, StoredDeclarations declarations, IReadOnlyList<string> flags, bool listUnexportedDefinitions)
    {
        var model = declarations.Model;
        var result = new Builder(declarations.Layouts);
        var symbols = exports?.Functions.Select(f => f.Name).Where(s => !IsMangled(s)).ToArray()
            ?? [.. model.Functions.Where(f => f.IsDefinition && f.CanBeExported).Select(f => f.SymbolName).Distinct(StringComparer.Ordinal)];
        var skippedByName = new Dictionary<string, CSkippedDeclaration>(StringComparer.Ordinal);
        foreach (var skipped in model.Skipped.Where(s => s.IsFunction && s.Name.Length > 0))
        {
            skippedByName.TryAdd(skipped.Name, skipped);
        }

        foreach (var symbol in symbols)
        {
            if (model.TryGetFunctionBySymbol(symbol, out var declaration))
            {
                result.Offer(declaration, declarations.Annotations.GetValueOrDefault(declaration.Name) ?? FunctionAnnotations.None);
            }
            else if (skippedByName.TryGetValue(symbol, out var unparsed))
            {
                result.Skip(symbol, $"{unparsed.Reason} (at {unparsed.Location}).");
            }
            else
            {
                result.Skip(symbol,
                    $"The library exports '{symbol}', but no translation unit or header declares it, so its parameter types are unknown. " +
                    "Declare it in a header the sources include (or list that header in OpenOptions.Headers), or bind it with module.Bind(\"<C declaration>\").");
            }
        }

        if (listUnexportedDefinitions)
        {
            var exported = new HashSet<string>(symbols, StringComparer.Ordinal);
            foreach (var definition in model.Functions)
            {
                if (definition.IsDefinition && !definition.IsInline && definition.Storage != CStorageClass.Static
                    && !definition.Location.IsSystemHeader && !exported.Contains(definition.SymbolName))
                {
                    result.Skip(definition.Name, WhyNotExported(definition, flags));
                }
            }

            // What the parser could not represent (C++ linkage, unreadable types) in the user's own files, unless written static.
            foreach (var unparsed in model.Skipped)
            {
                if (unparsed.IsFunction && unparsed.Name.Length > 0 && !unparsed.Location.IsSystemHeader
                    && !exported.Contains(unparsed.Name) && !declarations.InternalNames.Contains(unparsed.Name))
                {
                    result.Skip(unparsed.Name, $"{unparsed.Reason} (at {unparsed.Location}).");
                }
            }
        }

        return result.Build(symbols.Length);
    }

    /// <summary>Reconciles a Rust source's scanned functions with the export table (Rust keeps its own scanner).</summary>
    public static Reconciliation ReconcileRust(ExportTable? exports, SourceScanResult scan)
    {
        var result = new Builder();
        var byName = scan.Functions.GroupBy(f => f.Signature.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var symbols = exports?.Functions.Select(f => f.Name).Where(s => !IsMangled(s)).ToArray() ?? [.. byName.Keys];
        var reasons = scan.Skipped.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First().Reason, StringComparer.Ordinal);
        foreach (var symbol in symbols)
        {
            if (byName.TryGetValue(symbol, out var function))
            {
                result.Offer(function.Signature, symbol, new FunctionAnnotations(function.Mode, function.Cost, function.IsTrivial, null), CSourceLocation.None);
            }
            else if (reasons.TryGetValue(symbol, out var reason))
            {
                result.Skip(symbol, reason);
            }
            else
            {
                result.Skip(symbol, $"The library exports '{symbol}', but the source has no #[no_mangle] extern \"C\" function of that name, so its types are unknown. Bind it with module.Bind(\"<C declaration>\").");
            }
        }

        var exported = new HashSet<string>(symbols, StringComparer.Ordinal);
        foreach (var function in scan.Functions.Where(f => !exported.Contains(f.Signature.Name)))
        {
            result.Skip(function.Signature.Name, $"'{function.Signature.Name}' is declared #[no_mangle] extern \"C\" but the library does not export it (it is not pub, or a cfg removed it).");
        }

        foreach (var skipped in scan.Skipped)
        {
            result.Skip(skipped.Name, skipped.Reason);
        }

        return result.Build(symbols.Length);
    }

    private static string WhyNotExported(CFunctionDeclaration definition, IReadOnlyList<string> flags)
    {
        var name = definition.Name;
        var at = definition.Location;
        if (!definition.HasCLinkage)
        {
            return $"'{name}' (at {at}) has C++ linkage, so its symbol is mangled and cannot be found by name. Declare it inside extern \"C\" {{ ... }} (or after an extern \"C\" declaration in a header).";
        }

        if (definition.Visibility is CVisibility.Hidden or CVisibility.Internal)
        {
            return $"'{name}' (at {at}) has {definition.Visibility.Value.ToString().ToLowerInvariant()} visibility (__attribute__((visibility(...)))), so the library does not export it. Remove the attribute, or mark it visibility(\"default\").";
        }

        if (flags.Contains("-fvisibility=hidden"))
        {
            return $"'{name}' (at {at}) is hidden by -fvisibility=hidden in BuildOptions.Flags, so the library does not export it. Mark it __attribute__((visibility(\"default\"))) or drop the flag.";
        }

        return $"'{name}' (at {at}) is defined with external linkage, but the library does not export it (a linker version script or visibility setting hid it). Export it, or call it through a function that is exported.";
    }

    /// <summary>Collects candidates and skips; the first entry for a name wins, so nothing is listed twice.</summary>
    private sealed class Builder(CLayoutTable? layouts = null)
    {
        private readonly List<BindCandidate> _candidates = [];
        private readonly List<SkippedFunction> _skipped = [];
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        public void Offer(CFunctionDeclaration declaration, FunctionAnnotations annotations) =>
            Offer(declaration.Signature, declaration.SymbolName, annotations, declaration.Location);

        public void Offer(CFunctionSignature signature, string symbol, FunctionAnnotations annotations, CSourceLocation location)
        {
            if (annotations.Problem is { } problem)
            {
                Skip(signature.Name, problem);
                return;
            }

            var problems = CallPlanner.FindProblems(signature, layouts);
            if (problems.Count > 0)
            {
                Skip(signature.Name, string.Join(" ", problems) + (location.Line > 0 ? $" (declared at {location})" : ""));
            }
            else if (_names.Add(signature.Name))
            {
                _candidates.Add(new BindCandidate(signature, symbol, annotations, location));
            }
        }

        public void Skip(string name, string reason)
        {
            if (_names.Add(name))
            {
                _skipped.Add(new SkippedFunction(name, reason));
            }
        }

        public Reconciliation Build(int exportedCount) => new(_candidates, _skipped, exportedCount);
    }
}
