namespace Relaxnative.Isolation.Wire;

/// <summary>The kind of a frame on the helper's pipes. One byte on the wire, after the payload length.</summary>
internal enum FrameType : byte
{
    /// <summary>Helper to host, once at start: the helper's process id (int32).</summary>
    Hello = 1,

    /// <summary>Host to helper: map a shared-memory region (region id int32, size int64, path string).</summary>
    MapRegion = 2,

    /// <summary>Host to helper: unmap a region (region id int32).</summary>
    UnmapRegion = 3,

    /// <summary>Host to helper: open the library (path string).</summary>
    Load = 4,

    /// <summary>Host to helper, once per function per helper: function id int32, trivial byte, C declaration string,
    /// first variadic argument int32 (-1 when not a variadic call shape), address int64 (0: look the name up; otherwise
    /// a function pointer the helper returned), then the shapes of records passed by value (<see cref="RecordShape"/>).</summary>
    Define = 5,

    /// <summary>Host to helper: call id int32, function id int32, slots, pointer fixups.</summary>
    Call = 6,

    /// <summary>Helper to host: call id int32, status byte, result slot uint64, text (error, or a returned C string),
    /// errno int32 as the call left it.</summary>
    Result = 7,

    /// <summary>Helper to host: a diagnostic line (string).</summary>
    Log = 8,

    /// <summary>Host to helper: exit now, cleanly (no payload).</summary>
    Exit = 9,
}
