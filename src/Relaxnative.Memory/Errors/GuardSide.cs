namespace Relaxnative;

/// <summary>Which guard zone of a guarded buffer was damaged.</summary>
public enum GuardSide
{
    /// <summary>The canary bytes before the block: something wrote below offset 0 (an underrun).</summary>
    Before,

    /// <summary>The canary bytes after the block: something wrote at or past offset <c>Size</c> (an overrun).</summary>
    After,
}
