using Relaxnative.Binding;

namespace Relaxnative;

public sealed partial class NativeFunction
{
    /// <summary>How <c>char*</c> arguments and results hold text (<see cref="BindOptions.StringEncoding"/>).</summary>
    public StringEncoding StringEncoding { get; private set; } = StringEncoding.Utf8;

    /// <summary>
    /// The deallocator of the result when the caller owns it (<see cref="BindOptions.Frees"/>), for example <c>free</c>;
    /// otherwise null. Such results come back as <see cref="OwnedNativePointer"/>, or as a string freed at once for <c>char*</c>.
    /// </summary>
    public string? FreeFunction { get; private set; }

    /// <summary>
    /// Applies the per-binding options that change conversions. Called once by the module that creates the function,
    /// before the function is published to other threads.
    /// </summary>
    /// <exception cref="NativeBindingException"><paramref name="frees"/> is given for a function whose result is not a pointer.</exception>
    /// <exception cref="NativeBindingException">A bounds pairing names a parameter the function lacks, or one that is not a pointer and an integer.</exception>
    internal void Configure(BindOptions options, OwnedResult? frees, IReadOnlyList<Signatures.CBoundsPair> declaredBounds)
    {
        // Most functions pair nothing: leave their plan as it is rather than copying it (a load binds thousands).
        if (declaredBounds.Count > 0 || options.Bounds.Count > 0)
        {
            ConfigureBounds(options, declaredBounds);
        }

        if (frees is not null)
        {
            if (!_plan.Return.IsPointerLike || _plan.Return.Kind == ValueKind.FunctionPointer)
            {
                throw new NativeBindingException(Name, [BindingErrors.FreesNonPointer(_plan.Return.Type, frees.Name)]);
            }

            FreeFunction = frees.Name;
            _plan = _plan with { Return = _plan.Return with { Frees = frees } };
        }

        if (options.StringEncoding != StringEncoding.Utf8)
        {
            StringEncoding = options.StringEncoding;
            _plan = NativeText.Apply(_plan, options.StringEncoding);
            _parameters = [.. _plan.Parameters];
        }
    }

    private void ConfigureBounds(BindOptions options, IReadOnlyList<Signatures.CBoundsPair> declaredBounds)
    {
        var pairs = new List<Signatures.CBoundsPair>(declaredBounds);
        foreach (var pair in options.Bounds)
        {
            int buffer = IndexOf(pair.Buffer), count = IndexOf(pair.Count);
            if (!_plan.Parameters[buffer].Type.IsPointer || _plan.Parameters[count].IsPointerLike)
            {
                throw new NativeBindingException(Name, [BindingErrors.BoundsNotPointer(pair.Buffer, pair.Count)]);
            }

            pairs.Add(new Signatures.CBoundsPair(buffer, count, $"@bounds({pair.Buffer}, {pair.Count})"));
        }

        _bounds = pairs.Count == 0 ? null : BoundsCheck.Create(_plan, pairs);
        _plan = _plan with { Bounds = _bounds };
    }

    private int IndexOf(string parameter)
    {
        foreach (var p in Signature.Parameters)
        {
            if (p.Name == parameter)
            {
                return p.Index;
            }
        }

        throw new NativeBindingException(Name, [BindingErrors.UnknownBoundsParameter(parameter, Signature)]);
    }
}
