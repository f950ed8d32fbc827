using Relaxnative.Binding;

namespace Relaxnative;

public sealed partial class NativeFunction
{
    /// <summary>How <c>char*</c> arguments and results hold text (<see cref="BindOptions.StringEncoding"/>).</summary>
    public StringEncoding StringEncoding { get; private set; } = StringEncoding.Utf8;

    /// <summary>
    /// Applies the per-binding options that change conversions. Called once by the module that creates the function,
    /// before the function is published to other threads.
    /// </summary>
    internal void Configure(BindOptions options)
    {
        if (options.StringEncoding != StringEncoding.Utf8)
        {
            StringEncoding = options.StringEncoding;
            _plan = NativeText.Apply(_plan, options.StringEncoding);
            _parameters = [.. _plan.Parameters];
        }
    }
}
