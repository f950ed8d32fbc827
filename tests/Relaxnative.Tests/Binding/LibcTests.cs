using System.Runtime.InteropServices;

namespace Relaxnative.Tests.Binding;

public sealed class LibcTests : IDisposable
{
    private readonly NativeModule _libc = Native.Open("c");

    public void Dispose() => _libc.Dispose();

    private delegate nuint StrlenDelegate(string text);

    [Fact]
    public void Strlen_Untyped_ReturnsLengthAsNuint()
    {
        var strlen = _libc.Bind("size_t strlen(const char* s)");
        Assert.Equal((nuint)5, strlen.Invoke("hello"));
        Assert.Equal((nuint)6, strlen.Invoke("héllo")); // UTF-8: é is two bytes
        Assert.Equal(5UL, strlen.Invoke<ulong>("hello"));
    }

    [Fact]
    public void Strlen_Typed_AcceptsStringAndBuffer()
    {
        var strlen = _libc.Bind<StrlenDelegate>("size_t strlen(const char* s)");
        Assert.Equal((nuint)11, strlen("hello world"));

        using var buffer = Native.Alloc(16);
        buffer.Write("native"u8);
        var fromBuffer = _libc.Bind<Func<NativeBuffer, nuint>>("size_t strlen(const char* s)");
        Assert.Equal((nuint)6, fromBuffer(buffer));
        Assert.Equal(0, buffer.LeaseCount);
    }

    [Fact]
    public void Memcpy_BetweenNativeBuffers_CopiesBytes()
    {
        var memcpy = _libc.Bind("void* memcpy(void* dest, const void* src, size_t n)");
        using var source = Native.Alloc(64);
        using var destination = Native.Alloc(64);
        source.AsSpan().Fill(0x5A);

        var result = memcpy.Invoke(destination, source, (nuint)64);

        Assert.Equal(source.ToArray(), destination.ToArray());
        var pointer = Assert.IsType<NativePointer>(result);
        Assert.Equal(destination.Address, pointer.Address);
        Assert.Equal(Ownership.Native, pointer.Ownership);
    }

    [Fact]
    public void Memcpy_Typed_SpanAndArray_CopiesBytes()
    {
        var memcpy = _libc.Bind("void* memcpy(void* dest, const void* src, size_t n)").AsDelegate<MemcpySpan>();
        byte[] source = [1, 2, 3, 4, 5];
        Span<byte> destination = stackalloc byte[5];
        memcpy(destination, source, 5);
        Assert.Equal(source, destination.ToArray());
    }

    private delegate nint MemcpySpan(Span<byte> destination, byte[] source, nuint count);

    [Fact]
    public void Qsort_ManagedComparer_SortsPinnedArray()
    {
        var qsort = _libc.Bind("void qsort(void* base, size_t nmemb, size_t size, int (*compar)(const void*, const void*))");
        int[] values = [5, -3, 9, 0, 42, -100, 7];
        int calls = 0;

        unsafe
        {
            qsort.Invoke(values, (nuint)values.Length, (nuint)sizeof(int), (Func<nint, nint, int>)((a, b) =>
            {
                calls++;
                return (*(int*)a).CompareTo(*(int*)b);
            }));
        }

        Assert.Equal([-100, -3, 0, 5, 7, 9, 42], values);
        Assert.True(calls > 0);
    }

