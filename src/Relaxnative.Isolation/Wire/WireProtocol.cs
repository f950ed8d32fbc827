using Relaxnative.Binding;

namespace Relaxnative.Isolation.Wire;

/// <summary>
/// The helper protocol: one write and one read method per <see cref="FrameType"/>, so both ends agree field by field.
/// Frames are <c>int32 payload length | byte type | payload</c>, little-endian. Argument data never travels in a
/// frame: only slots (8 bytes per argument) and fixups that point into shared memory.
/// </summary>
internal static class WireProtocol
{
    /// <summary>Writes <see cref="FrameType.Hello"/>.</summary>
    public static void WriteHello(FrameWriter writer, int processId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Begin(FrameType.Hello);
        writer.WriteInt32(processId);
    }

    /// <summary>Reads the payload of <see cref="FrameType.Hello"/>: the helper's process id.</summary>
    public static int ReadHello(FrameReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.ReadInt32();
    }

    /// <summary>Writes <see cref="FrameType.MapRegion"/>.</summary>
    public static void WriteMapRegion(FrameWriter writer, int regionId, long byteCount, string path)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Begin(FrameType.MapRegion);
        writer.WriteInt32(regionId);
        writer.WriteInt64(byteCount);
        writer.WriteString(path);
    }

    /// <summary>Reads the payload of <see cref="FrameType.MapRegion"/>.</summary>
    public static (int RegionId, long ByteCount, string Path) ReadMapRegion(FrameReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return (reader.ReadInt32(), reader.ReadInt64(), reader.ReadString() ?? "");
    }

    /// <summary>Writes <see cref="FrameType.UnmapRegion"/>.</summary>
    public static void WriteUnmapRegion(FrameWriter writer, int regionId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Begin(FrameType.UnmapRegion);
        writer.WriteInt32(regionId);
    }

    /// <summary>Reads the payload of <see cref="FrameType.UnmapRegion"/>: the region id.</summary>
    public static int ReadUnmapRegion(FrameReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.ReadInt32();
    }

    /// <summary>Writes <see cref="FrameType.Load"/>.</summary>
    public static void WriteLoad(FrameWriter writer, string libraryPath)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Begin(FrameType.Load);
        writer.WriteString(libraryPath);
    }

    /// <summary>Reads the payload of <see cref="FrameType.Load"/>: the library path.</summary>
    public static string ReadLoad(FrameReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.ReadString() ?? "";
    }

    /// <summary>
    /// Writes <see cref="FrameType.Define"/>. <paramref name="variadicFrom"/> is -1, or for one call shape of a
    /// variadic function the index of the first argument that matches <c>...</c> (the declaration then lists the
    /// promoted tail as parameters). <paramref name="address"/> is 0 to look the function up by name, or the address in
    /// the helper of a function pointer it returned. <paramref name="records"/> are the shapes of the records the
    /// declaration passes or returns by value (int32 count, then per record int32 position, size and alignment, int32
    /// leaf count and per leaf int32 offset, int32 size and a float byte).
    /// </summary>
    public static void WriteDefine(FrameWriter writer, int functionId, bool isTrivial, string declaration, int variadicFrom = -1, nint address = 0,
        IReadOnlyList<RecordShape>? records = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Begin(FrameType.Define);
        writer.WriteInt32(functionId);
        writer.WriteByte(isTrivial ? (byte)1 : (byte)0);
        writer.WriteString(declaration);
        writer.WriteInt32(variadicFrom);
        writer.WriteInt64(address);
        writer.WriteInt32(records?.Count ?? 0);
        foreach (var record in records ?? [])
        {
            writer.WriteInt32(record.Position);
            writer.WriteInt32(record.Size);
            writer.WriteInt32(record.Alignment);
            writer.WriteInt32(record.Leaves.Count);
            foreach (var leaf in record.Leaves)
            {
                writer.WriteInt32(leaf.Offset);
                writer.WriteInt32(leaf.Size);
                writer.WriteByte(leaf.IsFloat ? (byte)1 : (byte)0);
            }
        }
    }

    /// <summary>Reads the payload of <see cref="FrameType.Define"/>.</summary>
    public static (int FunctionId, bool IsTrivial, string Declaration, int VariadicFrom, nint Address, RecordShape[] Records) ReadDefine(FrameReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var head = (reader.ReadInt32(), reader.ReadByte() != 0, reader.ReadString() ?? "", reader.ReadInt32(), (nint)reader.ReadInt64());
        var records = new RecordShape[reader.ReadInt32()];
        for (var r = 0; r < records.Length; r++)
        {
            var (position, size, alignment) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
            var leaves = new RecordLeaf[reader.ReadInt32()];
            for (var i = 0; i < leaves.Length; i++)
            {
                leaves[i] = new RecordLeaf(reader.ReadInt32(), reader.ReadInt32(), reader.ReadByte() != 0, "");
            }

            records[r] = new RecordShape(position, size, alignment, leaves);
        }

        return (head.Item1, head.Item2, head.Item3, head.Item4, head.Item5, records);
    }

    /// <summary>Writes <see cref="FrameType.Call"/>: ids, then int32 slot count and slots, then int32 fixup count and fixups.</summary>
    public static void WriteCall(FrameWriter writer, int callId, int functionId, ReadOnlySpan<ulong> slots, ReadOnlySpan<Fixup> fixups)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Begin(FrameType.Call);
        writer.WriteInt32(callId);
        writer.WriteInt32(functionId);
        writer.WriteInt32(slots.Length);
        foreach (ulong slot in slots)
        {
            writer.WriteUInt64(slot);
        }

        writer.WriteInt32(fixups.Length);
        foreach (var fixup in fixups)
        {
            writer.WriteInt32(fixup.TargetRegionId);
            writer.WriteInt64(fixup.Target);
            writer.WriteInt32(fixup.RegionId);
            writer.WriteInt64(fixup.Offset);
        }
    }

    /// <summary>Reads the payload of <see cref="FrameType.Call"/>, filling the caller's reusable lists.</summary>
    public static (int CallId, int FunctionId) ReadCall(FrameReader reader, List<ulong> slots, List<Fixup> fixups)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(fixups);
        int callId = reader.ReadInt32();
        int functionId = reader.ReadInt32();
        slots.Clear();
        for (int i = reader.ReadInt32(); i > 0; i--)
        {
            slots.Add(reader.ReadUInt64());
        }

        fixups.Clear();
        for (int i = reader.ReadInt32(); i > 0; i--)
        {
            fixups.Add(new Fixup(reader.ReadInt32(), reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt64()));
        }

        return (callId, functionId);
    }

    /// <summary>Writes <see cref="FrameType.Result"/>; <paramref name="errno"/> is C's errno as the call left it.</summary>
    public static void WriteResult(FrameWriter writer, int callId, ResultStatus status, ulong slot, string? text, int errno = 0)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Begin(FrameType.Result);
        writer.WriteInt32(callId);
        writer.WriteByte((byte)status);
        writer.WriteUInt64(slot);
        writer.WriteString(text);
        writer.WriteInt32(errno);
    }

    /// <summary>Reads the payload of <see cref="FrameType.Result"/>.</summary>
    public static (int CallId, ResultStatus Status, ulong Slot, string? Text, int Errno) ReadResult(FrameReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return (reader.ReadInt32(), (ResultStatus)reader.ReadByte(), reader.ReadUInt64(), reader.ReadString(), reader.ReadInt32());
    }

    /// <summary>Writes <see cref="FrameType.Log"/>.</summary>
    public static void WriteLog(FrameWriter writer, string text)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Begin(FrameType.Log);
        writer.WriteString(text);
    }

    /// <summary>Reads the payload of <see cref="FrameType.Log"/>.</summary>
    public static string ReadLog(FrameReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.ReadString() ?? "";
    }

    /// <summary>Writes <see cref="FrameType.Exit"/> (no payload).</summary>
    public static void WriteExit(FrameWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Begin(FrameType.Exit);
    }
}
