using System.Runtime.InteropServices;
using Relaxnative.Memory.Heap;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Binding;

/// <summary>
/// A buffer passed to a native call stays allocated until the call returns, whoever frees it meanwhile
/// (docs/memory.md, "Threads and leases"). A buffer's first calls lease it ("fresh"); later ones pin it in the
/// thread's cell and the quarantine keeps a pinned block ("warm"). Guarded buffers make the physical release
/// observable: the guard zones' seam sees each block, poisoned, just before it goes back to the allocator. The
/// fixtures never touch a buffer after it may have been freed, so a broken release fails these tests instead of
/// crashing the test process; the child-process stress in MemoryStressTests has native code use buffers while they
/// are freed.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed unsafe class CallPinTests : IDisposable
{
    private const string FillWhenToldDeclaration = "void fill_when_told(uint8_t* data, size_t n, volatile int* flags)";
    private const string FillThenCallBackDeclaration = "void fill_then_call_back(uint8_t* data, size_t n, uint8_t value, void (*during)(void))";
    private const string FillTwoDeclaration = "void fill_two_then_call_back(uint8_t* a, uint8_t* b, size_t n, void (*during)(void))";
    private const string CopyDeclaration = "void copy_bytes(uint8_t* to, const uint8_t* from, size_t n)";
    private static readonly AllocOptions Guarded = new() { Guard = true };
    private readonly NativeModule _pins = NativeFixtures.Open("pins.c");

    private delegate void FillWhenTold(NativeBuffer data, nuint n, nint flags);

    private delegate void FillWhenToldAt(NativePointer data, nuint n, nint flags);

    private delegate void FillThenCallBack(NativeBuffer data, nuint n, byte value, NativeCallback during);

    private delegate void Copy(NativeBuffer to, NativeBuffer from, nuint n);

    public void Dispose() => _pins.Dispose();

    /// <summary>Every way a buffer reaches a native call in process (typed or untyped, itself or a pointer tied to it), fresh or warm.</summary>
    public static TheoryData<string, bool> Paths => new()
    {
        { "typed", false }, { "typed pointer", false }, { "untyped", false }, { "untyped pointer", false },
        { "typed", true }, { "typed pointer", true }, { "untyped", true }, { "untyped pointer", true },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Call_BufferFreedOnAnotherThreadDuringTheCall_MemoryStaysUntilTheCallReturns(string path, bool warm)
    {
        Quarantine.DrainAll();
        var buffer = NewBuffer(64, warm);
        nint user = buffer.Address;
        var flags = (int*)NativeMemory.AllocZeroed(2, sizeof(int));
        Exception? failed = null;
        var caller = new Thread(() =>
        {
            try
            {
                CallFillWhenTold(path, buffer, (nint)flags);
            }
            catch (Exception e)
            {
                failed = e;
            }
        });
        using var log = new ReleaseLog();
        try
        {
            caller.Start();
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref flags[0]) == 1, TimeSpan.FromSeconds(30)), "the call did not start");

            buffer.Free();
            Quarantine.DrainAll();
            Assert.Empty(log.Of(user));
        }
        finally
        {
            Volatile.Write(ref flags[1], 1);
            caller.Join();
            NativeMemory.Free(flags);
        }

        Assert.Null(failed);
        Quarantine.DrainAll();
        Assert.True(Assert.Single(log.Of(user)).Poisoned);
        Assert.Equal(0, Quarantine.Count);
    }

    [Theory]
    [InlineData("typed", false)]
    [InlineData("untyped", false)]
    [InlineData("typed", true)]
    [InlineData("untyped", true)]
    public void Call_CallbackFreesTheBuffer_MemoryStaysUntilTheCallReturns(string path, bool warm)
    {
        Quarantine.DrainAll();
        var buffer = NewBuffer(64, warm);
        nint user = buffer.Address;
        using var log = new ReleaseLog();
        int releasedDuringCall = -1;
        Action during = () =>
        {
            buffer.Free();
            Quarantine.DrainAll();
            releasedDuringCall = log.Of(user).Count;
        };

        if (path == "typed")
        {
            using var callback = _pins.CreateCallback("void during(void)", during);
            _pins.Bind<FillThenCallBack>(FillThenCallBackDeclaration)(buffer, 64, 7, callback);
        }
        else
        {
            _pins.Bind(FillThenCallBackDeclaration).Invoke(buffer, 64UL, (byte)7, during);
        }

        Assert.Equal(0, releasedDuringCall);
        Assert.Equal(0, ThreadCell.Current.CallDepth);
        Quarantine.DrainAll();
        Assert.True(Assert.Single(log.Of(user)).Poisoned);
        Assert.Equal(0, Quarantine.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Call_NestedDeeperThanThePinStackStartsWith_KeepsEveryLevelsBlock(bool warm)
    {
        const int Levels = 20;
        Quarantine.DrainAll();
        var buffers = Enumerable.Range(0, Levels).Select(_ => NewBuffer(16, warm)).ToArray();
        var users = buffers.Select(b => b.Address).ToArray();
        var hold = _pins.Bind("int hold_across(uint8_t* data, int level, int (*inner)(int))");
        using var log = new ReleaseLog();
        int releasedAtDeepest = -1;
        Func<int, int>? inner = null;
        inner = level =>
        {
            if (level + 1 < Levels)
            {
                return (int)hold.Invoke(buffers[level + 1], level + 1, inner)!;
            }

            Array.ForEach(buffers, b => b.Free());
            Quarantine.DrainAll();
            releasedAtDeepest = users.Sum(user => log.Of(user).Count);
            return 0;
        };

        Assert.Equal(Levels, hold.Invoke(buffers[0], 0, inner));

        Assert.Equal(0, releasedAtDeepest);
        Assert.Equal(0, ThreadCell.Current.CallDepth);
        Quarantine.DrainAll();
        Assert.All(users, user => Assert.True(Assert.Single(log.Of(user)).Poisoned));
    }

    [Theory]
    [InlineData("typed")]
    [InlineData("untyped")]
    [InlineData("untyped with a callback")]
    public void Call_SecondBufferAlreadyFreed_ThrowsUseAfterFreeAndLeavesNothingPinned(string path)
    {
        using var first = Native.Alloc(16);
        var second = Native.Alloc(16);
        second.Free();

        var e = Assert.Throws<UseAfterFreeException>(() =>
        {
            switch (path)
            {
                case "typed":
                    _pins.Bind<Copy>(CopyDeclaration)(first, second, 16);
                    break;
                case "untyped":
                    _pins.Bind(CopyDeclaration).Invoke(first, second, 16UL);
                    break;
                default:
                    _pins.Bind(FillTwoDeclaration).Invoke(first, second, 16UL, () => { });
                    break;
            }
        });

        Assert.Contains("pass to native code", e.Message);
        Assert.Equal(0, ThreadCell.Current.CallDepth);
        Assert.Equal(0, first.LeaseCount);
        first.Write(0, 5L); // the first buffer is untouched by the failed call
        Assert.Equal(5L, first.Read<long>(0));
    }

    [Fact]
    public void Call_FreshBuffer_LeasesItAndItsFreeSkipsTheQuarantine()
    {
        Quarantine.DrainAll();
        var buffer = Native.Alloc(32, Guarded);
        nint user = buffer.Address;
        var ignore = _pins.Bind<Action<NativeBuffer>>("void ignore_buffer(uint8_t* data)");
        for (int i = 0; i < NativeBuffer.LeasedCallsBeforePins; i++)
        {
            ignore(buffer);
        }

        using var log = new ReleaseLog();
        buffer.Free();

        Assert.Single(log.Of(user));
        Assert.Equal(0, Quarantine.Count);
    }

    [Fact]
    public void Call_WarmBuffer_PinsItAndItsFreeGoesThroughTheQuarantine()
    {
        Quarantine.DrainAll();
        var buffer = NewBuffer(32, warm: true);
        nint user = buffer.Address;
        using var log = new ReleaseLog();

        buffer.Free();

        Assert.Empty(log.Of(user));
        Assert.Equal(1, Quarantine.Count);
        Quarantine.DrainAll();
        Assert.Single(log.Of(user));
    }

    [Fact]
    public void Free_WhileACallHoldsABlockOverTheByteBound_LaterFreesWaitForTheirBatch()
    {
        Quarantine.DrainAll();
        var big = NewBuffer(Quarantine.MaxBytesPerStripe + 1, warm: true);
        nint bigUser = big.Address;
        using var log = new ReleaseLog();
        int releasedByLaterFrees = -1;
        Action during = () =>
        {
            big.Free(); // over the stripe's byte bound: drained at once, and kept, since this call pins it
            int before = log.Count;
            for (int i = 0; i < 10; i++)
            {
                var small = Native.Alloc(32, Guarded);
                small.Write(0, i);
                small.Free();
            }

            releasedByLaterFrees = log.Count - before;
        };

        _pins.Bind(FillThenCallBackDeclaration).Invoke(big, 64UL, (byte)3, during);

        // Were the kept block counted towards the bound, every one of these frees would have drained the stripe.
        Assert.Equal(0, releasedByLaterFrees);
        Assert.Equal(11, Quarantine.Count);
        Quarantine.DrainAll();
        Assert.Single(log.Of(bigUser));
        Assert.Equal(11, log.Count);
    }

    // A guarded buffer; warm: passed to enough calls that the next ones pin it instead of leasing it.
    private NativeBuffer NewBuffer(long size, bool warm)
    {
        var buffer = Native.Alloc(size, Guarded);
        if (warm)
        {
            var ignore = _pins.Bind<Action<NativeBuffer>>("void ignore_buffer(uint8_t* data)");
            for (int i = 0; i <= NativeBuffer.LeasedCallsBeforePins; i++)
            {
                ignore(buffer);
            }
        }

        return buffer;
    }

    private void CallFillWhenTold(string path, NativeBuffer buffer, nint flags)
    {
        switch (path)
        {
            case "typed":
                _pins.Bind<FillWhenTold>(FillWhenToldDeclaration)(buffer, 64, flags);
                break;
            case "typed pointer":
                _pins.Bind<FillWhenToldAt>(FillWhenToldDeclaration)(buffer.AsPointer(), 64, flags);
                break;
            case "untyped":
                _pins.Bind(FillWhenToldDeclaration).Invoke(buffer, 64UL, flags);
                break;
            default:
                _pins.Bind(FillWhenToldDeclaration).Invoke(buffer.AsPointer(), 64UL, flags);
                break;
        }
    }
}
