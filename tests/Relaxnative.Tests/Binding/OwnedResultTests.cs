using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Binding;

public sealed class OwnedResultTests
{
    private delegate string? Print(OwnedNativePointer item);

    private delegate OwnedNativePointer? Create(string name, int value);

    private delegate nint CreateRaw(string name, int value);

    [Fact]
    public void Invoke_StrdupFreedWithFree_ReturnsStringAndFreesInOneStep()
    {
        using var libc = Native.Open("libc.so.6");
        var strdup = libc.Bind("char* strdup(const char* s)", new BindOptions { Frees = "free" });
        Assert.Equal("free", strdup.FreeFunction);
        Assert.Equal("h\u00e9llo", strdup.Invoke("h\u00e9llo"));
        Assert.Equal("again", strdup.Invoke<string>("again"));

        using var kept = strdup.Invoke<OwnedNativePointer>("kept");
        Assert.Equal("kept", kept.ReadCString());
        Assert.Equal((byte)'k', kept.Read<byte>());
    }

    [Fact]
    public void Free_CalledTwice_ThrowsDoubleFreeAndUseAfterFree()
    {
        using var libc = Native.Open("libc.so.6");
        var strdup = libc.Bind("char* strdup(const char* s)", new BindOptions { Frees = "free" });
        var owned = strdup.Invoke<OwnedNativePointer>("x");
        nint address = owned.DangerousGetAddress();
        owned.Free();
        Assert.True(owned.IsFreed);

        var twice = Assert.Throws<InvalidFreeException>(owned.Free);
        Assert.True(twice.IsDoubleFree);
        Assert.Equal(address, twice.Address);
        Assert.Contains("'free'", twice.Message, StringComparison.Ordinal);
        var used = Assert.Throws<UseAfterFreeException>(() => owned.Address);
        Assert.Equal(address, used.Address);
        Assert.Throws<UseAfterFreeException>(() => owned.ReadCString());
        owned.Dispose(); // idempotent
    }

    [Theory]
    [InlineData(IsolationMode.InProcess)]
    [InlineData(IsolationMode.Worker)]
    public void Invoke_LibraryDeallocator_FreesExactlyOnce(IsolationMode isolation)
    {
        using var module = NativeFixtures.Load("owned.c", isolation);
        var create = module.Bind("struct item* item_create(const char* name, int value)", new BindOptions { Frees = "item_delete" });
        var deletions = module.GetVariable("item_deletions");
        int before = deletions.Read<int>();

        var item = Assert.IsType<OwnedNativePointer>(create.Invoke("width", 7));
        Assert.Equal("item_delete", item.FreeFunction);
        Assert.Equal(7, module["item_value"].Invoke(item));
        item.Dispose();
        item.Dispose();
        Assert.Equal(before + 1, deletions.Read<int>());
        Assert.Throws<InvalidFreeException>(item.Free);
        Assert.Equal(before + 1, module["item_deletion_count"].Invoke());

        var e = Assert.Throws<UseAfterFreeException>(() => module["item_value"].Invoke(item));
        Assert.Equal(item.DangerousGetAddress(), e.Address);
        Assert.Null(module.Bind("struct item* item_none(void)", new BindOptions { Frees = "item_delete" }).Invoke());
    }

    [Fact]
    public void Load_FreesAnnotation_BindsOwnedResults()
    {
        using var module = NativeFixtures.Load("owned.c", IsolationMode.InProcess);
        Assert.Equal("item_delete", module["item_create"].FreeFunction);
        using var item = Assert.IsType<OwnedNativePointer>(module["item_create"].Invoke("annotated", 4));
        Assert.Equal("annotated=4", module["item_print"].Invoke(item));
    }

