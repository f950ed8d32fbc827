namespace Relaxnative.Memory.Heap;

/// <summary>
/// One entry of a thread's call-pin stack (<see cref="ThreadCell.CallPins"/>): either a pinned address, which the
/// quarantine scans, or a buffer the call leased instead (see <see cref="NativeBuffer.PinForCall"/>), which the pop
/// releases.
/// </summary>
internal struct CallPin
{
    /// <summary>The pinned buffer's address, or 0 (a free entry, or one that holds a lease).</summary>
    internal nint Address;

    /// <summary>The buffer whose lease this entry holds, or null.</summary>
    internal NativeBuffer? Leased;
}