    [Fact]
    public void Qsort_ComparerWithNativePointers_SortsNativeBuffer()
    {
        var qsort = _libc.Bind("void qsort(void* base, size_t nmemb, size_t size, int (*compar)(const void*, const void*))");
        using var buffer = Native.Alloc(8 * sizeof(long));
        var longs = buffer.AsSpan<long>();
        long[] input = [8, 3, 1, 7, 2, 6, 5, 4];
        input.CopyTo(longs);

        qsort.Invoke(buffer, (nuint)8, (nuint)8, (Func<NativePointer, NativePointer, int>)((a, b) => a.Read<long>().CompareTo(b.Read<long>())));

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], buffer.AsSpan<long>().ToArray());
    }

    [Fact]
    public void Qsort_NativeCallbackOfTheSameShape_SortsTypedAndUntyped()
    {
        var qsort = _libc.Bind("void qsort(void* base, size_t nmemb, size_t size, int (*compar)(const void*, const void*))");
        // Other names, other pointee types, no const: the same calling convention, so C may call it.
        using var compare = NativeCallback.Create("int by_value(int* a, int* b)", (Func<NativePointer, NativePointer, int>)((a, b) => a.Read<int>().CompareTo(b.Read<int>())));
        int[] values = [3, 1, 2];

        qsort.Invoke(values, (nuint)3, (nuint)sizeof(int), compare);
        Assert.Equal([1, 2, 3], values);

        int[] more = [9, 7, 8];
        qsort.AsDelegate<QsortWithCallback>()(more, 3, sizeof(int), compare);
        Assert.Equal([7, 8, 9], more);
    }

    [Fact]
    public void Qsort_NativeCallbackOfAnotherSignature_ThrowsBeforeTheCallNamingBoth()
    {
        var qsort = _libc.Bind("void qsort(void* base, size_t nmemb, size_t size, int (*compar)(const void*, const void*))");
        int calls = 0;
        using var wrong = NativeCallback.Create("double halve(double x, double y)", (Func<double, double, double>)((x, _) => { calls++; return x / 2; }));
        using var fewer = NativeCallback.Create("int one(const void* a)", (Func<nint, int>)(_ => { calls++; return 0; }));
        int[] values = [3, 1, 2];

        var untyped = Assert.Throws<ArgumentException>(() => qsort.Invoke(values, (nuint)3, (nuint)sizeof(int), wrong));
        Assert.Equal("compar", untyped.ParamName);
        Assert.Contains("double halve(double x, double y)", untyped.Message, StringComparison.Ordinal);
        Assert.Contains("its parameter 1 is 'double' where C passes 'const void*'", untyped.Message, StringComparison.Ordinal);

        var typed = Assert.Throws<ArgumentException>(() => qsort.AsDelegate<QsortWithCallback>()(values, 3, sizeof(int), fewer));
        Assert.Equal("compar", typed.ParamName);
        Assert.Contains("it takes 1 parameter(s) where C passes 2", typed.Message, StringComparison.Ordinal);

        Assert.Equal(0, calls);
        Assert.Equal([3, 1, 2], values);
    }

    private delegate void QsortWithCallback(int[] values, nuint count, nuint size, NativeCallback compare);

    [Fact]
    public void Qsort_ComparerThrows_ExceptionSurfacesAfterTheCall()
    {
        var qsort = _libc.Bind("void qsort(void* base, size_t nmemb, size_t size, int (*compar)(const void*, const void*))");
        int[] values = [3, 2, 1];
        var e = Assert.Throws<InvalidOperationException>(() =>
            qsort.Invoke(values, (nuint)3, (nuint)4, (Func<nint, nint, int>)((_, _) => throw new InvalidOperationException("comparer failed"))));
        Assert.Equal("comparer failed", e.Message);
    }

    [Fact]
    public void Strdup_ReturnsNativeOwnedPointer_NativeFreeRefusesLibcFreeReleases()
    {
        var strdup = _libc.Bind("char* strdup(const char* s)");
        var free = _libc.Bind("void free(void* p)");

        Assert.Equal("copy me", strdup.Invoke("copy me")); // the convenient path copies the string

        var pointer = strdup.Invoke<NativePointer>("copy me");
        Assert.Equal(Ownership.Native, pointer.Ownership);
        Assert.Equal("copy me", pointer.ReadCString());
        Assert.Throws<InvalidFreeException>(() => Native.Free(pointer));
        free.Invoke(pointer);
    }

    [Fact]
    public void Getenv_AfterSetenv_ReadsValueAndNullForMissing()
    {
        var setenv = _libc.Bind("int setenv(const char* name, const char* value, int overwrite)");
        var getenv = _libc.Bind("char* getenv(const char* name)");
        string name = "RELAXNATIVE_TEST_" + Guid.NewGuid().ToString("N");

        Assert.Null(getenv.Invoke(name));
        Assert.Equal(0, setenv.Invoke(name, "value ünïcode", 1));
        Assert.Equal("value ünïcode", getenv.Invoke(name));
        Assert.Equal("value ünïcode", _libc.AsDynamic().getenv(name));
    }

    [Fact]
    public void Abs_Dynamic_CallsBoundFunction()
    {
        _libc.Bind("int abs(int x)");
        dynamic libc = _libc.AsDynamic();
        Assert.Equal(42, (int)libc.abs(-42));
    }

    [Fact]
    public void Invoke_FreedBuffer_ThrowsUseAfterFree()
    {
        var memset = _libc.Bind("void* memset(void* s, int c, size_t n)");
        var buffer = Native.Alloc(16);
        buffer.Free();
        Assert.Throws<UseAfterFreeException>(() => memset.Invoke(buffer, 0, (nuint)16));
        var typed = memset.AsDelegate<Func<NativeBuffer, int, nuint, nint>>();
        Assert.Throws<UseAfterFreeException>(() => typed(buffer, 0, 16));
    }

    [Fact]
    public void Invoke_SliceOfFreedBuffer_ThrowsUseAfterFree()
    {
        var memset = _libc.Bind("void* memset(void* s, int c, size_t n)");
        var buffer = Native.Alloc(16);
        var slice = buffer.Slice(4, 8);
        buffer.Free();
        Assert.Throws<UseAfterFreeException>(() => memset.Invoke(slice, 0, (nuint)8));
    }

    [Fact]
    public void Invoke_BufferFreedDuringCall_MemoryStaysValidUntilCallEnds()
    {
        // qsort calls back into .NET mid-call; the comparer frees the buffer being sorted. The lease keeps the
        // memory alive, so qsort finishes on valid memory and the buffer is released afterwards.
        var qsort = _libc.Bind("void qsort(void* base, size_t nmemb, size_t size, int (*compar)(const void*, const void*))");
        var buffer = Native.Alloc(64 * sizeof(int));
        for (int i = 0; i < 64; i++)
        {
            buffer.Write(i * 4, 64 - i);
        }

        var sortedView = new int[64];
        unsafe
        {
            qsort.Invoke(buffer, (nuint)64, (nuint)4, (Func<nint, nint, int>)((a, b) =>
            {
                if (!buffer.IsFreed)
                {
                    buffer.Free();
                }

                return (*(int*)a).CompareTo(*(int*)b);
            }));
        }

        Assert.True(buffer.IsFreed);
        Assert.Equal(0, buffer.LeaseCount);
        _ = sortedView;
    }

    [Fact]
    public void Invoke_AfterDispose_ThrowsObjectDisposed()
    {
        var module = Native.Open("c");
        var abs = module.Bind("int abs(int x)");
        var typed = abs.AsDelegate<Func<int, int>>();
        module.Dispose();
        module.Dispose();

        Assert.Throws<ObjectDisposedException>(() => abs.Invoke(1));
        Assert.Throws<ObjectDisposedException>(() => typed(1));
        Assert.Throws<ObjectDisposedException>(() => module.Bind("int labs(int x)"));
    }

    [Fact]
    public void Marshal_Sanity_LibcIsTheRealOne() => Assert.True(NativeLibrary.TryLoad(_libc.LibraryPath, out _));
}
