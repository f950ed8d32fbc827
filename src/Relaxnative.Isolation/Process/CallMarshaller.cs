using System.Runtime.InteropServices;
using System.Text;
using Relaxnative.Binding;
using Relaxnative.Isolation.Wire;
using Relaxnative.Isolation.Worker;

namespace Relaxnative.Isolation.Process;

/// <summary>
/// Turns one call's .NET arguments into slots and fixups: scalars go in slots; buffers, arrays and strings are copied
/// into the scratch region (buffers from the module's shared regions are not copied at all) and their pointers become
/// fixups the helper resolves against its own mapping. After the call, writable copies are copied back. Reused across
/// calls under the dispatcher's lock, so a call with only scalars allocates nothing. The dispatcher leases the buffers
/// among the arguments before the call is encoded (ArgumentLeases), so their memory stays valid here even when one
/// is freed meanwhile: such a buffer is still copied in, and gets no copy-back (nobody can observe it any more).
/// </summary>
internal sealed class CallMarshaller
{
    private const int Alignment = 16;
    private readonly List<Fixup> _fixups = [];
    private readonly List<CopyBack> _copyBacks = [];
    private ulong[] _slots = new ulong[8];
    private SharedRegion _scratch = null!;
    private IReadOnlyList<SharedRegion> _shared = [];
    private List<LeasedBuffer>? _leases;
    private long _used;

    private readonly record struct CopyBack(object Target, long Offset, int ByteCount);

    /// <summary>Thrown when the scratch region is too small for a call; the dispatcher grows it and retries.</summary>
    internal sealed class RegionFullException(long neededBytes) : Exception("The scratch region is full.")
    {
        internal long NeededBytes { get; } = neededBytes;
    }

    private int _slotCount;
    private long _recordResultOffset = -1;

    /// <summary>One slot per argument, and one more for the address of a record result.</summary>
    internal ReadOnlySpan<ulong> Slots => _slots.AsSpan(0, _slotCount);

    internal ReadOnlySpan<Fixup> Fixups => CollectionsMarshal.AsSpan(_fixups);

    /// <summary>Converts <paramref name="args"/>; on any exception everything taken so far is undone.</summary>
    internal void Encode(NativeFunction function, ReadOnlySpan<object?> args, SharedRegion scratch, IReadOnlyList<SharedRegion> shared, RemoteOrigins origin,
        List<LeasedBuffer>? leases)
    {
        _leases = leases;
        var parameters = function.Plan.Parameters;
        if (args.Length != parameters.Count)
        {
            BindingErrors.ThrowArgumentCount(function.Signature, args.Length);
        }

        _scratch = scratch;
        _shared = shared;
        _used = 0;
        bool returnsRecord = function.Plan.Return.Kind == ValueKind.Record;
        _slotCount = args.Length + (returnsRecord ? 1 : 0);
        if (_slots.Length < _slotCount)
        {
            _slots = new ulong[Math.Max(_slotCount, _slots.Length * 2)];
        }

        try
        {
            for (int i = 0; i < parameters.Count; i++)
            {
                var plan = parameters[i];
                object? value = args[i];
                _slots[i] = plan.Kind switch
                {
                    ValueKind.Int32 when value is int int32 => (ulong)int32,
                    ValueKind.Pointer or ValueKind.CharPointer or ValueKind.PointerTable => Pointer(function, i, plan, value, origin),
                    ValueKind.FunctionPointer => FunctionPointer(function, i, plan, value, origin),
                    ValueKind.Record => Record(function, i, plan, value),
                    _ => SlotConverter.Scalar(function.Name, plan, value),
                };
            }

            if (returnsRecord)
            {
                // The helper's call writes the returned record straight into scratch, where RecordResult reads it.
                _recordResultOffset = Reserve(function.Plan.Return.Layout!.Size);
                _fixups.Add(Fixup.ForSlot(args.Length, _scratch.Id, _recordResultOffset));
                _slots[args.Length] = 0;
            }
        }
        catch
        {
            Finish(copyBack: false);
            throw;
        }
    }

    /// <summary>
    /// After the call: copies writable data back when the call ran (skipping buffers freed during the call), then
    /// forgets this call's state whatever happened, so one failed copy-back cannot affect later calls.
    /// </summary>
    /// <exception cref="ArgumentException">A raw NativePointer's memory stopped being writable during the call (the
    /// other copy-backs are done first).</exception>
    internal void Finish(bool copyBack, NativeFunction? function = null)
    {
        string? failure = null;
        try
        {
            if (copyBack)
            {
                foreach (var item in _copyBacks)
                {
                    failure ??= CopyBackOne(item, function?.Name);
                }
            }
        }
        finally
        {
            _copyBacks.Clear();
            _fixups.Clear();
            _leases = null;
            _recordResultOffset = -1;
        }

        if (failure is not null)
        {
            throw new ArgumentException(failure);
        }
    }