    [Fact]
    public void Load_FreesAnnotationInProcessIsolation_SkipsWithTheReason()
    {
        using var module = NativeFixtures.Load("owned.c", IsolationMode.Process);
        var e = Assert.Throws<NativeBindingException>(() => module["item_create"]);
        Assert.Contains("@frees(item_delete)", e.Message, StringComparison.Ordinal);
        Assert.True(module.TryGetFunction("item_value", out _));
        Assert.Contains(module.Skipped, s => s.Name == "item_print" && s.Reason.Contains("@frees(free)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvokeAsync_WorkerThread_ReturnsOwnedResult()
    {
        using var module = NativeFixtures.Load("owned.c", IsolationMode.Worker);
        var create = module.Bind("struct item* item_create(const char* name, int value)",
            new BindOptions { Frees = "item_delete", Mode = ExecutionMode.Async });
        using var item = Assert.IsType<OwnedNativePointer>(await create.InvokeAsync("depth", 3));
        Assert.Equal(3, module["item_value"].Invoke(item));
    }

    [Fact]
    public void AsDelegate_OwnedResults_ReturnOwnerOrFreedString()
    {
        using var module = NativeFixtures.Load("owned.c", IsolationMode.InProcess);
        var create = module.Bind("struct item* item_create(const char* name, int value)", new BindOptions { Frees = "item_delete" });
        var print = module.Bind("char* item_print(const struct item* it)", new BindOptions { Frees = "free" });
        using var item = create.AsDelegate<Create>()("height", 12)!;
        Assert.Equal("height=12", print.Invoke(item));
        Assert.Equal("height=12", print.Invoke<string>(item));

        var e = Assert.Throws<NativeBindingException>(() => create.AsDelegate<CreateRaw>());
        Assert.Contains("OwnedNativePointer (an owned result)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvokeOfT_RawPointerOfOwnedResult_ThrowsAndFreesTheResult()
    {
        using var module = NativeFixtures.Load("owned.c", IsolationMode.InProcess);
        var create = module.Bind("struct item* item_create(const char* name, int value)", new BindOptions { Frees = "item_delete" });
        int before = (int)module["item_deletion_count"].Invoke()!;
        var e = Assert.Throws<InvalidCastException>(() => create.Invoke<nint>("raw", 1));
        Assert.Contains("'item_delete'", e.Message, StringComparison.Ordinal);
        Assert.Contains("OwnedNativePointer", e.Message, StringComparison.Ordinal);
        Assert.Equal(before + 1, module["item_deletion_count"].Invoke());
    }

    [Fact]
    public void Bind_FreesOnScalarResult_ThrowsNamingTheType()
    {
        using var module = NativeFixtures.Load("owned.c", IsolationMode.InProcess);
        var e = Assert.Throws<NativeBindingException>(() => module.Bind("int item_deletion_count(void)", new BindOptions { Frees = "free" }));
        Assert.Contains("'int'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'free'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_UnknownDeallocator_ThrowsNamingIt()
    {
        using var module = NativeFixtures.Load("owned.c", IsolationMode.InProcess);
        var e = Assert.Throws<NativeBindingException>(() =>
            module.Bind("struct item* item_create(const char* name, int value)", new BindOptions { Frees = "item_destroy" }));
        Assert.Contains("'item_destroy'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_FreesInProcessIsolation_ThrowsNotSupported()
    {
        using var module = NativeFixtures.Load("owned.c", IsolationMode.Process);
        var e = Assert.Throws<NotSupportedException>(() =>
            module.Bind("struct item* item_create(const char* name, int value)", new BindOptions { Frees = "item_delete" }));
        Assert.Contains("IsolationMode.Process", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Free_AfterModuleDisposed_ThrowsObjectDisposedAndDisposeLeaves()
    {
        var module = NativeFixtures.Load("owned.c", IsolationMode.InProcess);
        var create = module.Bind("struct item* item_create(const char* name, int value)", new BindOptions { Frees = "item_delete" });
        var first = (OwnedNativePointer)create.Invoke("a", 1)!;
        var second = (OwnedNativePointer)create.Invoke("b", 2)!;
        module.Dispose();
        var e = Assert.Throws<ObjectDisposedException>(first.Free);
        Assert.Contains("'item_delete'", e.Message, StringComparison.Ordinal);
        second.Dispose();
        Assert.True(second.IsFreed);
    }
}
