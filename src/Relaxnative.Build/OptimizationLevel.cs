namespace Relaxnative;

/// <summary>How a source file is optimised when it is compiled.</summary>
public enum OptimizationLevel
{
    /// <summary>Optimised code: <c>-O2</c> for C and C++, <c>-C opt-level=2</c> for Rust. The default.</summary>
    Release,

    /// <summary>Unoptimised code with debug information: <c>-O0 -g</c> for C and C++, <c>-C opt-level=0 -C debuginfo=2</c> for Rust.</summary>
    Debug,
}