    private string? CopyBackOne(CopyBack item, string? function)
    {
        nint source = _scratch.Address + (nint)item.Offset;
        switch (item.Target)
        {
            case NativeBuffer { IsFreed: true }:
            case NativePointer { Owner.IsFreed: true }:
                // Freed during the call: the caller's lease still holds the memory, but no one can read it any more.
                return null;
            case NativeBuffer buffer:
                SelfMemory.Unchecked(source, item.ByteCount).CopyTo(SelfMemory.Unchecked(buffer.DangerousGetAddress(), item.ByteCount));
                return null;
            case NativePointer { Owner: not null } pointer:
                SelfMemory.Unchecked(source, item.ByteCount).CopyTo(SelfMemory.Unchecked(pointer.DangerousGetAddress(), item.ByteCount));
                return null;
            case NativePointer pointer:
                int errno = SelfMemory.TryWrite(source, pointer.DangerousGetAddress(), item.ByteCount);
                return errno == 0 ? null : IsolationErrors.UnwritablePointer(function ?? "the function", pointer.DangerousGetAddress(), item.ByteCount, errno);
            case Array array:
                SelfMemory.Unchecked(source, item.ByteCount).CopyTo(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(array), item.ByteCount));
                return null;
            default:
                return null;
        }
    }

    private ulong Pointer(NativeFunction function, int index, ValuePlan plan, object? value, RemoteOrigins origin)
    {
        // Copied back only when C may write it: a const pointee (const T*, or the rows of const T* const* and
        // const T** tables) is copied in once and never back.
        bool writable = plan.Type.Pointee is not { IsConst: true };
        bool rowsWritable = plan.Type.Pointee?.Pointee is not { IsConst: true };
        switch (value)
        {
            case null:
                return 0;
            case nint address:
                return (ulong)address;
            case nuint address:
                return address;
            case NativePointer { IsRemote: true } remote:
                return origin.AddressOf(function, index, plan, remote);
            case NativeBuffer buffer:
                return Buffer(index, buffer, writable, slotTarget: true);
            case NativePointer pointer:
                return LocalPointer(function, index, plan, pointer, writable, slotTarget: true);
            case string text when plan.Text != TextForm.None && NativeText.AcceptsString(plan):
            {
                int byteCount = NativeText.EncodedLength(function.Name, plan, text);
                long offset = Reserve(byteCount);
                NativeText.EncodeInto(plan, text, _scratch.View.AsSpan<byte>(offset, byteCount));
                _fixups.Add(Fixup.ForSlot(index, _scratch.Id, offset));
                return 0;
            }

            case string text when plan.Type.IsCString:
            {
                BindingErrors.ThrowIfEmbeddedNul(function.Name, plan.Parameter!, text);
                int byteCount = Encoding.UTF8.GetByteCount(text);
                long offset = Reserve(byteCount + 1);
                var target = _scratch.View.AsSpan<byte>(offset, byteCount + 1);
                Encoding.UTF8.GetBytes(text, target);
                target[byteCount] = 0;
                _fixups.Add(Fixup.ForSlot(index, _scratch.Id, offset));
                return 0;
            }

            case NativeBuffer?[] buffers when plan.Kind == ValueKind.PointerTable:
            {
                long table = Table(index, buffers.Length);
                for (int i = 0; i < buffers.Length; i++)
                {
                    if (buffers[i] is { } entry)
                    {
                        TableEntry(table, i, Buffer(-1, entry, rowsWritable, slotTarget: false));
                    }
                }

                return 0;
            }

            case NativePointer?[] pointers when plan.Kind == ValueKind.PointerTable:
            {
                long table = Table(index, pointers.Length);
                for (int i = 0; i < pointers.Length; i++)
                {
                    switch (pointers[i])
                    {
                        case null:
                            break;
                        case { IsRemote: true } remote:
                            _scratch.View.Write(table + (i * 8L), (long)origin.AddressOf(function, index, plan, remote));
                            break;
                        case { } local:
                            TableEntry(table, i, LocalPointer(function, index, plan, local, rowsWritable, slotTarget: false));
                            break;
                    }
                }

                return 0;
            }

            case Array array when array.GetType().GetElementType() is { IsPrimitive: true }:
            {
                int byteCount = System.Buffer.ByteLength(array);
                long offset = Reserve(byteCount);
                MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(array), byteCount).CopyTo(_scratch.View.AsSpan<byte>(offset, byteCount));
                if (writable)
                {
                    _copyBacks.Add(new CopyBack(array, offset, byteCount));
                }

                _fixups.Add(Fixup.ForSlot(index, _scratch.Id, offset));
                return 0;
            }

            default:
                throw new ArgumentException(IsolationErrors.UnsupportedArgument(function.Name, index, plan.Parameter?.Name, value));
        }
    }

    /// <summary>The record the helper returned into scratch, as a <see cref="NativeStruct"/> owning a copy; valid until <see cref="Finish"/>.</summary>
    internal NativeStruct RecordResult(ValuePlan plan)
    {
        var layout = plan.Layout!;
        return NativeStruct.Copy(layout, _scratch.View.AsSpan<byte>(_recordResultOffset, layout.Size));
    }

    // A record by value: its bytes (from the caller's struct, a NativeStruct, or sizeof bytes, as in-process) go into
    // scratch and the helper's slot points at them; the helper's call loads them as the record's emitted value type.
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Records by value are planned only where emitted call stubs already run.")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "As above: the caller's struct type is checked by reflection, as in-process.")]
    private ulong Record(NativeFunction function, int index, ValuePlan plan, object? value)
    {
        int byteCount = plan.Layout!.Size;
        long offset = Reserve(byteCount);
        function.WriteRecord(plan, value, _scratch.View.AsSpan<byte>(offset, byteCount));
        _fixups.Add(Fixup.ForSlot(index, _scratch.Id, offset));
        return 0;
    }

    private static ulong FunctionPointer(NativeFunction function, int index, ValuePlan plan, object? value, RemoteOrigins origin) => value switch
    {
        null => 0,
        nint address => (ulong)address,
        NativePointer { IsRemote: true } remote => origin.AddressOf(function, index, plan, remote),
        Delegate or NativeCallback => throw new NotSupportedException(IsolationErrors.CallbackRefused(function.Name, index, plan.Parameter?.Name)),
        _ => throw new ArgumentException(IsolationErrors.UnsupportedArgument(function.Name, index, plan.Parameter?.Name, value)),
    };

    /// <summary>
    /// A buffer: no copy when it lives in one of the module's shared regions; otherwise copied into scratch (and back
    /// when <paramref name="writable"/>). Returns the fixup-less slot value 0, recording a fixup for the slot
    /// (<paramref name="slotTarget"/>) or handing back the packed location for a table entry.
    /// </summary>
    private ulong Buffer(int index, NativeBuffer buffer, bool writable, bool slotTarget)
    {
        nint address = buffer.DangerousGetAddress();
        long size = ArgumentLeases.SizeOf(_leases, buffer);
        foreach (var region in _shared)
        {
            if (region.Contains(address, size))
            {
                return Located(index, region.Id, address - region.Address, slotTarget);
            }
        }

        int byteCount = checked((int)size);
        long offset = Reserve(byteCount);
        SelfMemory.Unchecked(address, byteCount).CopyTo(_scratch.View.AsSpan<byte>(offset, byteCount));
        if (writable)
        {
            _copyBacks.Add(new CopyBack(buffer, offset, byteCount));
        }

        return Located(index, _scratch.Id, offset, slotTarget);
    }

    private ulong LocalPointer(NativeFunction function, int index, ValuePlan plan, NativePointer pointer, bool writable, bool slotTarget)
    {
        if (pointer.Size <= 0)
        {
            throw new ArgumentException(IsolationErrors.UnsizedPointer(function.Name, index, plan.Parameter?.Name));
        }

        nint address = pointer.DangerousGetAddress();
        foreach (var region in _shared)
        {
            if (region.Contains(address, pointer.Size))
            {
                return Located(index, region.Id, address - region.Address, slotTarget);
            }
        }

        int byteCount = checked((int)pointer.Size);
        long offset = Reserve(byteCount);
        if (pointer.Owner is null)
        {
            // Nothing vouches for a raw address: let the kernel check it while copying (SelfMemory).
            int errno = SelfMemory.TryRead(address, _scratch.Address + (nint)offset, byteCount);
            if (errno != 0)
            {
                throw new ArgumentException(IsolationErrors.UnreadablePointer(function.Name, index, plan.Parameter?.Name, address, byteCount, errno));
            }
        }
        else
        {
            SelfMemory.Unchecked(address, byteCount).CopyTo(_scratch.View.AsSpan<byte>(offset, byteCount));
        }
        if (writable)
        {
            _copyBacks.Add(new CopyBack(pointer, offset, byteCount));
        }

        return Located(index, _scratch.Id, offset, slotTarget);
    }

    // For a slot, records the fixup and returns 0; for a table entry, packs (region, offset) for TableEntry.
    private ulong Located(int index, int regionId, long offset, bool slotTarget)
    {
        if (slotTarget)
        {
            _fixups.Add(Fixup.ForSlot(index, regionId, offset));
            return 0;
        }

        return ((ulong)(uint)regionId << 40) | (ulong)offset;
    }

    private long Table(int index, int count)
    {
        long table = Reserve(Math.Max(count, 1) * 8L);
        _scratch.View.AsSpan<byte>(table, Math.Max(count, 1) * 8).Clear();
        _fixups.Add(Fixup.ForSlot(index, _scratch.Id, table));
        return table;
    }

    private void TableEntry(long table, int entry, ulong packed) =>
        _fixups.Add(new Fixup(_scratch.Id, table + (entry * 8L), (int)(packed >> 40), (long)(packed & ((1UL << 40) - 1))));

    private long Reserve(long byteCount)
    {
        long offset = (_used + Alignment - 1) & ~(long)(Alignment - 1);
        if (offset + byteCount > _scratch.Size)
        {
            throw new RegionFullException(offset + byteCount);
        }

        _used = offset + byteCount;
        return offset;
    }
}
