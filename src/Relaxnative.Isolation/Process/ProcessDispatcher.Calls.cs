using Relaxnative.Binding;
using Relaxnative.Isolation.Wire;
using Relaxnative.Isolation.Worker;

namespace Relaxnative.Isolation.Process;

internal sealed partial class ProcessDispatcher
{
    private object? InvokeLocked(NativeFunction function, ReadOnlySpan<object?> args, List<LeasedBuffer>? leases)
    {
        if (!_functionIds.TryGetValue(function, out int functionId))
        {
            functionId = _declarations.Count;
            // The helper parses the declaration without the module's typedefs or records: records travel as shapes.
            var records = RecordShape.Of(function.Plan);
            _declarations.Add(RecordShape.WithOpaquePointers(RecordShape.WithPlaceholders(NativeText.ResolvedKeepingWideNames(function.Signature), records)).ToString());
            _trivial.Add(function.IsTrivial);
            _records.Add(records);
            _functionIds.Add(function, functionId);
        }

        var helper = EnsureHelper();
        if (function.RemoteTarget is { } target && RemoteTargetProblem(target) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        EncodeGrowing(function, args, leases);
        bool ran = false;
        try
        {
            if (_defined.Add(functionId))
            {
                WireProtocol.WriteDefine(_writer, functionId, _trivial[functionId], _declarations[functionId], function.Plan.VariadicFrom ?? -1,
                    function.RemoteTarget?.DangerousGetAddress() ?? 0, _records[functionId]);
                _writer.Send(helper.Input);
            }

            int callId = ++_nextCallId;
            CallDispatched?.Invoke(this, new CallDispatchedEventArgs(function));
            WireProtocol.WriteCall(_writer, callId, functionId, _marshaller.Slots, _marshaller.Fixups);
            if (_options.CallTimeout is { } timeout)
            {
                Volatile.Write(ref _armedCallId, callId);
                _timeoutTimer.Change(timeout, Timeout.InfiniteTimeSpan);
            }

            var (status, slot, text, errno) = SendAndReceive(helper, function, callId);
            ran = status != ResultStatus.Error;
            if (ran && function.Plan.CaptureErrno)
            {
                NativeFunction.SetLastErrno(errno);
            }

            if (status == ResultStatus.Error)
            {
                throw new NativeBindingException(text ?? $"The helper could not call '{function.Name}'.");
            }

            return function.Plan.Return.Kind == ValueKind.Record
                ? _marshaller.RecordResult(function.Plan.Return)
                : SlotConverter.Result(function.Plan.Return, slot, status == ResultStatus.NullString ? null : text, Origin);
        }
        finally
        {
            _marshaller.Finish(copyBack: ran, function);
        }
    }

    private void EncodeGrowing(NativeFunction function, ReadOnlySpan<object?> args, List<LeasedBuffer>? leases)
    {
        while (true)
        {
            try
            {
                _marshaller.Encode(function, args, _scratch!, _sharedRegions, new RemoteOrigins(Origin, _moduleTag), leases);
                return;
            }
            catch (CallMarshaller.RegionFullException full)
            {
                // Grow to twice what this call needs, so a series of growing calls reallocates rarely.
                var old = _scratch!;
                _scratch = SharedRegion.Create(++_nextRegionId, Math.Max(full.NeededBytes * 2, old.Size * 2));
                var helper = _helper!;
                WireProtocol.WriteMapRegion(_writer, _scratch.Id, _scratch.Size, _scratch.HelperPath);
                SendOrCrash(helper, function);
                WireProtocol.WriteUnmapRegion(_writer, old.Id);
                SendOrCrash(helper, function);
                // The helper may not have mapped the old region yet (frames are processed in order, later): keep
                // this process's descriptor open until the helper has answered the next call.
                _retired.Add(old);
            }
        }
    }

