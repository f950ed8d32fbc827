using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using Relaxnative.Binding;
using Relaxnative.Isolation.Process;
using Relaxnative.Isolation.Wire;
using Relaxnative.Signatures;

namespace Relaxnative.Host;

/// <summary>Reads frames, maps regions, opens the library, defines and calls functions, writes results. One call at a time.</summary>
internal sealed class HelperLoop(Stream input, Stream output)
{
    private readonly FrameReader _reader = new();
    private readonly FrameWriter _writer = new();
    private readonly Dictionary<int, (MemoryMappedFile File, MemoryMappedViewAccessor View, nint Address)> _regions = [];
    private readonly List<NativeFunction?> _functions = [];
    private readonly List<string?> _defineErrors = [];
    private readonly List<ulong> _slots = [];
    private readonly List<Fixup> _fixups = [];
    private NativeLibraryHandle? _library;
    private string? _loadError;
    private object?[] _args = [];

    internal int Run()
    {
        // The first declaration parsed in a fresh process pays the parser's JIT (tens of ms, more on a busy machine);
        // pay it before Hello, in start-up, so it never counts against a call's CallTimeout.
        _ = CDeclarationParser.Parse("int warm_up(const char* text, unsigned long length, double (*f)(double))");
        WireProtocol.WriteHello(_writer, Environment.ProcessId);
        _writer.Send(output);
        // A closed pipe means the host is gone or done: exit.
        while (_reader.TryRead(input))
        {
            switch (_reader.Type)
            {
                case FrameType.MapRegion:
                    Map();
                    break;
                case FrameType.UnmapRegion:
                    Unmap(WireProtocol.ReadUnmapRegion(_reader));
                    break;
                case FrameType.Load:
                    Load(WireProtocol.ReadLoad(_reader));
                    break;
                case FrameType.Define:
                    Define();
                    break;
                case FrameType.Call:
                    Call();
                    break;
                case FrameType.Exit:
                    return 0;
            }
        }

        return 0;
    }

    private void Map()
    {
        var (id, size, path) = WireProtocol.ReadMapRegion(_reader);
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, size, MemoryMappedFileAccess.ReadWrite);
        var view = file.CreateViewAccessor(0, size, MemoryMappedFileAccess.ReadWrite);
        _regions[id] = (file, view, view.SafeMemoryMappedViewHandle.DangerousGetHandle() + (nint)view.PointerOffset);
    }

    private void Unmap(int id)
    {
        if (_regions.Remove(id, out var region))
        {
            region.View.Dispose();
            region.File.Dispose();
        }
    }

    private void Load(string path)
    {
        try
        {
            _library = NativeLibraryHandle.Open(path);
        }
        catch (Exception e)
        {
            _loadError = e.Message;
        }
    }

    private void Define()
    {
        var (id, isTrivial, declaration, variadicFrom, target, records) = WireProtocol.ReadDefine(_reader);
        while (_functions.Count <= id)
        {
            _functions.Add(null);
            _defineErrors.Add(null);
        }

        try
        {
            if (_library is null)
            {
                throw new InvalidOperationException(_loadError ?? "No library was loaded.");
            }

            var signature = CDeclarationParser.Parse(declaration);
            nint address = target != 0 ? target : _library.TryGetExport(signature.Name);
            if (address == 0)
            {
                throw new NativeBindingException(BindingErrors.SymbolNotFound(signature.Name, _library.Path));
            }

            // A function pointer the host made callable: refuse data addresses here, where calling one would crash.
            if (target != 0 && ExecutableMemory.Problem(target) is { } problem)
            {
                throw new ArgumentException(BindingErrors.FunctionPointer(target, problem + " in the helper process"));
            }

            // A call shape of a variadic function goes through its entry thunk, exactly as in the host's own process.
            // errno is always saved here and always sent back: a nanosecond beside the round trip, and the host
            // decides whether the caller asked for it.
            // Records by value are planned from their shapes, with the emitted value types the host's untyped path uses.
            var layouts = RecordShape.Table(records);
            _functions[id] = variadicFrom < 0
                ? new NativeFunction(_library, address, signature, ExecutionMode.Sync, NativeCost.Unspecified, isTrivial, captureErrno: true, layouts: layouts)
                : new NativeFunction(_library, VariadicThunks.For(address), signature, ExecutionMode.Sync, NativeCost.Unspecified, isTrivial,
                    captureErrno: true, variadicFrom: variadicFrom, layouts: layouts);
        }
        catch (Exception e)
        {
            _defineErrors[id] = e.Message;
        }
    }

    private void Call()
    {
        var (callId, functionId) = WireProtocol.ReadCall(_reader, _slots, _fixups);
        var function = functionId < _functions.Count ? _functions[functionId] : null;
        if (function is null)
        {
            Reply(callId, ResultStatus.Error, 0, (functionId < _defineErrors.Count ? _defineErrors[functionId] : null) ?? "The function was not defined.");
            return;
        }

        foreach (var fixup in _fixups)
        {
            nint pointer = _regions[fixup.RegionId].Address + (nint)fixup.Offset;
            if (fixup.TargetsSlot)
            {
                _slots[(int)fixup.Target] = (ulong)pointer;
            }
            else
            {
                Marshal.WriteIntPtr(_regions[fixup.TargetRegionId].Address + (nint)fixup.Target, pointer);
            }
        }

        var parameters = function.Plan.Parameters;
        if (_args.Length != parameters.Count)
        {
            _args = new object?[parameters.Count];
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            // A record's slot holds the address of its bytes in shared memory.
            _args[i] = parameters[i].Kind == ValueKind.Record
                ? NativeBuffer.DangerousWrap((nint)_slots[i], parameters[i].Layout!.Size, Ownership.Borrowed)
                : SlotConverter.Argument(parameters[i], _slots[i]);
        }

        object? result;
        try
        {
            result = function.InvokeInProcess(_args);
        }
        catch (Exception e)
        {
            Reply(callId, ResultStatus.Error, 0, e.Message);
            return;
        }

        int errno = NativeFunction.LastErrno;
        if (result is NativeStruct record)
        {
            // The host reserved sizeof the record in scratch, after the arguments' slots.
            record.CopyTo(SelfMemory.Unchecked((nint)_slots[parameters.Count], record.Layout.Size));
            Reply(callId, ResultStatus.Ok, 0, null, errno);
        }
        else if (NativeText.ReturnsString(function.Plan.Return))
        {
            Reply(callId, result is null ? ResultStatus.NullString : ResultStatus.Ok, 0, result as string, errno);
        }
        else
        {
            Reply(callId, ResultStatus.Ok, SlotConverter.FromResult(result), null, errno);
        }
    }

    private void Reply(int callId, ResultStatus status, ulong slot, string? text, int errno = 0)
    {
        WireProtocol.WriteResult(_writer, callId, status, slot, text, errno);
        _writer.Send(output);
    }
}