    private (ResultStatus Status, ulong Slot, string? Text, int Errno) SendAndReceive(HelperProcess helper, NativeFunction function, int callId)
    {
        try
        {
            _writer.Send(helper.Input);
            while (true)
            {
                if (!_reader.TryRead(helper.Output))
                {
                    throw new EndOfStreamException();
                }

                if (_reader.Type == FrameType.Result)
                {
                    var (id, status, slot, text, errno) = WireProtocol.ReadResult(_reader);
                    if (id == callId)
                    {
                        Disarm();
                        DisposeRetired();
                        return (status, slot, text, errno);
                    }
                }

                // Log frames and stale results are skipped.
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ObjectDisposedException)
        {
            bool timedOut = !Disarm();
            throw HelperDied(function, timedOut, e);
        }
    }

    private void SendOrCrash(HelperProcess helper, NativeFunction function)
    {
        try
        {
            _writer.Send(helper.Input);
        }
        catch (IOException e)
        {
            throw HelperDied(function, timedOut: false, e);
        }
    }

    /// <summary>Ends the timeout for the current call; false when the timer already fired (and killed the helper).</summary>
    private bool Disarm()
    {
        if (_options.CallTimeout is null)
        {
            return true;
        }

        _timeoutTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Interlocked.Exchange(ref _armedCallId, 0) != 0;
    }

    private void OnTimeout()
    {
        int armed = Volatile.Read(ref _armedCallId);
        if (armed != 0 && Interlocked.CompareExchange(ref _armedCallId, 0, armed) == armed)
        {
            // Not under the lock: the calling thread holds it while blocked reading. Kill is thread-safe.
            Volatile.Read(ref _helper)?.Kill();
        }
    }

    private Exception HelperDied(NativeFunction function, bool timedOut, Exception cause)
    {
        var helper = _helper!;
        helper.Kill();
        int exitCode = helper.WaitForExit();
        string tail = helper.StandardErrorTail();
        string? signal = SignalNames.FromExitCode(exitCode);
        ForgetHelper(helper, exitCode, signal);
        if (timedOut)
        {
            return new NativeTimeoutException(function.Name, _options.CallTimeout!.Value);
        }

        return new NativeCrashException(function.Name, signal, exitCode, tail);
    }

    private HelperProcess EnsureHelper()
    {
        if (_helper is { } running)
        {
            if (!running.HasExited)
            {
                return running;
            }

            // Died between calls (killed from outside, or a limit): start afresh.
            int code = running.WaitForExit();
            ForgetHelper(running, code, SignalNames.FromExitCode(code));
        }

        var helper = HelperProcess.Start(_hostPath, _options, _reader);
        try
        {
            _scratch ??= SharedRegion.Create(++_nextRegionId, _options.InitialSharedBytes);
            WireProtocol.WriteMapRegion(_writer, _scratch.Id, _scratch.Size, _scratch.HelperPath);
            _writer.Send(helper.Input);
            foreach (var region in _sharedRegions)
            {
                WireProtocol.WriteMapRegion(_writer, region.Id, region.Size, region.HelperPath);
                _writer.Send(helper.Input);
            }

            WireProtocol.WriteLoad(_writer, LibraryPath);
            _writer.Send(helper.Input);
        }
        catch (IOException)
        {
            helper.Kill();
            helper.WaitForExit();
            helper.Dispose();
            throw;
        }

        _defined.Clear();
        Origin = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"helper generation {++_generation} (pid {helper.Pid}) of {_moduleTag}");
        Volatile.Write(ref _helper, helper);
        HelperStarted?.Invoke(this, new HelperStartedEventArgs(helper.Pid));
        return helper;
    }

    private void ForgetHelper(HelperProcess helper, int exitCode, string? signal)
    {
        Volatile.Write(ref _helper, null);
        _defined.Clear();
        DisposeRetired();
        helper.Dispose();
        HelperExited?.Invoke(this, new HelperExitedEventArgs(helper.Pid, exitCode, signal));
    }

    private void StopHelper(bool orderly)
    {
        if (_helper is not { } helper)
        {
            return;
        }

        if (orderly && !helper.HasExited)
        {
            try
            {
                WireProtocol.WriteExit(_writer);
                _writer.Send(helper.Input);
                helper.Input.Close();
            }
            catch (IOException)
            {
                // Already gone.
            }
        }

        int exitCode = helper.WaitForExit();
        ForgetHelper(helper, exitCode, SignalNames.FromExitCode(exitCode));
    }

    private void DisposeRetired()
    {
        if (_retired.Count > 0)
        {
            foreach (var region in _retired)
            {
                region.Dispose();
            }

            _retired.Clear();
        }
    }

    private void TrySend(Action write)
    {
        try
        {
            write();
            _writer.Send(_helper!.Input);
        }
        catch (IOException)
        {
            // The helper died; the next call notices and starts a fresh one, which maps every region.
        }
    }
}
